using System;
using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Repair
{
    /// <summary>Which check each fix repairs, the order fixes run in, and the checks no API can fix.</summary>
    public static class RepairCatalog
    {
        /// <summary>
        /// The order fixes run in within an account: the organization's root features first (the credential fix needs
        /// them), then the contact, the credentials, and the monitors.
        /// </summary>
        public static IReadOnlyList<RootFix> Order { get; } = new[]
        {
            RootFix.CentralRootAccess, RootFix.SecurityContact, RootFix.RootCredentials, RootFix.SignInAlert, RootFix.UsageAlarm,
        };

        private static readonly IReadOnlyDictionary<string, RootFix> ByCheck = new Dictionary<string, RootFix>(StringComparer.OrdinalIgnoreCase)
        {
            ["RG.ROOT.1"] = RootFix.RootCredentials,
            ["RG.ROOT.2"] = RootFix.RootCredentials,
            ["RG.ROOT.3"] = RootFix.RootCredentials,
            ["RG.ROOT.5"] = RootFix.SignInAlert,
            ["RG.ROOT.6"] = RootFix.UsageAlarm,
            ["RG.ROOT.7"] = RootFix.SecurityContact,
            ["RG.ROOT.8"] = RootFix.CentralRootAccess,
        };

        /// <summary>The checks whose fix is a person's work, and that work.</summary>
        public static IReadOnlyDictionary<string, string> ManualSteps { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["RG.ROOT.4"] =
                "Find out who used the root user and why (CloudTrail: userIdentity.type = Root), move that work to an IAM role, and rotate or remove the root credentials that were used. No API call can undo a past use.",
        };

        /// <summary>The fix for a check, or null when the check has none through the API.</summary>
        public static RootFix? FixFor(string checkId) => ByCheck.TryGetValue(checkId, out var fix) ? fix : (RootFix?)null;

        /// <summary>The checks a fix repairs, in id order.</summary>
        public static IReadOnlyList<string> ChecksOf(RootFix fix) => ByCheck.Where(p => p.Value == fix).Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
    }
}
