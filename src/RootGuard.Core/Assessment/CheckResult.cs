using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Assessment
{
    /// <summary>The verdict of one check: what the cmdlet turns into a <c>RootGuard.Finding</c>.</summary>
    public sealed class CheckResult
    {
        public CheckResult(RootCheck check, FindingStatus status, string region, string reason, string remediation,
            IReadOnlyList<KeyValuePair<string, object?>> evidence)
        {
            CheckId = check.Id;
            Title = check.Title;
            Severity = check.Severity;
            Compliance = check.Compliance;
            Status = status;
            Region = region;
            Reason = reason;
            Remediation = remediation;
            Evidence = evidence;
        }

        public string CheckId { get; }
        public string Title { get; }
        public FindingStatus Status { get; }
        public FindingSeverity Severity { get; }
        public string Region { get; }

        /// <summary>One sentence with the evidence.</summary>
        public string Reason { get; }

        /// <summary>What to do, with the RootGuard command that fixes it where one exists; empty for a pass.</summary>
        public string Remediation { get; }

        public IReadOnlyList<string> Compliance { get; }

        /// <summary>The raw facts the verdict rests on, in a stable order.</summary>
        public IReadOnlyList<KeyValuePair<string, object?>> Evidence { get; }

        /// <summary>Failures first, then errors and warnings, then the rest; within a status the most severe first.</summary>
        public static int StatusRank(FindingStatus status) => status switch
        {
            FindingStatus.Fail => 0,
            FindingStatus.Error => 1,
            FindingStatus.Warning => 2,
            FindingStatus.Pass => 3,
            _ => 4,
        };

        /// <summary>The output order: failures first, then errors, warnings, passes and not-applicable; the most severe first within each.</summary>
        public static IReadOnlyList<CheckResult> Order(IEnumerable<CheckResult> results) =>
            results.OrderBy(r => StatusRank(r.Status)).ThenByDescending(r => r.Severity).ThenBy(r => r.CheckId, System.StringComparer.Ordinal).ToList();

        /// <summary>
        /// What <c>-Quiet</c> counts as passed: Pass and NotApplicable. A Warning is not a pass (Security Hub will report
        /// it as failed, or a link could not be verified), nor is an Error (nothing was proven).
        /// </summary>
        public bool CountsAsPassed => Status == FindingStatus.Pass || Status == FindingStatus.NotApplicable;

        public override string ToString() => $"{CheckId} {Status}: {Reason}";
    }
}
