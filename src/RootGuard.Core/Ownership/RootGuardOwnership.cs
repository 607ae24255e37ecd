using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using RootGuard.Core.Connection;
using RootGuard.Core.Monitoring;

namespace RootGuard.Core.Ownership
{
    /// <summary>
    /// How RootGuard recognises what it made where a resource cannot carry the ManagedBy tag: its EventBridge
    /// target ids, its topic policy statement ids, the alarm tag that records a metric filter it created (proved by
    /// the filter's metric), and the tags that record the e-mail subscriptions it added to a topic it did not create.
    /// </summary>
    public static class RootGuardOwnership
    {
        /// <summary>
        /// Every topic policy statement id RootGuard writes starts with this and a component's name
        /// (RootGuardSignInAlert…, RootGuardUsageAlarm…). Only those are RootGuard's: a statement someone named
        /// RootGuardReadOnly, say, is theirs.
        /// </summary>
        public const string PolicySidPrefix = "RootGuard";

        /// <summary>
        /// Alarm tag naming the metric filter RootGuard created for it (<c>logGroupName:filterName</c>). Metric filters
        /// cannot be tagged, and a filter RootGuard only reused must survive Remove-RootMonitoring.
        /// </summary>
        public const string CreatedMetricFilterTagKey = "RootGuard:MetricFilter";

        /// <summary>
        /// Prefix of the tags on RootGuard's own rule or alarm that record an e-mail subscription RootGuard added to a
        /// topic it did not create: key <c>RootGuard:Subscription:&lt;subscription id&gt;</c>, value the topic's ARN.
        /// One tag per subscription, so concurrent writers never overwrite each other's record (TagResource sets keys,
        /// it does not replace the tag set).
        /// </summary>
        public const string SubscriptionTagPrefix = "RootGuard:Subscription:";

        // The last part of a subscription ARN: SNS uses a UUID.
        private static readonly Regex SubscriptionId = new Regex("^[A-Za-z0-9-]{1,100}$", RegexOptions.CultureInvariant);

        /// <summary>
        /// The one EventBridge target id RootGuard writes (<see cref="SignInAlert.SignInAlertNames.TargetId"/>); a target
        /// someone added under another id, RootGuardBackup say, is theirs and keeps the rule.
        /// </summary>
        public static bool IsOwnTargetId(string? id) => string.Equals(id, SignInAlert.SignInAlertNames.TargetId, StringComparison.Ordinal);

        public static bool IsOwnPolicySid(string? sid) => sid != null && ComponentOfPolicySid(sid) != null;

        /// <summary>
        /// The component whose statement id this is (RootGuardSignInAlert…, RootGuardUsageAlarm…), or null when the
        /// statement is not RootGuard's.
        /// </summary>
        public static string? ComponentOfPolicySid(string sid) =>
            RemovalSelection.AllComponents.FirstOrDefault(c => sid.StartsWith(PolicySidPrefix + c, StringComparison.Ordinal));

        /// <summary>
        /// The actions of RootGuard's alarm that RootGuard did not set, each as "kind ARN". RootGuard sets one alarm action,
        /// its topic (<see cref="UsageAlarm.AlarmDesign"/>), and no OK or INSUFFICIENT_DATA action; an update keeps the
        /// others and points the alarm at one topic. So every OK or INSUFFICIENT_DATA action, and every alarm action that
        /// is not a topic, is someone else's. Of several topics, RootGuard's is the one <paramref name="isOwnTopic"/>
        /// recognises (RootGuard's topic, or one holding RootGuard's statement for this alarm); when none is, RootGuard
        /// cannot tell which it set, and all count.
        /// </summary>
        public static IReadOnlyList<string> ForeignAlarmActions(IEnumerable<string> alarmActions, IEnumerable<string> okActions,
            IEnumerable<string> insufficientDataActions, Func<string, bool> isOwnTopic)
        {
            var topics = alarmActions.Where(a => ArnParts.IsService(a, "sns")).Distinct(StringComparer.Ordinal).ToList();
            var ownTopics = topics.Count == 1 ? topics : topics.Where(isOwnTopic).ToList();
            return alarmActions.Distinct(StringComparer.Ordinal).Where(a => !ownTopics.Contains(a)).Select(a => "alarm action " + a)
                .Concat(okActions.Distinct(StringComparer.Ordinal).Select(a => "OK action " + a))
                .Concat(insufficientDataActions.Distinct(StringComparer.Ordinal).Select(a => "INSUFFICIENT_DATA action " + a))
                .ToList();
        }

