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
    }
}
