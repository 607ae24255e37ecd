using System.Collections.Generic;

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
}
