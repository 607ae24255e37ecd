namespace RootGuard
{
    /// <summary>What a RootGuard command did to one resource.</summary>
    public enum ResourceChangeKind
    {
        Created,
        Updated,
        Unchanged,
        Deleted,

        /// <summary>Declined at a -Confirm prompt.</summary>
        Skipped,
    }
}
