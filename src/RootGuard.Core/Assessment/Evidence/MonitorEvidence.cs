using System.Collections.Generic;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Aws.Kms.Model;
using RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>
    /// The customer managed KMS key of an encrypted topic: DescribeKey (its ARN, manager, state), then its default key
    /// policy. Null members were not read (the policy is not read when DescribeKey failed or the key is AWS managed).
    /// </summary>
    public sealed class KeyEvidence
    {
        public KeyEvidence(string keyId, SourceResult<KeyMetadata>? metadata, SourceResult<string>? policy)
        {
            KeyId = keyId;
            Metadata = metadata;
            Policy = policy;
        }

        /// <summary>The topic's KmsMasterKeyId as SNS gives it (key id, key ARN, alias name or alias ARN).</summary>
        public string KeyId { get; }

        public SourceResult<KeyMetadata>? Metadata { get; }

        public SourceResult<string>? Policy { get; }
    }

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

    /// <summary>The EventBridge rules of the home region, the targets of the candidate rules, and their topics.</summary>
    public sealed class SignInMonitorEvidence
    {
        public SignInMonitorEvidence(string region, SourceResult<IReadOnlyList<Rule>> rules)
        {
            Region = region;
            Rules = rules;
        }

        public string Region { get; }
        public SourceResult<IReadOnlyList<Rule>> Rules { get; }

        /// <summary>Targets by rule name, read for enabled rules whose pattern catches root sign-ins.</summary>
        public Dictionary<string, SourceResult<IReadOnlyList<Target>>> Targets { get; } = new Dictionary<string, SourceResult<IReadOnlyList<Target>>>();

        /// <summary>SNS topics by ARN.</summary>
        public Dictionary<string, TopicEvidence> Topics { get; } = new Dictionary<string, TopicEvidence>();
    }

    /// <summary>One trail's status and event selectors.</summary>
    public sealed class TrailEvidence
    {
        public TrailEvidence(Trail trail, SourceResult<GetTrailStatusResponse>? status, SourceResult<GetEventSelectorsResponse>? selectors)
        {
            Trail = trail;
            Status = status;
            Selectors = selectors;
        }

        public Trail Trail { get; }
        public SourceResult<GetTrailStatusResponse>? Status { get; }
        public SourceResult<GetEventSelectorsResponse>? Selectors { get; }
    }

    /// <summary>The CIS root usage chain: trails → log groups → metric filters → alarms → topics.</summary>
    public sealed class UsageMonitorEvidence
    {
        public UsageMonitorEvidence(string region, SourceResult<IReadOnlyList<Trail>> trails)
        {
            Region = region;
            Trails = trails;
        }

        /// <summary>The region DescribeTrails was asked in (multi-region trails from any home region appear there).</summary>
        public string Region { get; }

        public SourceResult<IReadOnlyList<Trail>> Trails { get; }

        /// <summary>Status and selectors of the multi-region trails, by trail ARN.</summary>
        public Dictionary<string, TrailEvidence> TrailDetails { get; } = new Dictionary<string, TrailEvidence>();

        /// <summary>Metric filters by log group ARN (as the trail names it).</summary>
        public Dictionary<string, SourceResult<IReadOnlyList<MetricFilter>>> MetricFilters { get; } = new Dictionary<string, SourceResult<IReadOnlyList<MetricFilter>>>();

        /// <summary>Metric alarms by region.</summary>
        public Dictionary<string, SourceResult<IReadOnlyList<MetricAlarm>>> Alarms { get; } = new Dictionary<string, SourceResult<IReadOnlyList<MetricAlarm>>>();

        /// <summary>SNS topics named by alarm actions, by ARN.</summary>
        public Dictionary<string, TopicEvidence> Topics { get; } = new Dictionary<string, TopicEvidence>();
    }
}
