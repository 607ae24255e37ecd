using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.NotificationTopic;

namespace RootGuard
{
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

        /// <summary>Every subscriber of a monitor's topic as the plan leaves it: the one mapping both monitors' outputs use.</summary>
        internal static IReadOnlyList<Subscription> ListFrom(NotificationTopicPlan topic) =>
            topic.Subscriptions
                .Select(s => new Subscription(s.Endpoint, s.Protocol, s.Confirmed ? SubscriptionStatus.Confirmed : SubscriptionStatus.PendingConfirmation,
                    s.SubscriptionArn))
                .ToList();
    }
}
