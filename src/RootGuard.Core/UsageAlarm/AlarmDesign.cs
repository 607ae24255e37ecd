using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RootGuard.Core.Aws.CloudWatch.Model;
using MetricTransformation = RootGuard.Core.Aws.CloudWatchLogs.Model.MetricTransformation;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// The wanted CloudWatch alarm on the root usage metric, and how an existing alarm of that name differs from it.
    /// Pure: the planner reads the alarm and its tags.
    /// </summary>
    public sealed class AlarmDesign
    {
        /// <summary>Names the control, so whoever gets the e-mail or audits the alarm knows what it is.</summary>
        public const string CisDescription =
            "RootGuard: the root user was used. CIS AWS Foundations Benchmark control 'Ensure a log metric filter and alarm exist for usage of the \"root\" account' (v1.2.0 3.3, v1.4.0 4.3, v3.0.0 4.3); AWS Security Hub control CloudWatch.1.";

        public const string NonCisDescription =
            "RootGuard: the root user was used (outside sts:AssumeRoot task sessions). Based on the CIS AWS Foundations Benchmark root account usage control and AWS Security Hub control CloudWatch.1, but with a non-CIS filter pattern that Security Hub does not accept.";

        public AlarmDesign(string alarmName, MetricFilterChoice filter, UsageAlarmSettings settings, string topicArn)
        {
            // The ownership tag is RootGuard's to set: a user's -Tag of that key would let Remove-RootMonitoring delete their filter.
            var userTags = settings.Tags?.Where(t => t.Key != MetricFilterChoice.OwnershipTagKey).ToDictionary(t => t.Key, t => t.Value);
            var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var tag in RootGuardTags.For(RootGuardTags.UsageAlarmComponent, userTags))
            {
                tags[tag.Key] = tag.Value;
            }

            if (filter.MadeByRootGuard)
            {
                tags[MetricFilterChoice.OwnershipTagKey] = filter.OwnershipTagValue;
            }

            Tags = tags;
            Request = new PutMetricAlarmRequest
            {
                AlarmName = alarmName,
                AlarmDescription = filter.IsCisPattern ? CisDescription : NonCisDescription,
                ActionsEnabled = true,
                AlarmActions = { topicArn },
                Namespace = filter.MetricNamespace,
                MetricName = filter.MetricName,
                Statistic = AlarmFiring.CisStatistic,
                Period = settings.Period,
                EvaluationPeriods = settings.EvaluationPeriods,
                Threshold = settings.Threshold,
                ComparisonOperator = AlarmFiring.CisComparisonOperator,
                // No root activity in a period is the normal case, not a reason for INSUFFICIENT_DATA.
                TreatMissingData = "notBreaching",
                Tags = tags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };
        }

        /// <summary>The PutMetricAlarm request, tags included (CloudWatch applies them only when it creates the alarm).</summary>
        public PutMetricAlarmRequest Request { get; }

        /// <summary>
        /// The PutMetricAlarm request for an existing alarm: without Tags, which AWS ignores on an update (tags go
        /// through TagResource, and only on an alarm RootGuard owns). PutMetricAlarm replaces every action, so the ones
        /// RootGuard never sets are carried over (<see cref="KeptAlarmActions"/>, the OK and INSUFFICIENT_DATA actions).
        /// </summary>
        public PutMetricAlarmRequest UpdateRequestFor(MetricAlarm existing)
        {
            var r = Request;
            return new PutMetricAlarmRequest
            {
                AlarmName = r.AlarmName, AlarmDescription = r.AlarmDescription, ActionsEnabled = r.ActionsEnabled,
                AlarmActions = r.AlarmActions.Concat(KeptAlarmActions(existing)).ToList(),
                OKActions = existing.OKActions.ToList(), InsufficientDataActions = existing.InsufficientDataActions.ToList(),
                Namespace = r.Namespace, MetricName = r.MetricName, Statistic = r.Statistic, Period = r.Period,
                EvaluationPeriods = r.EvaluationPeriods, Threshold = r.Threshold, ComparisonOperator = r.ComparisonOperator,
                TreatMissingData = r.TreatMissingData,
            };
        }

        /// <summary>
        /// The alarm actions of <paramref name="existing"/> that RootGuard keeps: those that are not SNS topics (an SSM
        /// OpsItem, an EC2 or Auto Scaling action). RootGuard's only alarm action is its topic, so these are someone else's.
        /// </summary>
        public IReadOnlyList<string> KeptAlarmActions(MetricAlarm existing) =>
            existing.AlarmActions.Where(a => !Request.AlarmActions.Contains(a) && !Connection.ArnParts.IsService(a, "sns")).Distinct().ToList();

        /// <summary>
        /// The SNS topics <paramref name="existing"/> notifies besides the wanted one. An update points the alarm at the
        /// wanted topic only: RootGuard cannot tell a topic it set before (another -TopicArn) from one someone added, so
        /// the planner warns, naming them.
        /// </summary>
        public IReadOnlyList<string> ReplacedTopics(MetricAlarm existing) =>
            existing.AlarmActions.Where(a => !Request.AlarmActions.Contains(a) && Connection.ArnParts.IsService(a, "sns")).Distinct().ToList();

        /// <summary>
        /// One warning per setting of this design that keeps a single root event from raising the alarm (none for the
        /// CIS defaults): <see cref="AlarmFiring"/>'s judgement, the one Test-RootAccountSecurity's RG.ROOT.6 makes of the
        /// deployed alarm, so New-RootUsageAlarm and the check cannot disagree.
        /// </summary>
        public IReadOnlyList<string> SingleEventWarnings()
        {
            var r = Request;
            // The filter RootGuard puts (or reuses) counts 1 per root event; only the alarm's own settings are judged here.
            var metric = new MetricTransformation { MetricNamespace = r.Namespace, MetricName = r.MetricName, MetricValue = AlarmFiring.CisMetricValue };
            var alarm = new MetricAlarm
            {
                AlarmName = r.AlarmName, Namespace = r.Namespace, MetricName = r.MetricName, Statistic = r.Statistic, Period = r.Period,
                EvaluationPeriods = r.EvaluationPeriods, Threshold = r.Threshold, ComparisonOperator = r.ComparisonOperator,
                TreatMissingData = r.TreatMissingData, ActionsEnabled = r.ActionsEnabled, AlarmActions = r.AlarmActions,
            };

            // The design sets no DatapointsToAlarm, dimensions or unit: what can block is -Threshold or -EvaluationPeriods,
            // and each issue names its setting by that parameter's name.
            return AlarmFiring.Analyze(metric, alarm)
                .Where(issue => issue.Effect == AlarmSettingEffect.Blocks)
                .Select(issue =>
                    $"-{issue.Setting} {(issue.Setting == "Threshold" ? r.Threshold?.ToString(CultureInfo.InvariantCulture) : r.EvaluationPeriods?.ToString(CultureInfo.InvariantCulture))}: {issue.Text}. "
                    + $"A single root action will not raise the alarm, and Test-RootAccountSecurity will fail RG.ROOT.6 for it. Leave -{issue.Setting} out (1, the CIS default) to be alerted to every root action.")
                .ToList();
        }

        /// <summary>The tags the alarm must carry.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>The settings of <paramref name="existing"/> that differ from the wanted ones, as "Name: old → new".</summary>
        public IReadOnlyList<string> Differences(MetricAlarm existing)
        {
            var wanted = Request;
            var differences = new List<string>();
            void Compare(string name, object? actual, object? want)
            {
                if (!Equals(actual, want))
                {
                    differences.Add($"{name}: {actual ?? "(none)"} → {want}");
                }
            }

            Compare("Namespace", existing.Namespace, wanted.Namespace);
            Compare("MetricName", existing.MetricName, wanted.MetricName);
            Compare("Statistic", existing.Statistic, wanted.Statistic);
            Compare("Period", existing.Period, wanted.Period);
            Compare("EvaluationPeriods", existing.EvaluationPeriods, wanted.EvaluationPeriods);
            // DatapointsToAlarm defaults to EvaluationPeriods; a different value changes when the alarm fires.
            Compare("DatapointsToAlarm", existing.DatapointsToAlarm ?? existing.EvaluationPeriods, wanted.EvaluationPeriods);
            Compare("Threshold", existing.Threshold, wanted.Threshold);
            Compare("ComparisonOperator", existing.ComparisonOperator, wanted.ComparisonOperator);
            Compare("TreatMissingData", existing.TreatMissingData ?? "missing", wanted.TreatMissingData);
            Compare("ActionsEnabled", existing.ActionsEnabled ?? true, true);
            Compare("AlarmDescription", existing.AlarmDescription, wanted.AlarmDescription);
            var wantedActions = wanted.AlarmActions.Concat(KeptAlarmActions(existing)).ToList();
            if (!existing.AlarmActions.OrderBy(a => a, StringComparer.Ordinal).SequenceEqual(wantedActions.OrderBy(a => a, StringComparer.Ordinal)))
            {
                differences.Add($"AlarmActions: {string.Join(", ", existing.AlarmActions)} → {string.Join(", ", wantedActions)}");
            }

            if (existing.Dimensions.Count > 0 || existing.Metrics.Count > 0 || existing.ExtendedStatistic != null || existing.Unit != null)
            {
                differences.Add("Metric: dimensions, unit, percentile or metric math → the plain metric");
            }

            return differences;
        }

        /// <summary>Tags to add or change on an existing alarm.</summary>
        public IReadOnlyDictionary<string, string> TagsToSet(IEnumerable<Tag> existing)
        {
            var present = existing.Where(t => t.Key != null).GroupBy(t => t.Key!).ToDictionary(g => g.Key, g => g.Last().Value);
            return Tags.Where(t => !present.TryGetValue(t.Key, out var v) || v != t.Value).ToDictionary(t => t.Key, t => t.Value);
        }

        /// <summary>Tags to remove: only a stale filter ownership tag (RootGuard no longer made the filter the alarm watches).</summary>
        public IReadOnlyList<string> TagsToRemove(IEnumerable<Tag> existing) =>
            existing.Any(t => t.Key == MetricFilterChoice.OwnershipTagKey) && !Tags.ContainsKey(MetricFilterChoice.OwnershipTagKey)
                ? new[] { MetricFilterChoice.OwnershipTagKey }
                : Array.Empty<string>();

        /// <summary>A PutMetricAlarm request that puts <paramref name="existing"/> back as it was (the undo of an update).</summary>
        public static PutMetricAlarmRequest RestoreRequest(MetricAlarm existing) => new PutMetricAlarmRequest
        {
            AlarmName = existing.AlarmName,
            AlarmDescription = existing.AlarmDescription,
            ActionsEnabled = existing.ActionsEnabled,
            OKActions = existing.OKActions,
            AlarmActions = existing.AlarmActions,
            InsufficientDataActions = existing.InsufficientDataActions,
            MetricName = existing.MetricName,
            Namespace = existing.Namespace,
            Statistic = existing.Statistic,
            ExtendedStatistic = existing.ExtendedStatistic,
            Dimensions = existing.Dimensions,
            Period = existing.Period,
            Unit = existing.Unit,
            EvaluationPeriods = existing.EvaluationPeriods,
            DatapointsToAlarm = existing.DatapointsToAlarm,
            Threshold = existing.Threshold,
            ComparisonOperator = existing.ComparisonOperator,
            TreatMissingData = existing.TreatMissingData,
            EvaluateLowSampleCountPercentile = existing.EvaluateLowSampleCountPercentile,
            Metrics = existing.Metrics,
            ThresholdMetricId = existing.ThresholdMetricId,
        };
    }
}
