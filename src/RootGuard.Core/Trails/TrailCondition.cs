namespace RootGuard.Core.Trails
{
    /// <summary>A condition the CIS root usage alarm needs from the trail it builds on.</summary>
    public enum TrailCondition
    {
        /// <summary>The trail records in every region (root can act anywhere).</summary>
        MultiRegion,

        /// <summary>The trail is logging now.</summary>
        Logging,

        /// <summary>The trail delivers to a CloudWatch Logs group (a metric filter needs one).</summary>
        CloudWatchLogsDelivery,

        /// <summary>CloudTrail's last delivery to that log group did not fail (GetTrailStatus LatestCloudWatchLogsDeliveryError).</summary>
        CloudWatchLogsDeliverySucceeds,

        /// <summary>The log group is in the caller's account (a metric filter can only be made there).</summary>
        LogGroupInThisAccount,

        /// <summary>The trail records management events, read and write.</summary>
        ManagementEvents,

        /// <summary>The trail's status or event selectors could be read.</summary>
        Readable,
    }
}
