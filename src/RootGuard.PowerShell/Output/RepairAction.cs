namespace RootGuard
{
    /// <summary>What Repair-RootAccountSecurity did about one fix in one account.</summary>
    public enum RepairAction
    {
        /// <summary>The fix was applied; Findings holds the checks as assessed again afterwards.</summary>
        Repaired,

        /// <summary>The fix found nothing to change.</summary>
        Unchanged,

        /// <summary>-WhatIf: the changes were listed, none was made.</summary>
        WhatIf,

        /// <summary>Declined at the -Confirm prompt: nothing was changed.</summary>
        Declined,

        /// <summary>The fix needs parameters that were not given (Message names them), or must wait for another fix.</summary>
        Skipped,

        /// <summary>No AWS API fixes the check: Message is the step a person must take.</summary>
        Manual,
    }
}
