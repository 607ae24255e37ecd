namespace RootGuard
{
    /// <summary>What a RootGuard command did to one resource.</summary>
    public enum ResourceChangeKind
    {
        Created,
        Updated,
        Unchanged,
        Deleted,

        /// <summary>Not made: declined at a -Confirm prompt, or a step it needs was declined or failed (see Reason).</summary>
        Skipped,

        /// <summary>Attempted and failed; an error record says why, and the other independent changes went on.</summary>
        Failed,
    }
}
