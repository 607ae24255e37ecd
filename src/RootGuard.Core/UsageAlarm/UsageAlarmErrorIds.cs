namespace RootGuard.Core
{
    // New-RootUsageAlarm's own error ids, beside its code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        public const string NoSuitableTrail = "RootGuard.NoSuitableTrail";
        public const string LogGroupNotFound = "RootGuard.LogGroupNotFound";
        public const string InvalidPeriod = "RootGuard.InvalidPeriod";
        public const string InvalidThreshold = "RootGuard.InvalidThreshold";
        public const string InvalidEvaluationPeriods = "RootGuard.InvalidEvaluationPeriods";
        public const string NoNotificationTarget = "RootGuard.NoNotificationTarget";
        public const string TopicInOtherRegion = "RootGuard.TopicInOtherRegion";
    }
}
