using RootGuard.Core.NotificationTopic;

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

        /// <summary>A metric filter of the wanted name exists, RootGuard did not make it, and it differs from what is wanted.</summary>
        public const string MetricFilterNotManaged = "RootGuard.MetricFilterNotManaged";

        /// <summary>A metric filter of the wanted name belongs to another RootGuard alarm.</summary>
        public const string MetricFilterInUse = "RootGuard.MetricFilterInUse";

        /// <summary>The log group and filter names RootGuard would record on its alarm (to know the filter as its own) are longer than a tag value may be.</summary>
        public const string MetricFilterNotRecorded = "RootGuard.MetricFilterNotRecorded";

        /// <summary>An alarm of the wanted name exists and RootGuard did not make it.</summary>
        public const string AlarmNotManaged = "RootGuard.AlarmNotManaged";
    }
}
