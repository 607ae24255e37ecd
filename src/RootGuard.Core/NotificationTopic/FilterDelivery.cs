namespace RootGuard.Core.NotificationTopic
{
    /// <summary>Whether an SNS subscription's filter policy lets through a message published without message attributes.</summary>
    public enum FilterDelivery
    {
        /// <summary>No filter policy (or an empty one): SNS delivers every message.</summary>
        Delivers,

        /// <summary>The filter policy rejects every message without attributes: the subscriber never gets the alert.</summary>
        Drops,

        /// <summary>The policy's answer depends on something RootGuard cannot prove (the message body, an unreadable policy).</summary>
        NotVerifiable,
    }
}