        /// <summary>Splits the <see cref="CreatedMetricFilterTagKey"/> value; log group names may contain ':' but filter names rarely do, so split at the last one.</summary>
        public static (string LogGroupName, string FilterName)? ParseCreatedMetricFilter(string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                return null;
            }

            var at = value!.LastIndexOf(':');
            return at <= 0 || at == value.Length - 1 ? null : ((string, string)?)(value.Substring(0, at), value.Substring(at + 1));
        }

        public static string FormatCreatedMetricFilter(string logGroupName, string filterName) => logGroupName + ":" + filterName;

        /// <summary>
        /// Whether an alarm proves that RootGuard owns a metric filter. Filters cannot be tagged, so ownership rests on
        /// two things RootGuard controls on its own alarm: the alarm carries ManagedBy=RootGuard and a
        /// <see cref="CreatedMetricFilterTagKey"/> naming exactly this log group and filter, and the filter still
        /// publishes the metric that alarm watches. A tag alone is not enough: a filter someone re-created under the
        /// same name for another metric is theirs.
        /// </summary>
        /// <param name="alarmTags">The alarm's tags.</param>
        /// <param name="alarmNamespace">The namespace of the metric the alarm watches.</param>
        /// <param name="alarmMetricName">The name of the metric the alarm watches.</param>
        /// <param name="logGroupName">The filter's log group.</param>
        /// <param name="filterName">The filter's name.</param>
        /// <param name="filterMetrics">The (namespace, name) of each of the filter's metric transformations.</param>
        public static bool ProvesMetricFilter(IEnumerable<KeyValuePair<string, string>> alarmTags, string? alarmNamespace, string? alarmMetricName,
            string logGroupName, string filterName, IEnumerable<(string? Namespace, string? Name)> filterMetrics)
        {
            var tags = alarmTags.ToList();
            return RootGuardTags.IsManaged(tags)
                   && tags.Any(t => t.Key == CreatedMetricFilterTagKey && t.Value == FormatCreatedMetricFilter(logGroupName, filterName))
                   && alarmNamespace != null && alarmMetricName != null
                   && filterMetrics.Any(m => m.Namespace == alarmNamespace && m.Name == alarmMetricName);
        }

        /// <summary>The tag that records one subscription RootGuard added; null when the ARN is not a subscription ARN of that topic.</summary>
        public static KeyValuePair<string, string>? SubscriptionTag(string topicArn, string? subscriptionArn)
        {
            if (subscriptionArn == null || !subscriptionArn.StartsWith(topicArn + ":", StringComparison.Ordinal))
            {
                return null;
            }

            var id = subscriptionArn.Substring(topicArn.Length + 1);
            return SubscriptionId.IsMatch(id) ? new KeyValuePair<string, string>(SubscriptionTagPrefix + id, topicArn) : (KeyValuePair<string, string>?)null;
        }

        /// <summary>The subscriptions a resource's tags record, as (topic ARN, subscription ARN, tag key).</summary>
        public static IReadOnlyList<(string TopicArn, string SubscriptionArn, string TagKey)> RecordedSubscriptions(IEnumerable<KeyValuePair<string, string>> tags) =>
            tags.Where(t => t.Key.StartsWith(SubscriptionTagPrefix, StringComparison.Ordinal) && !string.IsNullOrEmpty(t.Value))
                .Select(t => (Id: t.Key.Substring(SubscriptionTagPrefix.Length), TopicArn: t.Value, TagKey: t.Key))
                .Where(t => SubscriptionId.IsMatch(t.Id) && ArnParts.IsService(t.TopicArn, "sns"))
                .Select(t => (t.TopicArn, t.TopicArn + ":" + t.Id, t.TagKey))
                .OrderBy(t => t.Item2, StringComparer.Ordinal)
                .ToList();
    }
}
