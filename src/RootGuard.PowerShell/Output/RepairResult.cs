using System.Collections.Generic;
using System.Linq;

namespace RootGuard
{
    /// <summary>One fix (or manual step) for one account: the checks it concerns, what changed, and their status afterwards.</summary>
    public sealed class RepairResult
    {
        internal RepairResult(string accountId, string fix, IReadOnlyList<string> checkIds, RepairAction action, string message,
            IReadOnlyList<ResourceChange> changes, IReadOnlyList<Finding> findings)
        {
            AccountId = accountId;
            Fix = fix;
            CheckId = checkIds.ToArray();
            Action = action;
            Message = message;
            Changes = changes.ToArray();
            Findings = findings.ToArray();
        }

        /// <summary>The account the fix is for (the management account for centralized root access).</summary>
        public string AccountId { get; }

        /// <summary>CentralRootAccess, SecurityContact, RootCredentials, SignInAlert, UsageAlarm, or Manual.</summary>
        public string Fix { get; }

        /// <summary>The failed checks this fix concerns.</summary>
        public string[] CheckId { get; }

        public RepairAction Action { get; }

        /// <summary>What was done, why it was skipped, or the manual step.</summary>
        public string Message { get; }

        /// <summary>Every change the fix made or planned (Skipped when declined), in order.</summary>
        public ResourceChange[] Changes { get; }

        /// <summary>The findings of <see cref="CheckId"/>: assessed again after a repair (their new status), otherwise as they were given.</summary>
        public Finding[] Findings { get; }

        /// <summary>The findings' statuses, for the table view: RG.ROOT.1=Pass, RG.ROOT.2=NotApplicable.</summary>
        public string Status => string.Join(", ", Findings.Select(f => $"{f.CheckId}={f.Status}"));

        public override string ToString() => $"{AccountId} {Fix} {Action}";
    }
}
