using RootGuard.Core.Planning;

namespace RootGuard
{
    /// <summary>One resource a command touched or found as wanted.</summary>
    public sealed class ResourceChange
    {
        internal ResourceChange(string resourceType, string name, ResourceChangeKind change, string description, string? reason = null)
        {
            ResourceType = resourceType;
            Name = name;
            Change = change;
            Description = description;
            Reason = reason;
        }

        public string ResourceType { get; }
        public string Name { get; }
        public ResourceChangeKind Change { get; }
        public string Description { get; }

        /// <summary>Why a change was skipped or failed (declined, or the step it needs was not made); null otherwise.</summary>
        public string? Reason { get; }

        internal static ResourceChange From(AppliedChange applied)
        {
            var change = applied.Change;
            var kind = applied.Outcome switch
            {
                ChangeOutcome.SkippedByUser => ResourceChangeKind.Skipped,
                ChangeOutcome.SkippedForDependency => ResourceChangeKind.Skipped,
                ChangeOutcome.Failed => ResourceChangeKind.Failed,
                ChangeOutcome.Unchanged => ResourceChangeKind.Unchanged,
                _ => change.Action switch
                {
                    ChangeAction.Create => ResourceChangeKind.Created,
                    ChangeAction.Update => ResourceChangeKind.Updated,
                    ChangeAction.Delete => ResourceChangeKind.Deleted,
                    _ => ResourceChangeKind.Unchanged,
                },
            };
            return new ResourceChange(change.ResourceType, change.ResourceName, kind, change.Description, applied.Reason);
        }

        public override string ToString() => $"{Change} {ResourceType} {Name}";
    }
}
