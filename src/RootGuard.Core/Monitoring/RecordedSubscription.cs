namespace RootGuard.Core.Monitoring
{
    /// <summary>An e-mail subscription RootGuard added to a topic it did not create, as the rule or alarm that uses the topic records it.</summary>
    public sealed class RecordedSubscription
    {
        public RecordedSubscription(string topicArn, string subscriptionArn, string? endpoint, string tagKey)
        {
            TopicArn = topicArn;
            SubscriptionArn = subscriptionArn;
            Endpoint = endpoint;
            TagKey = tagKey;
        }

        public string TopicArn { get; }
        public string SubscriptionArn { get; }

        /// <summary>The address, when SNS lists the subscription; null while it awaits confirmation (SNS then hides its ARN) or once it is gone.</summary>
        public string? Endpoint { get; }

        /// <summary>The tag on the rule or alarm that records it.</summary>
        public string TagKey { get; }
    }
}
