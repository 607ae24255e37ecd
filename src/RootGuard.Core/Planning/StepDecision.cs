namespace RootGuard.Core.Planning
{
    /// <summary>What the caller decided for one mutating step (the cmdlet's ShouldProcess).</summary>
    public enum StepDecision
    {
        Apply,

        /// <summary>The user said no: the step and every step that depends on it are skipped.</summary>
        Decline,

        /// <summary>A dry run (-WhatIf): the step is only described, and so are its dependants, as a real run would make them.</summary>
        Preview,
    }
}
