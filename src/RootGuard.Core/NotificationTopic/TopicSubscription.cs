namespace RootGuard.Core.NotificationTopic
{
    /// <summary>One subscriber of a topic, as it is or as the plan will leave it.</summary>
    public sealed class TopicSubscription
    {
        public TopicSubscription(string protocol, string endpoint, string? subscriptionArn, bool confirmed)
        {
            Protocol = protocol;
            Endpoint = endpoint;
            SubscriptionArn = subscriptionArn;
            Confirmed = confirmed;
        }

        public string Protocol { get; }
        public string Endpoint { get; }

        /// <summary>The ARN, or null while SNS reports the subscription as pending confirmation.</summary>
        public string? SubscriptionArn { get; }

        public bool Confirmed { get; }

        /// <summary>SNS lists an unconfirmed subscription with the ARN "PendingConfirmation".</summary>
        internal static bool IsPendingArn(string? arn) =>
            string.IsNullOrEmpty(arn) || string.Equals(arn, "PendingConfirmation", System.StringComparison.OrdinalIgnoreCase)
                                      || string.Equals(arn, "pending confirmation", System.StringComparison.OrdinalIgnoreCase);
    }
}
