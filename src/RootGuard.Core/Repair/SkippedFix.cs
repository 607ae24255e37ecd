namespace RootGuard.Core.Repair
{
    /// <summary>
    /// A decision that is not applied, with why: a manual step (<see cref="RepairDisposition.Manual"/>), a fix without its
    /// parameters, or a root credentials fix waiting for centralized root access that this run did not apply.
    /// </summary>
    public sealed class SkippedFix
    {
        public SkippedFix(RepairDecision decision, string message)
        {
            Decision = decision;
            Message = message;
        }

        public RepairDecision Decision { get; }

        /// <summary>The manual step, or why the fix was skipped.</summary>
        public string Message { get; }

        public bool IsManual => Decision.Disposition == RepairDisposition.Manual;
    }
}
