namespace RootGuard.Core.Planning
{
    /// <summary>What a failed step does to the rest of the plan.</summary>
    public enum PlanFailureHandling
    {
        /// <summary>Undo what this call applied and stop: a half-made monitor is worse than none (the New-* commands).</summary>
        RollBack,

        /// <summary>
        /// Skip the failed step's dependants and go on with the other steps; each failure is reported in the results
        /// (removal: one resource that cannot be deleted should not keep the others).
        /// </summary>
        ContinueWithIndependentSteps,
    }
}
