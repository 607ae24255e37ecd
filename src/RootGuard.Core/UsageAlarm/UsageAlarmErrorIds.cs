namespace RootGuard.Core.UsageAlarm
{
    /// <summary>The stable error ids New-RootUsageAlarm raises; tests and users match on these.</summary>
    public static class UsageAlarmErrorIds
    {
        public const string NoSuitableTrail = "RootGuard.NoSuitableTrail";
        public const string LogGroupNotFound = "RootGuard.LogGroupNotFound";
        public const string InvalidPeriod = "RootGuard.InvalidPeriod";
        public const string InvalidThreshold = "RootGuard.InvalidThreshold";
        public const string InvalidEvaluationPeriods = "RootGuard.InvalidEvaluationPeriods";
        public const string InvalidName = "RootGuard.InvalidName";
        public const string NoNotificationTarget = "RootGuard.NoNotificationTarget";
        public const string TopicInOtherRegion = "RootGuard.TopicInOtherRegion";
        public const string InvalidTopicArn = "RootGuard.InvalidTopicArn";
    }
}
