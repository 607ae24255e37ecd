using System;
using System.Collections.Generic;

namespace RootGuard.Core.Repair
{
    /// <summary>One decision: an account, the fix (or none) and the failed checks it concerns.</summary>
    public sealed class RepairDecision
    {
        public RepairDecision(string accountId, RootFix? fix, IReadOnlyList<string> checkIds, RepairDisposition disposition, string message,
            IReadOnlyList<string>? missingParameters = null, RootGuardException? refusal = null)
        {
            AccountId = accountId;
            Fix = fix;
            CheckIds = checkIds;
            Disposition = disposition;
            Message = message;
            MissingParameters = missingParameters ?? Array.Empty<string>();
            Refusal = refusal;
        }

        public string AccountId { get; }
        public RootFix? Fix { get; }
        public IReadOnlyList<string> CheckIds { get; }
        public RepairDisposition Disposition { get; }

        /// <summary>The manual step, the skip message, or what the fix will do.</summary>
        public string Message { get; }

        public IReadOnlyList<string> MissingParameters { get; }

        /// <summary>For <see cref="RepairDisposition.Refused"/>: the error to report.</summary>
        public RootGuardException? Refusal { get; }

        public override string ToString() => $"{AccountId} {Fix?.ToString() ?? "Manual"} [{string.Join(",", CheckIds)}] {Disposition}";
    }
}
