using System.Collections.Generic;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.Monitoring
{
    /// <summary>An EventBridge rule RootGuard made (tagged ManagedBy=RootGuard).</summary>
    public sealed class ManagedRule
    {
        /// <summary>Made by a CloudFormation stack (Export-RootGuardTemplate): the stack, not Remove-RootMonitoring, removes it.</summary>
        public bool StackDeployed { get; set; }

        public ManagedRule(string region, string name, string arn, string? component, IReadOnlyList<string> ownTargetIds, IReadOnlyList<string> topicArns,
            int foreignTargetCount = 0, IReadOnlyList<RecordedSubscription>? subscriptions = null)
        {
            Subscriptions = subscriptions ?? new RecordedSubscription[0];
            ForeignTargetCount = foreignTargetCount;
            Region = region;
            Name = name;
            Arn = arn;
            Component = component;
            OwnTargetIds = ownTargetIds;
            TopicArns = topicArns;
        }

        public string Region { get; }
        public string Name { get; }
        public string Arn { get; }
        public string? Component { get; }

        /// <summary>The rule's targets that RootGuard wrote.</summary>
        public IReadOnlyList<string> OwnTargetIds { get; }

        /// <summary>Targets someone else added to RootGuard's rule; the rule is then kept and only RootGuard's targets go.</summary>
        public int ForeignTargetCount { get; }

        /// <summary>The SNS topics the rule sends to.</summary>
        public IReadOnlyList<string> TopicArns { get; }

        /// <summary>The e-mail subscriptions RootGuard added to a topic it did not create, recorded on the rule's tags.</summary>
        public IReadOnlyList<RecordedSubscription> Subscriptions { get; }
    }

    /// <summary>An SNS topic RootGuard made.</summary>
    public sealed class ManagedTopic
    {
        /// <summary>Made by a CloudFormation stack (Export-RootGuardTemplate): the stack, not Remove-RootMonitoring, removes it.</summary>
        public bool StackDeployed { get; set; }

        public ManagedTopic(string region, string arn, string? component)
        {
            Region = region;
            Arn = arn;
            Component = component;
        }

        public string Region { get; }
        public string Arn { get; }
        public string? Component { get; }
    }

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

        /// <summary>The e-mail subscriptions RootGuard added to a topic it did not create, recorded on the alarm's tags.</summary>
        public IReadOnlyList<RecordedSubscription> Subscriptions { get; }
    }

    /// <summary>An e-mail subscription RootGuard added to a topic it did not create, as the rule or alarm that uses the topic records it.</summary>
    public sealed class RecordedSubscription
    {
        public RecordedSubscription(string topicArn, string subscriptionArn, string? endpoint, string tagKey)
        {
            TopicArn = topicArn;
            SubscriptionArn = subscriptionArn;
            Endpoint = endpoint;
            TagKey = tagKey;
        }

        public string TopicArn { get; }
        public string SubscriptionArn { get; }

        /// <summary>The address, when SNS lists the subscription; null while it awaits confirmation (SNS then hides its ARN) or once it is gone.</summary>
        public string? Endpoint { get; }

        /// <summary>The tag on the rule or alarm that records it.</summary>
        public string TagKey { get; }
    }

    /// <summary>RootGuard's own statements in the policy of a topic RootGuard did not make (a user's -TopicArn).</summary>
    public sealed class ForeignTopicGrant
    {
        public ForeignTopicGrant(string region, string topicArn, IReadOnlyList<string> statementIds)
        {
            Region = region;
            TopicArn = topicArn;
            StatementIds = statementIds;
        }

        public string Region { get; }
        public string TopicArn { get; }
        public IReadOnlyList<string> StatementIds { get; }
    }

    /// <summary>Everything RootGuard made in some regions of one account.</summary>
    public sealed class RootGuardResources
    {
        public RootGuardResources(IReadOnlyList<ManagedRule> rules, IReadOnlyList<ManagedTopic> topics, IReadOnlyList<ManagedAlarm> alarms,
            IReadOnlyList<ForeignTopicGrant> foreignGrants)
        {
            Rules = rules;
            Topics = topics;
            Alarms = alarms;
            ForeignGrants = foreignGrants;
        }

        public IReadOnlyList<ManagedRule> Rules { get; }
        public IReadOnlyList<ManagedTopic> Topics { get; }
        public IReadOnlyList<ManagedAlarm> Alarms { get; }
        public IReadOnlyList<ForeignTopicGrant> ForeignGrants { get; }
    }
}
