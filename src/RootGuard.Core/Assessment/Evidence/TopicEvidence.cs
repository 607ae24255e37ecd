using System.Collections.Generic;
using RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>An SNS topic as a monitor's last link: its attributes (policy, KMS key) and subscriptions, each read separately.</summary>
    public sealed class TopicEvidence
    {
        public TopicEvidence(string topicArn, SourceResult<IReadOnlyDictionary<string, string>>? attributes,
            SourceResult<IReadOnlyList<Subscription>>? subscriptions, KeyEvidence? key = null)
        {
            TopicArn = topicArn;
            Attributes = attributes;
            Subscriptions = subscriptions;
            Key = key;
        }

        /// <summary>The topic's customer managed key, when the attributes name one other than alias/aws/sns.</summary>
        public KeyEvidence? Key { get; }

        public string TopicArn { get; }

        /// <summary>Null when not read (a topic in another account or region is not read from here).</summary>
        public SourceResult<IReadOnlyDictionary<string, string>>? Attributes { get; }

        public SourceResult<IReadOnlyList<Subscription>>? Subscriptions { get; }
    }
}
