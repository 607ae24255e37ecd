using System.Collections.Generic;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Planning;
using RootGuard.Core.Trails;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>What <see cref="UsageAlarmPlanner"/> found and decided: where the alarm goes, what it watches, and the steps.</summary>
    public sealed class UsageAlarmPlan : IChangePlan
    {
        internal UsageAlarmPlan(string region, TrailAssessment? trail, MetricFilterChoice filter, string alarmName, string alarmArn,
            NotificationTopicPlan topic, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string> warnings)
        {
            Region = region;
            Trail = trail;
            Filter = filter;
            AlarmName = alarmName;
            AlarmArn = alarmArn;
            Topic = topic;
            Changes = changes;
            Warnings = warnings;
        }

        /// <summary>The log group's region: the filter, the metric, the alarm and the topic all live here.</summary>
        public string Region { get; }

        /// <summary>The trail that feeds the log group; null when -LogGroupName names a group no suitable trail feeds.</summary>
        public TrailAssessment? Trail { get; }

        public MetricFilterChoice Filter { get; }
        public string AlarmName { get; }
        public string AlarmArn { get; }
        public NotificationTopicPlan Topic { get; }

        /// <summary>Every step in order: topic, metric filter, alarm, alarm tags, then e-mail subscriptions.</summary>
        public IReadOnlyList<PlannedChange> Changes { get; }

        /// <summary>What the user should know before relying on the alarm.</summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
