using System.Collections.Generic;
using RootGuard.Core.Planning;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// What <see cref="NotificationTopicPlanner"/> found and decided. The topic steps come before the monitor's own
    /// steps; the subscription steps after them, because a confirmation e-mail cannot be taken back: subscribing
    /// last means a failed rule or alarm never sends anyone a confirmation request. Both lists also hold
    /// <see cref="ChangeAction.Unchanged"/> entries for what is already as wanted, so the output names every resource.
    /// </summary>
    public sealed class NotificationTopicPlan
    {
        internal NotificationTopicPlan(string topicArn, bool userTopic, bool topicExisted, string? kmsMasterKeyId,
            IReadOnlyDictionary<string, string> tags, IReadOnlyList<TopicSubscription> subscriptions, string policyJson,
            IReadOnlyList<PlannedChange> topicChanges, IReadOnlyList<PlannedChange> subscriptionChanges, IReadOnlyList<string> warnings,
            IReadOnlyList<PlannedChange> publishPrerequisites)
        {
            PublishPrerequisites = publishPrerequisites;
            TopicArn = topicArn;
            IsUserTopic = userTopic;
            TopicExisted = topicExisted;
            KmsMasterKeyId = kmsMasterKeyId;
            Tags = tags;
            Subscriptions = subscriptions;
            PolicyJson = policyJson;
            TopicChanges = topicChanges;
            SubscriptionChanges = subscriptionChanges;
            Warnings = warnings;
        }

        public string TopicArn { get; }

        /// <summary>True for a topic given with -TopicArn: RootGuard never tags, re-encrypts or deletes it.</summary>
        public bool IsUserTopic { get; }

        /// <summary>Whether the topic existed before this call.</summary>
        public bool TopicExisted { get; }

        /// <summary>The topic's KMS key once the plan is applied; null when it is not encrypted.</summary>
        public string? KmsMasterKeyId { get; }

        public bool Encrypted => !string.IsNullOrEmpty(KmsMasterKeyId);

        /// <summary>
        /// The customer managed key whose policy must let each publishing service use it, or SNS drops every message; null
        /// when the topic is not encrypted or uses alias/aws/sns (refused elsewhere). The topic planner reads no key policy:
        /// <see cref="UsageAlarm.KeyPolicyGrant"/> judges this key, once, for the monitor that publishes.
        /// </summary>
        public string? CustomerManagedKeyId => Encrypted && !NotificationInputRules.IsAwsManagedSnsKey(KmsMasterKeyId) ? KmsMasterKeyId : null;

        /// <summary>The topic's tags once the plan is applied (a user topic's tags are not read: empty).</summary>
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>Every subscriber once the plan is applied; new e-mail subscriptions are pending confirmation.</summary>
        public IReadOnlyList<TopicSubscription> Subscriptions { get; }

        /// <summary>The topic policy once the plan is applied.</summary>
        public string PolicyJson { get; }

        /// <summary>Create, tag, encrypt, policy: apply before the monitor that publishes to the topic.</summary>
        public IReadOnlyList<PlannedChange> TopicChanges { get; }

        /// <summary>One Subscribe per missing e-mail address (and an unchanged entry per present one): apply last.</summary>
        public IReadOnlyList<PlannedChange> SubscriptionChanges { get; }

        /// <summary>
        /// The steps without which the service cannot publish to the topic (its creation, or the policy statement that
        /// lets the service publish): the rule target or alarm that sends to the topic depends on them.
        /// </summary>
        public IReadOnlyList<PlannedChange> PublishPrerequisites { get; }

        /// <summary>
        /// Things the user should know (a topic RootGuard does not own, a policy that keeps the service from publishing);
        /// shown as warnings. The key policy's verdict is not among them: see <see cref="CustomerManagedKeyId"/>.
        /// </summary>
        public IReadOnlyList<string> Warnings { get; }
    }
}
