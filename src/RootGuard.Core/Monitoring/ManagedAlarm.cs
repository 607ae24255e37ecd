using System.Collections.Generic;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.Monitoring
{
    /// <summary>A CloudWatch alarm RootGuard made, and the metric filter it created for it, if it did.</summary>
    public sealed class ManagedAlarm
    {
        /// <summary>Made by a CloudFormation stack (Export-RootGuardTemplate): the stack, not Remove-RootMonitoring, removes it.</summary>
        public bool StackDeployed { get; set; }

        public ManagedAlarm(string region, string name, string arn, string? component, IReadOnlyList<string> topicArns,
            (string LogGroupName, string FilterName)? createdMetricFilter, IReadOnlyList<RecordedSubscription>? subscriptions = null,
            (string LogGroupName, string FilterName)? unprovenMetricFilter = null)
        {
            Subscriptions = subscriptions ?? new RecordedSubscription[0];
            UnprovenMetricFilter = unprovenMetricFilter;
            Region = region;
            Name = name;
            Arn = arn;
            Component = component;
            TopicArns = topicArns;
            CreatedMetricFilter = createdMetricFilter;
        }

        public string Region { get; }
        public string Name { get; }
        public string Arn { get; }
        public string? Component { get; }
        public IReadOnlyList<string> TopicArns { get; }

        /// <summary>The metric filter RootGuard created for the alarm, proved (see <see cref="RootGuardOwnership.ProvesMetricFilter"/>); null when none.</summary>
        public (string LogGroupName, string FilterName)? CreatedMetricFilter { get; }

        /// <summary>
        /// A filter the alarm's tag names that no longer proves to be RootGuard's (it publishes another metric now, or
        /// its log group cannot be read): it is left alone, and said so.
        /// </summary>
        public (string LogGroupName, string FilterName)? UnprovenMetricFilter { get; }

        /// <summary>
        /// The other alarms of the region that watch the metric this alarm watches. While one of them stays, the metric
        /// filter RootGuard created stays too: deleting it would leave that alarm watching a metric nothing publishes.
        /// </summary>
        public IReadOnlyList<string> AlarmsSharingMetric { get; set; } = new string[0];

        /// <summary>
        /// The actions someone else added to the alarm (<see cref="RootGuardOwnership.ForeignAlarmActions"/>), as "kind ARN".
        /// Deleting the alarm would lose them, so Remove-RootMonitoring keeps it, and with it what it rests on (its metric
        /// filter, its topic, its statement and subscriptions), while there are any.
        /// </summary>
        public IReadOnlyList<string> ForeignActions { get; set; } = new string[0];

        /// <summary>The e-mail subscriptions RootGuard added to a topic it did not create, recorded on the alarm's tags.</summary>
        public IReadOnlyList<RecordedSubscription> Subscriptions { get; }
    }
}
