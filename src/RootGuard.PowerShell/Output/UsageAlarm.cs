using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.UsageAlarm;

namespace RootGuard
{
    /// <summary>The CIS root account usage monitor as New-RootUsageAlarm left it: trail, log group, metric filter, alarm and topic.</summary>
    public sealed class UsageAlarm
    {
        internal UsageAlarm(UsageAlarmPlan plan, IReadOnlyList<ResourceChange> changes)
        {
            Region = plan.Region;
            TrailName = plan.Trail?.Name;
            LogGroupName = plan.Filter.LogGroupName;
            FilterName = plan.Filter.FilterName;
            FilterPattern = plan.Filter.FilterPattern;
            IsCisPattern = plan.Filter.IsCisPattern;
            FilterReused = plan.Filter.Reused;
            MetricNamespace = plan.Filter.MetricNamespace;
            MetricName = plan.Filter.MetricName;
            AlarmName = plan.AlarmName;
            AlarmArn = plan.AlarmArn;
            TopicArn = plan.Topic.TopicArn;
            Subscriptions = Subscription.ListFrom(plan.Topic);
            Changes = changes;
        }

        /// <summary>The region of the log group, filter, alarm and topic.</summary>
        public string Region { get; }

        /// <summary>The trail that delivers root activity to the log group; null when none feeds a -LogGroupName.</summary>
        public string? TrailName { get; }

        public string LogGroupName { get; }
        public string FilterName { get; }
        public string FilterPattern { get; }

        /// <summary>True when the filter pattern is the exact CIS text, the only one Security Hub control CloudWatch.1 accepts.</summary>
        public bool IsCisPattern { get; }

        /// <summary>True when the alarm watches an existing filter that someone else made, instead of a RootGuard duplicate.</summary>
        public bool FilterReused { get; }

        public string MetricNamespace { get; }
        public string MetricName { get; }
        public string AlarmName { get; }
        public string AlarmArn { get; }

        /// <summary>The SNS topic the alarm notifies (in <see cref="Region"/>).</summary>
        public string TopicArn { get; }

        public IReadOnlyList<Subscription> Subscriptions { get; }

        /// <summary>Per resource: Created, Updated or Unchanged.</summary>
        public IReadOnlyList<ResourceChange> Changes { get; }

        public override string ToString() => $"{AlarmName} ({Region})";
    }
}
