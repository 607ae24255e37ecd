using System.Collections.Generic;

namespace RootGuard.Core.Inventory
{
    /// <summary>An EventBridge rule RootGuard made (tagged ManagedBy=RootGuard).</summary>
    public sealed class ManagedRule
    {
        /// <summary>Made by a CloudFormation stack (Export-RootGuardTemplate): the stack, not Remove-RootMonitoring, removes it.</summary>
        public bool StackDeployed { get; set; }

        public ManagedRule(string region, string name, string arn, string? component, IReadOnlyList<string> ownTargetIds, IReadOnlyList<string> topicArns,
            int foreignTargetCount = 0)
        {
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
            (string LogGroupName, string FilterName)? createdMetricFilter)
        {
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
        public (string LogGroupName, string FilterName)? CreatedMetricFilter { get; }
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
