using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudWatch;
using RootGuard.Core.Aws.CloudWatchLogs;
using RootGuard.Core.Aws.EventBridge;
using RootGuard.Core.Aws.Sns;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using CwModel = RootGuard.Core.Aws.CloudWatch.Model;
using EbModel = RootGuard.Core.Aws.EventBridge.Model;
using LogsModel = RootGuard.Core.Aws.CloudWatchLogs.Model;
using SnsModel = RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// Finds what RootGuard made, by its tags (rules, topics, alarms), by its own statement ids in the policies of
    /// topics it did not make, by the metric filters its alarms prove to own, and by the subscriptions its rules and
    /// alarms record. Nothing without those marks is ever reported as RootGuard's.
    /// </summary>
    public sealed class RootGuardInventoryReader
    {
        // Tag lookups are one call per resource; a few at a time keeps large accounts fast without tripping throttling.
        private const int Concurrency = 8;

        private readonly AwsClientFactory factory;
        private readonly bool readWhatRestsOnTopics;

        /// <param name="factory">The connection's clients.</param>
        /// <param name="readWhatRestsOnTopics">Also read, for each RootGuard topic, the subscriptions and policy statements
        /// of others that rest on it (<see cref="ManagedTopic.ForeignSubscriptions"/>, <see cref="ManagedTopic.ForeignPublishers"/>):
        /// two calls per topic that only a removal needs, to keep what is not RootGuard's.</param>
        public RootGuardInventoryReader(AwsClientFactory factory, bool readWhatRestsOnTopics = false)
        {
            this.factory = factory;
            this.readWhatRestsOnTopics = readWhatRestsOnTopics;
        }

        /// <summary>
        /// Where RootGuard's resources are looked for: the partition's home region (where the sign-in alert lives), the
        /// connection's region, and any other (the region of a topic named on the pipeline).
        /// </summary>
        public static IReadOnlyList<string> RegionsFor(AwsConnection connection, IEnumerable<string>? others = null) =>
            new[] { AwsPartitions.HomeRegion(connection.Partition), connection.Region }
                .Concat(others ?? Enumerable.Empty<string>()).Distinct(StringComparer.Ordinal).ToList();

        // One ListSubscriptionsByTopic per topic that holds recorded subscriptions, however many rules and alarms use it.
        private readonly ReadOnce<Dictionary<string, string>> endpointsByTopic = new ReadOnce<Dictionary<string, string>>();

        public async Task<RootGuardResources> ReadAsync(IEnumerable<string> regions, CancellationToken cancellationToken)
        {
            var rules = new List<ManagedRule>();
            var topics = new List<ManagedTopic>();
            var alarms = new List<ManagedAlarm>();
            var grants = new List<ForeignTopicGrant>();
            foreach (var region in regions.Distinct(StringComparer.Ordinal))
            {
                var rulesTask = ReadRulesAsync(region, cancellationToken);
                var topicsTask = ReadTopicsAsync(region, cancellationToken);
                var alarmsTask = ReadAlarmsAsync(region, cancellationToken);
                await Task.WhenAll(rulesTask, topicsTask, alarmsTask).ConfigureAwait(false);
                rules.AddRange(rulesTask.Result);
                var managedAlarms = new HashSet<string>(alarmsTask.Result.Managed.Select(a => a.Name), StringComparer.Ordinal);
                foreach (var topic in topicsTask.Result.Managed)
                {
                    topic.ForeignAlarms = alarmsTask.Result.All.Where(a => !managedAlarms.Contains(a.AlarmName!) && ActionsOf(a).Contains(topic.Arn))
                        .Select(a => a.AlarmName!).ToList();
                }

                var ownTopics = new HashSet<string>(topicsTask.Result.Managed.Select(t => t.Arn), StringComparer.Ordinal);
                foreach (var alarm in alarmsTask.Result.Managed)
                {
                    var raw = alarmsTask.Result.All.First(a => a.AlarmName == alarm.Name);
                    var sid = UsageAlarm.UsageAlarmPlanner.StatementSid(alarm.Name);
                    alarm.ForeignActions = RootGuardOwnership.ForeignAlarmActions(raw.AlarmActions, raw.OKActions, raw.InsufficientDataActions,
                        topic => ownTopics.Contains(topic) || topicsTask.Result.Grants.Any(g => g.TopicArn == topic && g.StatementIds.Contains(sid)));
                }

                topics.AddRange(topicsTask.Result.Managed);
                grants.AddRange(topicsTask.Result.Grants);
                alarms.AddRange(alarmsTask.Result.Managed);
            }

            return new RootGuardResources(rules, topics, alarms, grants);
        }

        private async Task<List<ManagedRule>> ReadRulesAsync(string region, CancellationToken cancellationToken)
        {
            var client = factory.CreateEventBridge(region);
            var all = await client.ListRulesAllAsync(new EbModel.ListRulesRequest(), cancellationToken).ConfigureAwait(false);
            var found = await ForEachAsync(all.Where(r => r.Arn != null && r.Name != null), async rule =>
            {
                var tags = await client.ListTagsForResourceAsync(new EbModel.ListTagsForResourceRequest { ResourceARN = rule.Arn }, cancellationToken).ConfigureAwait(false);
                var pairs = tags.Tags.Select(t => new KeyValuePair<string, string>(t.Key ?? string.Empty, t.Value ?? string.Empty)).ToList();
                if (!RootGuardTags.IsManaged(pairs))
                {
                    return null;
                }

                var targets = await client.ListTargetsByRuleAllAsync(new EbModel.ListTargetsByRuleRequest { Rule = rule.Name }, cancellationToken).ConfigureAwait(false);
                var subscriptions = await ReadRecordedSubscriptionsAsync(region, pairs, cancellationToken).ConfigureAwait(false);
                return new ManagedRule(region, rule.Name!, rule.Arn!, ComponentOf(pairs),
                    targets.Where(t => RootGuardOwnership.IsOwnTargetId(t.Id)).Select(t => t.Id!).ToList(),
                    targets.Where(t => ArnParts.IsService(t.Arn, "sns")).Select(t => t.Arn!).ToList(),
                    targets.Count(t => !RootGuardOwnership.IsOwnTargetId(t.Id)), subscriptions)
                {
                    StackDeployed = RootGuardTags.IsStackDeployed(pairs),
                };
            }, cancellationToken).ConfigureAwait(false);
            return found;
        }

        private async Task<(List<ManagedTopic> Managed, List<ForeignTopicGrant> Grants)> ReadTopicsAsync(string region, CancellationToken cancellationToken)
        {
            var client = factory.CreateSns(region);
            var all = await client.ListTopicsAllAsync(new SnsModel.ListTopicsRequest(), cancellationToken).ConfigureAwait(false);
            var managed = new List<ManagedTopic>();
            var grants = new List<ForeignTopicGrant>();
            var results = await ForEachAsync(all.Where(t => t.TopicArn != null), async topic =>
            {
                var tags = await client.ListTagsForResourceAsync(new SnsModel.ListTagsForResourceRequest { ResourceArn = topic.TopicArn }, cancellationToken).ConfigureAwait(false);
                var pairs = tags.Tags.Select(t => new KeyValuePair<string, string>(t.Key ?? string.Empty, t.Value ?? string.Empty)).ToList();
                if (RootGuardTags.IsManaged(pairs))
                {
                    var managedTopic = new ManagedTopic(region, topic.TopicArn!, ComponentOf(pairs)) { StackDeployed = RootGuardTags.IsStackDeployed(pairs) };
                    if (readWhatRestsOnTopics)
                    {
                        var subscriptions = ReadForeignSubscriptionsAsync(client, topic.TopicArn!, cancellationToken);
                        var publishers = ReadForeignPublishersAsync(client, topic.TopicArn!, cancellationToken);
                        await Task.WhenAll(subscriptions, publishers).ConfigureAwait(false);
                        managedTopic.ForeignSubscriptions = subscriptions.Result;
                        managedTopic.ForeignPublishers = publishers.Result;
                    }

                    return (object)managedTopic;
                }

                var attributes = await client.GetTopicAttributesAsync(new SnsModel.GetTopicAttributesRequest { TopicArn = topic.TopicArn }, cancellationToken).ConfigureAwait(false);
                attributes.Attributes.TryGetValue("Policy", out var policy);
                var sids = OwnStatementIds(policy);
                return sids.Count == 0 ? null : new ForeignTopicGrant(region, topic.TopicArn!, sids);
            }, cancellationToken).ConfigureAwait(false);
            managed.AddRange(results.OfType<ManagedTopic>());
            grants.AddRange(results.OfType<ForeignTopicGrant>());
            return (managed, grants);
        }

        // A subscription RootGuard cannot have made on its own topic: RootGuard subscribes e-mail addresses only.
        private static async Task<IReadOnlyList<string>> ReadForeignSubscriptionsAsync(Aws.Sns.ISnsClient client, string topicArn, CancellationToken cancellationToken)
        {
            try
            {
                var subscriptions = await client.ListSubscriptionsByTopicAllAsync(new SnsModel.ListSubscriptionsByTopicRequest { TopicArn = topicArn }, cancellationToken)
                    .ConfigureAwait(false);
                return subscriptions.Where(s => !string.Equals(s.Protocol, "email", StringComparison.OrdinalIgnoreCase))
                    .Select(s => $"{s.Protocol} {s.Endpoint}").ToList();
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                return new string[0];
            }
        }

        // The statements of RootGuard's own topic that let someone else publish: whoever wrote them publishes through the topic.
        private static async Task<IReadOnlyList<TopicPublishGrant>> ReadForeignPublishersAsync(Aws.Sns.ISnsClient client, string topicArn, CancellationToken cancellationToken)
        {
            SnsModel.GetTopicAttributesResponse attributes;
            try
            {
                attributes = await client.GetTopicAttributesAsync(new SnsModel.GetTopicAttributesRequest { TopicArn = topicArn }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                return new TopicPublishGrant[0];
            }

            attributes.Attributes.TryGetValue("Policy", out var policy);
            return ForeignPublishers(policy, ArnParts.AccountAndRegionOf(topicArn).Account);
        }

        internal static IReadOnlyList<TopicPublishGrant> ForeignPublishers(string? policy, string? ownerAccountId)
        {
            try
            {
                return TopicPolicyDocument.Parse(policy).PublishGrants(ownerAccountId).Where(g => !RootGuardOwnership.IsOwnPolicySid(g.Sid)).ToList();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is FormatException)
            {
                // SNS stores only valid policies; one RootGuard cannot read may still let anyone publish.
                return new[] { TopicPublishGrant.UnreadablePolicy() };
            }
        }

        /// <summary>RootGuard's alarms of the region, and every metric alarm of it (whose actions and metrics may rest on RootGuard's).</summary>
        private async Task<(List<ManagedAlarm> Managed, List<CwModel.MetricAlarm> All)> ReadAlarmsAsync(string region, CancellationToken cancellationToken)
        {
            var client = factory.CreateCloudWatch(region);
            var all = (await client.DescribeAlarmsAllAsync(new CwModel.DescribeAlarmsRequest(), cancellationToken).ConfigureAwait(false))
                .MetricAlarms.Where(a => a.AlarmArn != null && a.AlarmName != null).ToList();
            var managed = await ForEachAsync(all, async alarm =>
            {
                var tags = await client.ListTagsForResourceAsync(new CwModel.ListTagsForResourceRequest { ResourceARN = alarm.AlarmArn }, cancellationToken).ConfigureAwait(false);
                var pairs = tags.Tags.Select(t => new KeyValuePair<string, string>(t.Key ?? string.Empty, t.Value ?? string.Empty)).ToList();
                if (!RootGuardTags.IsManaged(pairs))
                {
                    return null;
                }

                var claimed = RootGuardOwnership.ParseCreatedMetricFilter(pairs.FirstOrDefault(p => p.Key == RootGuardOwnership.CreatedMetricFilterTagKey).Value);
                var proven = claimed != null && await ProvesFilterAsync(region, pairs, alarm, claimed.Value, cancellationToken).ConfigureAwait(false);
                var subscriptions = await ReadRecordedSubscriptionsAsync(region, pairs, cancellationToken).ConfigureAwait(false);
                return new ManagedAlarm(region, alarm.AlarmName!, alarm.AlarmArn!, ComponentOf(pairs),
                    ActionsOf(alarm).Where(a => ArnParts.IsService(a, "sns")).Distinct().ToList(),
                    proven ? claimed : null, subscriptions, proven ? null : claimed)
                {
                    StackDeployed = RootGuardTags.IsStackDeployed(pairs),
                    AlarmsSharingMetric = all.Where(other => other.AlarmName != alarm.AlarmName && Watches(other, alarm.Namespace, alarm.MetricName))
                        .Select(other => other.AlarmName!).ToList(),
                };
            }, cancellationToken).ConfigureAwait(false);
            return (managed, all);
        }

        private static IEnumerable<string> ActionsOf(CwModel.MetricAlarm alarm) => alarm.AlarmActions.Concat(alarm.OKActions).Concat(alarm.InsufficientDataActions);

        // The alarm's own metric, or one of its metric math queries.
        private static bool Watches(CwModel.MetricAlarm alarm, string? metricNamespace, string? metricName) =>
            metricNamespace != null && metricName != null
            && (alarm.Namespace == metricNamespace && alarm.MetricName == metricName
                || alarm.Metrics.Any(q => q.MetricStat?.Metric is { } m && m.Namespace == metricNamespace && m.MetricName == metricName));

        // The alarm's tag names a filter; it is RootGuard's only while it still publishes the metric the alarm watches
        // (RootGuardOwnership.ProvesMetricFilter). A filter that is gone needs no removal: it is not reported.
        private async Task<bool> ProvesFilterAsync(string region, IReadOnlyList<KeyValuePair<string, string>> tags, CwModel.MetricAlarm alarm,
            (string LogGroupName, string FilterName) claimed, CancellationToken cancellationToken)
        {
            List<LogsModel.MetricFilter> filters;
            try
            {
                filters = await factory.CreateCloudWatchLogs(region).DescribeMetricFiltersAllAsync(new LogsModel.DescribeMetricFiltersRequest
                {
                    LogGroupName = claimed.LogGroupName,
                    FilterNamePrefix = claimed.FilterName,
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                return false;
            }

            // AWS keeps one filter per name and log group (moto may list several): any that proves it will do.
            return filters.Where(f => f.FilterName == claimed.FilterName).Any(filter => RootGuardOwnership.ProvesMetricFilter(tags, alarm.Namespace,
                alarm.MetricName, claimed.LogGroupName, claimed.FilterName, filter.MetricTransformations.Select(t => (t.MetricNamespace, t.MetricName))));
        }

        private async Task<IReadOnlyList<RecordedSubscription>> ReadRecordedSubscriptionsAsync(string region, IReadOnlyList<KeyValuePair<string, string>> tags,
            CancellationToken cancellationToken)
        {
            var recorded = RootGuardOwnership.RecordedSubscriptions(tags);
            var result = new List<RecordedSubscription>();
            foreach (var (topicArn, subscriptionArn, tagKey) in recorded)
            {
                var endpoints = await endpointsByTopic.GetAsync(topicArn, arn => ReadEndpointsAsync(region, arn, cancellationToken)).ConfigureAwait(false);
                result.Add(new RecordedSubscription(topicArn, subscriptionArn, endpoints.TryGetValue(subscriptionArn, out var endpoint) ? endpoint : null, tagKey));
            }

            return result;
        }

        // Subscription ARN → endpoint of the topic's confirmed subscriptions (SNS lists a pending one without its ARN).
        private async Task<Dictionary<string, string>> ReadEndpointsAsync(string region, string topicArn, CancellationToken cancellationToken)
        {
            try
            {
                var subscriptions = await factory.CreateSns(ArnParts.RegionOf(topicArn) ?? region)
                    .ListSubscriptionsByTopicAllAsync(new SnsModel.ListSubscriptionsByTopicRequest { TopicArn = topicArn }, cancellationToken).ConfigureAwait(false);
                return subscriptions.Where(s => s.SubscriptionArn != null && s.Endpoint != null)
                    .GroupBy(s => s.SubscriptionArn!, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.First().Endpoint!, StringComparer.Ordinal);
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                // The topic is gone, and its subscriptions with it.
                return new Dictionary<string, string>();
            }
        }

        internal static List<string> OwnStatementIds(string? policy)
        {
            try
            {
                return TopicPolicyDocument.Parse(policy).StatementIds.Where(RootGuardOwnership.IsOwnPolicySid).ToList();
            }
            catch (Exception e) when (e is System.Text.Json.JsonException || e is FormatException)
            {
                // A policy RootGuard cannot read holds nothing RootGuard wrote.
                return new List<string>();
            }
        }

        private static string? ComponentOf(IEnumerable<KeyValuePair<string, string>> tags) =>
            tags.Where(t => t.Key == RootGuardTags.ComponentKey).Select(t => t.Value).FirstOrDefault();

        private static async Task<List<TResult>> ForEachAsync<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, Task<TResult?>> body,
            CancellationToken cancellationToken)
            where TResult : class
        {
            var results = await BoundedConcurrency.MapAsync(items, Concurrency, body, cancellationToken).ConfigureAwait(false);
            return results.Where(r => r != null).Select(r => r!).ToList();
        }
    }
}
