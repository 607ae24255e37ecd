using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Policies;

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

        /// <summary>On a link that works: what keeps the whole chain from a Pass, for <see cref="Working"/>.</summary>
        public List<Caveat> Caveats { get; } = new List<Caveat>();

        public static MonitorLink Error(SourceFailure failure, string whatFor, params (string, object?)[] facts) =>
            new MonitorLink(ErrorRank, FindingStatus.Error, null, failure.Describe(whatFor), failure, facts);

        public static MonitorLink Best(IEnumerable<MonitorLink> links) => links.OrderByDescending(l => l.Rank).First();

        /// <summary>
        /// A chain that works end to end: Pass, or a Warning that names every caveat (the gravest first, whose code and
        /// fix the finding carries).
        /// </summary>
        public static MonitorLink Working(string description, IEnumerable<Caveat> caveats, IEnumerable<(string, object?)> facts)
        {
            var all = caveats.OrderBy(c => c.Rank).ToList();
            var factList = facts.ToList();
            if (all.Count == 0) return new MonitorLink(PassRank, FindingStatus.Pass, null, description, null, factList.ToArray());
            factList.Add(("Caveats", all.Select(c => c.Code).ToArray()));
            var link = new MonitorLink(all[0].Rank, FindingStatus.Warning, all[0].Code,
                description + " But " + string.Join(" Also: ", all.Select(c => c.Text)), null, factList.ToArray())
            {
                Remediation = all[0].Remediation,
            };
            // Kept one by one for the health of Get-RootMonitoring, which names each.
            link.Caveats.AddRange(all);
            return link;
        }

        /// <summary>
        /// The last link of both monitors: an SNS topic that exists, whose policy lets the monitor's service publish for
        /// this source (judged by <see cref="ResourcePolicyEvaluator"/>), whose customer managed key (if any) lets that
        /// service use it, and that someone reads. A topic in another account or region cannot be verified from here; a
        /// subscription counts only when confirmed (its ARN is an ARN, not PendingConfirmation). A working topic comes
        /// back as Pass with its <see cref="Caveats"/>. <c>publish</c> is the monitor's publish request (service, topic,
        /// rule or alarm ARN). A confirmed subscription counts only when its filter policy lets the alert through
        /// (<see cref="SubscriptionReach"/>): every one dropping it is a Fail, none provably receiving it a Warning.
        /// </summary>
        public static MonitorLink Topic(TopicEvidence topic, string monitorRegion, AssessmentContext context, ServiceRequest publish,
            int policyStage, int subscriptionStage, params (string, object?)[] facts)
        {
            var all = facts.Concat(new (string, object?)[] { ("TopicArn", topic.TopicArn) }).ToList();
            var (account, region) = ArnParts.AccountAndRegionOf(topic.TopicArn);
            if (account != context.AccountId || region != monitorRegion)
                return new MonitorLink(UnverifiableRank, FindingStatus.Warning, "SNS_TOPIC_NOT_VERIFIABLE",
                    $"The SNS topic {topic.TopicArn} is in " + (account != context.AccountId ? $"another account ({account})" : $"another region ({region})")
                    + ", so its subscriptions cannot be verified from here; check that someone has confirmed a subscription to it.", null, all.ToArray());

            var caveats = new List<Caveat>();
            var attributesRead = topic.Attributes ?? SourceResult<IReadOnlyDictionary<string, string>>.Failed(SourceFailure.Denied("sns:GetTopicAttributes"));
            if (!attributesRead.Succeeded)
                return attributesRead.Failure!.NotFound
                    ? Missing(topic.TopicArn, publish, policyStage, all)
                    : Error(attributesRead.Failure!, $"the attributes of SNS topic {topic.TopicArn}", all.ToArray());
            var attributes = attributesRead.Value!;
            attributes.TryGetValue("Policy", out var policy);
            attributes.TryGetValue("KmsMasterKeyId", out var kmsKey);
            var verdict = ResourcePolicyEvaluator.Evaluate(policy, publish);
            all.Add(("KmsMasterKeyId", string.IsNullOrEmpty(kmsKey) ? null : kmsKey));
            all.Add(("TopicPolicyDecision", verdict.Decision.ToString()));
            switch (verdict.Decision)
            {
                case PolicyDecision.Denied:
                case PolicyDecision.NotAllowed:
                    return new MonitorLink(policyStage, FindingStatus.Fail, "SNS_TOPIC_POLICY_NOT_VALID",
                        $"The policy of SNS topic {topic.TopicArn} does not let {publish.ServicePrincipal} publish for {SourceOf(publish)}, so the alert is dropped. {verdict.Reason}",
                        null, all.ToArray());
                case PolicyDecision.Unverifiable:
                    caveats.Add(new Caveat(UnverifiableRank, "SNS_TOPIC_POLICY_NOT_VERIFIABLE",
                        $"whether the policy of SNS topic {topic.TopicArn} lets {publish.ServicePrincipal} publish cannot be verified: {verdict.Reason}",
                        $"Give {publish.ServicePrincipal} an unconditional or aws:SourceArn-conditioned Allow for sns:Publish on the topic, and no Deny that could cover it (New-RootSignInAlert / New-RootUsageAlarm add such a statement)."));
                    break;
            }

            if (NotificationInputRules.IsAwsManagedSnsKey(kmsKey))
                return new MonitorLink(policyStage, FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID",
                    $"SNS topic {topic.TopicArn} is encrypted with the AWS-managed key alias/aws/sns, whose policy {publish.ServicePrincipal} cannot use, so the alert is dropped.", null, all.ToArray());
            if (topic.Key != null && KeyLink(topic.Key, publish.ServicePrincipal, topic.TopicArn, policyStage, all, caveats) is { } keyFailure)
                return keyFailure;

            var subscriptions = topic.Subscriptions;
            if (subscriptions == null || !subscriptions.Succeeded)
            {
                var failure = subscriptions?.Failure ?? SourceFailure.Denied("sns:ListSubscriptionsByTopic");
                return failure.NotFound
                    ? Missing(topic.TopicArn, publish, policyStage, all)
                    : Error(failure, $"the subscriptions of SNS topic {topic.TopicArn}", all.ToArray());
            }

            var reach = SubscriptionReach.Of(topic, subscriptions.Value!);
            var confirmed = reach.Confirmed;
            var pending = reach.Pending;
            all.Add(("ConfirmedSubscriptions", confirmed.Select(s => $"{s.Protocol}:{s.Endpoint}").ToArray()));
            all.Add(("PendingSubscriptions", pending));
            if (confirmed.Count == 0)
                return new MonitorLink(subscriptionStage, FindingStatus.Fail, "SNS_SUBSCRIPTION_NOT_PRESENT",
                    $"SNS topic {topic.TopicArn} has no confirmed subscription" + (pending > 0 ? $" ({pending} pending confirmation)" : string.Empty) + ", so nobody receives the alert.",
                    null, all.ToArray());
            if (reach.Dropping.Count > 0)
                all.Add(("FilteredSubscriptions", reach.Dropping.Select(d => d.Subscription.SubscriptionArn).ToArray()));
            var command = publish.ServicePrincipal == RootSignInAlertCheck.EventsPrincipal ? "New-RootSignInAlert" : "New-RootUsageAlarm";
            if (reach.AllDrop)
                return new MonitorLink(subscriptionStage, FindingStatus.Fail, "SNS_SUBSCRIPTION_FILTERED",
                    $"Every confirmed subscription of SNS topic {topic.TopicArn} filters the alert out, so nobody receives it: "
                    + string.Join("; ", reach.Dropping.Select(SubscriptionReach.Describe)) + ".",
                    null, all.ToArray())
                {
                    Remediation = reach.FilteredRemedy(command),
                };
            if (reach.Delivering.Count == 0)
            {
                // Nobody provably receives it, though somebody may: a Warning, never a Pass.
                var unread = reach.Unread.FirstOrDefault();
                caveats.Add(new Caveat(UnverifiableRank, "SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE",
                    $"whether any confirmed subscription of SNS topic {topic.TopicArn} receives the alert cannot be verified: "
                    + string.Join("; ", reach.Unprovable.Select(SubscriptionReach.Describe)
                        .Concat(reach.Unread.Select(u => $"{SubscriptionReach.Name(u.Subscription)}: {u.Failure.Describe("its filter policy").TrimEnd('.')}"))
                        .Concat(reach.Dropping.Select(SubscriptionReach.Describe))) + ".",
                    unread.Failure != null
                        ? unread.Failure.Remedy
                        : $"Make sure one subscription receives the alert: remove its filter policy ({string.Join("; ", reach.Unprovable.Select(u => FilterPolicyJudgement.RemoveFilterCommand(u.Subscription.SubscriptionArn!)))}), or add a subscription without one: {command} -EmailAddress <address>; then prove it with Send-RootMonitoringTest."));
            }

            var link = new MonitorLink(PassRank, FindingStatus.Pass, null,
                $"SNS topic {topic.TopicArn} has {confirmed.Count} confirmed subscription(s).", null, all.ToArray());
            link.Caveats.AddRange(caveats);
            return link;
        }

        /// <summary>
        /// The topic's customer managed key: a Fail when it cannot work (gone, AWS managed, disabled, its policy denies or
        /// does not allow the service); a caveat when it cannot be verified (unreadable, an unprovable condition); else null.
        /// </summary>
        private static MonitorLink? KeyLink(KeyEvidence key, string service, string topicArn, int stage, List<(string, object?)> facts, List<Caveat> caveats)
        {
            MonitorLink Fail(string why) => new MonitorLink(stage, FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID",
                $"SNS topic {topicArn} is encrypted with KMS key {key.KeyId}, {why}, so SNS drops the alert.", null, facts.ToArray())
            {
                Remediation = $"Let {service} use the key: add a key policy statement with Principal {{\"Service\": \"{service}\"}}, Action [\"kms:GenerateDataKey*\", \"kms:Decrypt\"] and Resource \"*\" (aws kms put-key-policy), or encrypt the topic with a key that has one.",
            };
            void Unverifiable(string why, string remedy) => caveats.Add(new Caveat(UnverifiableRank, "SNS_TOPIC_KEY_NOT_VERIFIABLE",
                $"whether KMS key {key.KeyId} of SNS topic {topicArn} lets {service} encrypt for it cannot be verified: {why}", remedy));

            var metadata = key.Metadata;
            if (metadata == null || !metadata.Succeeded)
            {
                var failure = metadata?.Failure ?? SourceFailure.Denied("kms:DescribeKey");
                if (failure.NotFound) return Fail("which does not exist");
                Unverifiable(failure.Describe($"KMS key {key.KeyId}"), failure.Remedy);
                return null;
            }

            var described = metadata.Value!;
            facts.Add(("KmsKeyArn", described.Arn));
            if (described.KeyManager == "AWS") return Fail("an AWS managed key, whose policy cannot grant " + service + " its use");
            if (described.Enabled == false || (described.KeyState != null && described.KeyState != "Enabled"))
                return Fail($"which is {described.KeyState ?? "disabled"}");

            if (key.Policy == null || !key.Policy.Succeeded)
            {
                var failure = key.Policy?.Failure ?? SourceFailure.Denied("kms:GetKeyPolicy");
                Unverifiable(failure.Describe($"the policy of KMS key {key.KeyId}"), failure.Remedy);
                return null;
            }

            var verdict = MonitorDeliveryRequests.EvaluateKeyPolicy(key.Policy.Value, service, described.Arn ?? key.KeyId);
            facts.Add(("KeyPolicyDecision", verdict.Decision.ToString()));
            if (verdict.Decision == PolicyDecision.Unverifiable)
                Unverifiable(verdict.Reason, $"Give {service} an unconditional Allow for kms:GenerateDataKey* and kms:Decrypt in the key policy, and no Deny that could cover it.");
            else if (!verdict.IsAllowed)
                return Fail($"whose key policy does not let {service} use it ({verdict.Reason})");
            return null;
        }

        private static MonitorLink Missing(string topicArn, ServiceRequest publish, int stage, List<(string, object?)> facts) =>
            new MonitorLink(stage, FindingStatus.Fail, "SNS_TOPIC_NOT_PRESENT",
                $"The SNS topic {topicArn} that {SourceOf(publish)} notifies no longer exists, so the alert goes nowhere.", null, facts.ToArray());

        private static string SourceOf(ServiceRequest publish) =>
            publish.TryGetKey("aws:SourceArn", out var source) && source != null ? source : publish.ServicePrincipal;

        public static bool IsConfirmed(Aws.Sns.Model.Subscription s) =>
            s.SubscriptionArn != null && s.SubscriptionArn.StartsWith("arn:", StringComparison.Ordinal);
    }
}
