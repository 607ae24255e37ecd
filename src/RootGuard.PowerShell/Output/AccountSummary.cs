using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Fleet;

namespace RootGuard
{
    /// <summary>One account's assessment in one row (Test-RootAccountSecurity -Summary): how many checks ended in each status.</summary>
    public sealed class AccountSummary
    {
        internal AccountSummary(AssessmentReport report, AccountStanding standing)
        {
            AccountId = report.Context.AccountId;
            IsManagementAccount = standing.IsManagementAccount;
            RootCredentialsCentrallyManaged = standing.RootCredentialsCentrallyManaged;
            Passed = Count(report, Core.Assessment.FindingStatus.Pass);
            Failed = Count(report, Core.Assessment.FindingStatus.Fail);
            Warnings = Count(report, Core.Assessment.FindingStatus.Warning);
            Errors = Count(report, Core.Assessment.FindingStatus.Error);
            NotApplicable = Count(report, Core.Assessment.FindingStatus.NotApplicable);
            AllPassed = report.AllPassed;
        }

        public string AccountId { get; }

        /// <summary>True for the organization's management account, false for a member account or one in no organization; empty when not known.</summary>
        public bool? IsManagementAccount { get; }

        /// <summary>True when the account's organization manages root credentials centrally; empty when not known.</summary>
        public bool? RootCredentialsCentrallyManaged { get; }

        public int Passed { get; }
        public int Failed { get; }
        public int Warnings { get; }

        /// <summary>Checks that could not be judged (a read was denied or failed): not the same as an account that could not be reached, which is an error record.</summary>
        public int Errors { get; }

        public int NotApplicable { get; }

        /// <summary>What -Quiet would say for this account: every check Pass or NotApplicable.</summary>
        public bool AllPassed { get; }

        private static int Count(AssessmentReport report, Core.Assessment.FindingStatus status) => report.Results.Count(r => r.Status == status);

        public override string ToString() => $"{AccountId} {Failed} failed";
    }
}
