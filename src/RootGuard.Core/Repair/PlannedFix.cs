namespace RootGuard.Core.Repair
{
    /// <summary>A decision whose fix was planned: nothing is changed until the command confirms and applies <see cref="Plan"/>.</summary>
    public sealed class PlannedFix
    {
        public PlannedFix(RepairDecision decision, FixPlan plan)
        {
            Decision = decision;
            Plan = plan;
        }

        public RepairDecision Decision { get; }
        public FixPlan Plan { get; }
    }
}
