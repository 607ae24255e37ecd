using RootGuard.Core.Planning;

namespace RootGuard
{
    /// <summary>One resource a command touched or found as wanted.</summary>
    public sealed class ResourceChange
    {
        internal ResourceChange(string resourceType, string name, ResourceChangeKind change, string description)
        {
            ResourceType = resourceType;
            Name = name;
            Change = change;
            Description = description;
        }

        public string ResourceType { get; }
        public string Name { get; }
        public ResourceChangeKind Change { get; }
        public string Description { get; }

        internal static ResourceChange From(AppliedChange applied)
        {
            var change = applied.Change;
            var kind = applied.Outcome switch
            {
                ChangeOutcome.SkippedByUser => ResourceChangeKind.Skipped,
                ChangeOutcome.Unchanged => ResourceChangeKind.Unchanged,
                _ => change.Action switch
                {
                    ChangeAction.Create => ResourceChangeKind.Created,
                    ChangeAction.Update => ResourceChangeKind.Updated,
                    ChangeAction.Delete => ResourceChangeKind.Deleted,
                    _ => ResourceChangeKind.Unchanged,
                },
            };
            return new ResourceChange(change.ResourceType, change.ResourceName, kind, change.Description);
        }

        public override string ToString() => $"{Change} {ResourceType} {Name}";
    }
}
