using RootGuard.Core.Planning;

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

    /// <summary>The confirmation state of an SNS subscription.</summary>
    public enum SubscriptionStatus
    {
        PendingConfirmation,
        Confirmed,
    }

    /// <summary>One subscriber of a RootGuard topic.</summary>
    public sealed class Subscription
    {
        internal Subscription(string endpoint, string protocol, SubscriptionStatus status, string? subscriptionArn)
        {
            Endpoint = endpoint;
            Protocol = protocol;
            Status = status;
            SubscriptionArn = subscriptionArn;
        }

        public string Endpoint { get; }
        public string Protocol { get; }
        public SubscriptionStatus Status { get; }

        /// <summary>The subscription's ARN once confirmed; null while confirmation is pending.</summary>
        public string? SubscriptionArn { get; }

        public override string ToString() => $"{Endpoint} ({Status})";
    }
}
