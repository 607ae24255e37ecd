namespace RootGuard.Core.Planning
{
    /// <summary>What a plan does to one resource.</summary>
    public enum ChangeAction
    {
        /// <summary>The resource does not exist and will be made.</summary>
        Create,

        /// <summary>The resource exists and differs from what is wanted; it will be changed in place.</summary>
        Update,

        /// <summary>The resource exists as wanted; nothing is called.</summary>
        Unchanged,

        /// <summary>The resource (RootGuard's own) will be removed.</summary>
        Delete,
    }
}
