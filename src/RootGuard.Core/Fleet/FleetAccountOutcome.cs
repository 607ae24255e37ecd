using RootGuard.Core.Assessment;

namespace RootGuard.Core.Fleet
{
    /// <summary>What became of one account of a fleet run: its report, or why it could not be assessed.</summary>
    public sealed class FleetAccountOutcome
    {
        private FleetAccountOutcome(string accountId, AssessmentReport? report, RootGuardException? failure, AccountStanding standing)
        {
            AccountId = accountId;
            Report = report;
            Failure = failure;
            Standing = standing;
        }

        public string AccountId { get; }

        /// <summary>The account's findings; null when the account could not be reached.</summary>
        public AssessmentReport? Report { get; }

        /// <summary>Why the account could not be assessed (role missing, AccessDenied, an SCP, throttling past every retry).</summary>
        public RootGuardException? Failure { get; }

        public AccountStanding Standing { get; }

        public bool Succeeded => Report != null;

        public static FleetAccountOutcome Assessed(AssessmentReport report, AccountStanding standing) =>
            new FleetAccountOutcome(report.Context.AccountId, report, null, standing);

        public static FleetAccountOutcome Unreachable(string accountId, RootGuardException failure, AccountStanding standing) =>
            new FleetAccountOutcome(accountId, null, failure, standing);
    }
}
