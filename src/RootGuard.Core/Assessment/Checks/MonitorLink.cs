using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Notifications;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// How far one candidate monitor chain got. The check reports the best candidate: a working one, else the one
    /// that got furthest, so the reason names the first broken link of the most nearly working monitor.
    /// </summary>
    internal sealed class MonitorLink
    {
        // Ranks above any failing stage: a working chain, one that works but needs a look, one that could not be read.
        public const int PassRank = 100, AdvisoryRank = 95, UnverifiableRank = 90, ErrorRank = 80;

        public MonitorLink(int rank, FindingStatus status, string? reasonCode, string reason, SourceFailure? failure = null,
            params (string Key, object? Value)[] facts)
        {
            Rank = rank;
            Status = status;
            ReasonCode = reasonCode;
            Reason = reason;
            Failure = failure;
            Facts = facts.ToList();
        }

        public int Rank { get; }
        public FindingStatus Status { get; }
        public string? ReasonCode { get; }
        public string Reason { get; }
        public SourceFailure? Failure { get; }
        public List<(string Key, object? Value)> Facts { get; }

        /// <summary>A fix specific to this broken link, when the check's general remediation would not fix it.</summary>
        public string? Remediation { get; set; }

        public static MonitorLink Error(SourceFailure failure, string whatFor, params (string, object?)[] facts) =>
            new MonitorLink(ErrorRank, FindingStatus.Error, null, failure.Describe(whatFor), failure, facts);

        public static MonitorLink Best(IEnumerable<MonitorLink> links) => links.OrderByDescending(l => l.Rank).First();

        /// <summary>
        /// The last link of both monitors: an SNS topic that someone will read. A topic in another account or region
        /// cannot be verified from here; a subscription counts only when confirmed (its ARN is an ARN, not PendingConfirmation).
        /// </summary>
        public static MonitorLink Topic(TopicEvidence topic, string monitorRegion, AssessmentContext context, int subscriptionStage,
            string? publisherService, int policyStage, params (string, object?)[] facts)
        {
            var all = facts.Concat(new (string, object?)[] { ("TopicArn", topic.TopicArn) }).ToArray();
            var (account, region) = ArnParts.AccountAndRegionOf(topic.TopicArn);
            if (account != context.AccountId || region != monitorRegion)
                return new MonitorLink(UnverifiableRank, FindingStatus.Warning, "SNS_TOPIC_NOT_VERIFIABLE",
                    $"The SNS topic {topic.TopicArn} is in " + (account != context.AccountId ? $"another account ({account})" : $"another region ({region})")
                    + ", so its subscriptions cannot be verified from here; check that someone has confirmed a subscription to it.", null, all);

            if (publisherService != null && topic.Attributes != null)
            {
                if (!topic.Attributes.Succeeded) return Error(topic.Attributes.Failure!, $"the attributes of SNS topic {topic.TopicArn}", all);
                var attributes = topic.Attributes.Value!;
                attributes.TryGetValue("Policy", out var policy);
                attributes.TryGetValue("KmsMasterKeyId", out var kmsKey);
                all = all.Concat(new (string, object?)[] { ("KmsMasterKeyId", kmsKey) }).ToArray();
                if (!TopicPolicyDocument.Parse(policy).AllowsServiceToPublish(publisherService))
                    return new MonitorLink(policyStage, FindingStatus.Fail, "SNS_TOPIC_POLICY_NOT_VALID",
                        $"The policy of SNS topic {topic.TopicArn} does not let {publisherService} publish, so the alert is dropped.", null, all);
                if (string.Equals(kmsKey, "alias/aws/sns", StringComparison.Ordinal))
                    return new MonitorLink(policyStage, FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID",
                        $"SNS topic {topic.TopicArn} is encrypted with the AWS-managed key alias/aws/sns, whose policy {publisherService} cannot use, so the alert is dropped.", null, all);
            }

            var subscriptions = topic.Subscriptions;
            if (subscriptions == null || !subscriptions.Succeeded)
                return Error(subscriptions?.Failure ?? SourceFailure.Denied("sns:ListSubscriptionsByTopic"), $"the subscriptions of SNS topic {topic.TopicArn}", all);
            var confirmed = subscriptions.Value!.Where(IsConfirmed).ToList();
            var pending = subscriptions.Value!.Count - confirmed.Count;
            all = all.Concat(new (string, object?)[]
            {
                ("ConfirmedSubscriptions", confirmed.Select(s => $"{s.Protocol}:{s.Endpoint}").ToArray()), ("PendingSubscriptions", pending),
            }).ToArray();
            if (confirmed.Count == 0)
                return new MonitorLink(subscriptionStage, FindingStatus.Fail, "SNS_SUBSCRIPTION_NOT_PRESENT",
                    $"SNS topic {topic.TopicArn} has no confirmed subscription" + (pending > 0 ? $" ({pending} pending confirmation)" : string.Empty) + ", so nobody receives the alert.",
                    null, all);
            return new MonitorLink(PassRank, FindingStatus.Pass, null,
                $"SNS topic {topic.TopicArn} has {confirmed.Count} confirmed subscription(s).", null, all);
        }

        public static bool IsConfirmed(Aws.Sns.Model.Subscription s) =>
            s.SubscriptionArn != null && s.SubscriptionArn.StartsWith("arn:", StringComparison.Ordinal);
    }
}
