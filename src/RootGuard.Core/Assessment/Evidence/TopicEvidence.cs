using System.Collections.Generic;
using RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>An SNS topic as a monitor's last link: its attributes (policy, KMS key) and subscriptions, each read separately.</summary>
    public sealed class TopicEvidence
    {
        public TopicEvidence(string topicArn, SourceResult<IReadOnlyDictionary<string, string>>? attributes,
            SourceResult<IReadOnlyList<Subscription>>? subscriptions, KeyEvidence? key = null,
            IReadOnlyDictionary<string, SourceResult<IReadOnlyDictionary<string, string>>>? subscriptionAttributes = null)
        {
            TopicArn = topicArn;
            Attributes = attributes;
            Subscriptions = subscriptions;
            Key = key;
            SubscriptionAttributes = subscriptionAttributes ?? new Dictionary<string, SourceResult<IReadOnlyDictionary<string, string>>>();
        }

        /// <summary>The topic's customer managed key, when the attributes name one other than alias/aws/sns.</summary>
        public KeyEvidence? Key { get; }

        public string TopicArn { get; }

        /// <summary>Null when not read (a topic in another account or region is not read from here).</summary>
        public SourceResult<IReadOnlyDictionary<string, string>>? Attributes { get; }

        public SourceResult<IReadOnlyList<Subscription>>? Subscriptions { get; }

        /// <summary>
        /// The attributes (FilterPolicy, FilterPolicyScope) of confirmed subscriptions, by subscription ARN: read until one
        /// is found that delivers, so a confirmed subscription missing here was not needed, or not read at all.
        /// </summary>
        public IReadOnlyDictionary<string, SourceResult<IReadOnlyDictionary<string, string>>> SubscriptionAttributes { get; }
    }
}
