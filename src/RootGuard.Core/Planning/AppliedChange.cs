namespace RootGuard.Core.Planning
{
    /// <summary>The result of one step, for the cmdlet's Changes output.</summary>
    public sealed class AppliedChange
    {
        public AppliedChange(PlannedChange change, ChangeOutcome outcome, string? reason = null, StepFailedException? failure = null)
        {
            Change = change;
            Outcome = outcome;
            Reason = reason;
            Failure = failure;
        }

        public PlannedChange Change { get; }
        public ChangeOutcome Outcome { get; }

        /// <summary>Why a step was skipped or failed; null when it was applied or unchanged.</summary>
        public string? Reason { get; }

        /// <summary>The failure of a <see cref="ChangeOutcome.Failed"/> step.</summary>
        public StepFailedException? Failure { get; }
    }
}
