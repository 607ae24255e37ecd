namespace RootGuard.Core.Repair
{
    /// <summary>What becomes of a failed finding.</summary>
    public enum RepairDisposition
    {
        /// <summary>An API fix will be planned and, once confirmed, applied.</summary>
        Fix,

        /// <summary>No API can fix it: the finding is passed on with the step a person must take.</summary>
        Manual,

        /// <summary>The fix needs parameters that were not given; it is skipped with a message naming them.</summary>
        MissingParameters,

        /// <summary>The fix cannot be made from here (the management account's root, a caller that is not the management account).</summary>
        Refused,
    }
}
