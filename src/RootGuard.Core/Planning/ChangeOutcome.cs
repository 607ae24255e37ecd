namespace RootGuard.Core.Planning
{
    /// <summary>What happened to one planned step.</summary>
    public enum ChangeOutcome
    {
        Applied,
        Unchanged,

        /// <summary>Declined at the confirmation prompt.</summary>
        SkippedByUser,

        /// <summary>Not attempted: a step it depends on was declined, failed, or was itself skipped.</summary>
        SkippedForDependency,

        /// <summary>Only described (-WhatIf): nothing was called.</summary>
        Previewed,

        /// <summary>Attempted and failed, with <see cref="PlanFailureHandling.ContinueWithIndependentSteps"/>.</summary>
        Failed,
    }
}
