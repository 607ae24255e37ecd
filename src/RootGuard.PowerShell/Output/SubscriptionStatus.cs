namespace RootGuard
{
    /// <summary>The confirmation state of an SNS subscription.</summary>
    public enum SubscriptionStatus
    {
        PendingConfirmation,
        Confirmed,
    }
}
