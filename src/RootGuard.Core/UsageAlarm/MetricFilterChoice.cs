using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Which metric filter the alarm will watch, decided from the filters already on the log group: RootGuard's own
    /// (unchanged, or corrected), someone's filter that counts the same root usage (reused as it is, never changed), an
    /// adopted one (-AdoptExisting), or a new one. A filter RootGuard does not own is never changed without
    /// -AdoptExisting, and one another RootGuard alarm owns is never shared nor changed.
    /// </summary>
    public sealed class MetricFilterChoice
    {
        /// <summary>The alarm tag that records a filter RootGuard made (see <see cref="RootGuardOwnership"/>, which
        /// Remove-RootMonitoring reads): metric filters cannot carry tags.</summary>
        public const string OwnershipTagKey = RootGuardOwnership.CreatedMetricFilterTagKey;

        private MetricFilterChoice(ChangeAction action, string logGroupName, string filterName, string filterPattern, string metricNamespace,
            string metricName, bool reused, bool madeByRootGuard, MetricFilter? existing, string reason)
        {
            Action = action;
            LogGroupName = logGroupName;
            FilterName = filterName;
            FilterPattern = filterPattern;
            MetricNamespace = metricNamespace;
            MetricName = metricName;
            Reused = reused;
            MadeByRootGuard = madeByRootGuard;
            Existing = existing;
            Reason = reason;
        }

        /// <summary>Create or Update (PutMetricFilter), or Unchanged (also when an existing filter is reused).</summary>
        public ChangeAction Action { get; }

        public string LogGroupName { get; }
        public string FilterName { get; }
        public string FilterPattern { get; }
        public string MetricNamespace { get; }
        public string MetricName { get; }

        /// <summary>True when the alarm watches a filter someone else made, instead of a RootGuard duplicate.</summary>
        public bool Reused { get; }

        /// <summary>True when RootGuard made (or now makes) the filter, so the alarm's ownership tag names it.</summary>
        public bool MadeByRootGuard { get; }

        /// <summary>The filter as it is before this call (for Update's undo); null when it does not exist.</summary>
        public MetricFilter? Existing { get; }

        /// <summary>Why this filter, in a sentence.</summary>
        public string Reason { get; }

        /// <summary>True when the pattern is the exact CIS text, the only one Security Hub CloudWatch.1 accepts.</summary>
        public bool IsCisPattern => FilterPattern == RootMonitorDefinitions.CisRootUsageFilterPattern;

        /// <summary>The ownership tag value for this filter.</summary>
        public string OwnershipTagValue => OwnershipTag(LogGroupName, FilterName);

        public static string OwnershipTag(string logGroupName, string filterName) => RootGuardOwnership.FormatCreatedMetricFilter(logGroupName, filterName);

        /// <summary>
        /// The filters whose owner matters to <see cref="Decide"/>: the one of the wanted name, and those it could reuse.
        /// The planner looks up only their owners (one DescribeAlarmsForMetric per metric), not every filter's.
        /// </summary>
        public static IReadOnlyList<MetricFilter> Candidates(IReadOnlyList<MetricFilter> filters, UsageAlarmSettings settings) =>
            filters.Where(f => f.FilterName == settings.EffectiveFilterName || IsReusable(f, settings)).ToList();

        /// <param name="logGroupName">The log group the trail delivers to.</param>
        /// <param name="filters">Every metric filter on that log group.</param>
        /// <param name="settings">What the user asked for.</param>
        /// <param name="owners">
        /// For each filter RootGuard provably owns, the RootGuard alarm that proves it (see
        /// <see cref="RootGuardOwnership.ProvesMetricFilter"/>); a filter not in it is someone else's.
        /// </param>
        /// <exception cref="RootGuardException">
        /// <see cref="ErrorIds.MetricFilterNotManaged"/> when the filter of the wanted name is someone else's, differs
        /// from what is wanted, no other filter can be reused and -AdoptExisting was not given;
        /// <see cref="ErrorIds.MetricFilterInUse"/> when it belongs to another RootGuard alarm. Either way nothing is changed.
        /// </exception>
        public static MetricFilterChoice Decide(string logGroupName, IReadOnlyList<MetricFilter> filters, UsageAlarmSettings settings,
            IReadOnlyDictionary<string, string> owners)
        {
            var name = settings.EffectiveFilterName;
            var wantedPattern = settings.FilterPattern;
            string? OwnerOf(string filterName) => owners.TryGetValue(filterName, out var owner) ? owner : null;
            bool Ours(string filterName) => OwnerOf(filterName) == settings.AlarmName;

            var sameName = filters.FirstOrDefault(f => f.FilterName == name);
            var sameNameAsWanted = sameName != null && sameName.FilterPattern == wantedPattern
                                                    && HasCountMetric(sameName, settings.MetricNamespace, settings.MetricName);
            if (sameName != null)
            {
                var owner = OwnerOf(name);
                if (owner == settings.AlarmName || owner == null && settings.AdoptExisting)
                {
                    var adopted = owner == null;
                    return sameNameAsWanted
                        ? new MetricFilterChoice(ChangeAction.Unchanged, logGroupName, name, wantedPattern, settings.MetricNamespace, settings.MetricName,
                            false, true, sameName, adopted ? $"-AdoptExisting: the metric filter '{name}' is as wanted and is RootGuard's from now on." : "RootGuard's metric filter is in place as wanted.")
                        : new MetricFilterChoice(ChangeAction.Update, logGroupName, name, wantedPattern, settings.MetricNamespace, settings.MetricName,
                            false, true, sameName, adopted
                                ? $"-AdoptExisting: the metric filter '{name}' is taken over and set to the wanted pattern and metric."
                                : $"RootGuard's metric filter '{name}' has another pattern or metric; it is set to the wanted one.");
                }

                if (owner != null)
                {
                    throw InUse(logGroupName, name, owner, settings);
                }

                if (sameNameAsWanted)
                {
                    // Someone's filter that is exactly what is wanted: watched as it is, never changed nor claimed.
                    return new MetricFilterChoice(ChangeAction.Unchanged, logGroupName, name, wantedPattern, settings.MetricNamespace,
                        settings.MetricName, true, false, sameName, "A metric filter with this name and pattern already exists; it is used as it is.");
                }
            }

            // Someone's filter that counts the same root usage: the alarm watches its metric instead of a duplicate.
            // Another RootGuard alarm's filter is not shared: removing that alarm would delete it under this one.
            var reusable = filters
                .Where(f => f.FilterName != name && IsReusable(f, settings) && (OwnerOf(f.FilterName!) == null || Ours(f.FilterName!)))
                .Select(f => (Filter: f, Analysis: RootMonitorPatternAnalysis.AnalyzeUsageFilter(f.FilterPattern!)))
                .OrderBy(p => p.Filter.FilterPattern == wantedPattern ? 0 : 1)
                .ThenBy(p => p.Filter.FilterName, StringComparer.Ordinal)
                .FirstOrDefault();
            if (reusable.Filter != null)
            {
                var metric = CountMetric(reusable.Filter)!;
                var owned = Ours(reusable.Filter.FilterName!);
                return new MetricFilterChoice(ChangeAction.Unchanged, logGroupName, reusable.Filter.FilterName!, reusable.Filter.FilterPattern!,
                    metric.MetricNamespace!, metric.MetricName!, !owned, owned, reusable.Filter,
                    $"Reusing the existing metric filter '{reusable.Filter.FilterName}' instead of making a duplicate: {reusable.Analysis.Reason}");
            }

            if (sameName != null)
            {
                throw NotManaged(logGroupName, sameName, settings);
            }

            return new MetricFilterChoice(ChangeAction.Create, logGroupName, name, wantedPattern, settings.MetricNamespace,
                settings.MetricName, false, true, null, $"No metric filter on '{logGroupName}' counts root usage; RootGuard makes one.");
        }

        private static bool IsReusable(MetricFilter filter, UsageAlarmSettings settings)
        {
            if (filter.FilterPattern == null || CountMetric(filter) == null)
            {
                return false;
            }

            var verdict = RootMonitorPatternAnalysis.AnalyzeUsageFilter(filter.FilterPattern).Verdict;
            return settings.ExcludeCentralizedRootSession
                ? verdict == UsageFilterVerdict.CisWithoutAssumeRoot
                : verdict == UsageFilterVerdict.ExactCis || verdict == UsageFilterVerdict.EquivalentToCis;
        }

        private static string OtherName(string name) => name.StartsWith("RootGuard-", StringComparison.Ordinal) ? name + "-2" : "RootGuard-" + name;

        private static RootGuardException NotManaged(string logGroupName, MetricFilter filter, UsageAlarmSettings settings)
        {
            var metrics = string.Join(", ", filter.MetricTransformations.Select(t => $"{t.MetricNamespace}/{t.MetricName}"));
            return new RootGuardException(ErrorIds.MetricFilterNotManaged, FailureKind.InvalidOperation,
                $"A metric filter named '{filter.FilterName}' already exists on log group '{logGroupName}' and RootGuard did not make it "
                + $"(pattern '{filter.FilterPattern}', counting into {(metrics.Length == 0 ? "no metric" : metrics)}). "
                + "RootGuard never changes a metric filter it does not own, and no other filter on the log group counts root usage as wanted. Nothing was changed.",
                $"Give another -FilterName (for example -FilterName {OtherName(filter.FilterName!)}) so RootGuard makes its own filter beside it, "
                + "or add -AdoptExisting to let RootGuard take this filter over: it is then set to RootGuard's pattern and metric, and Remove-RootMonitoring deletes it.",
                "FilterName");
        }

        private static RootGuardException InUse(string logGroupName, string filterName, string owner, UsageAlarmSettings settings) =>
            new RootGuardException(ErrorIds.MetricFilterInUse, FailureKind.InvalidOperation,
                $"The metric filter '{filterName}' on log group '{logGroupName}' belongs to RootGuard's alarm '{owner}' (that alarm's {OwnershipTagKey} tag names it, and the filter publishes the metric that alarm watches). "
                + $"RootGuard does not point a second alarm at it nor change it: removing '{owner}' would delete it under '{settings.AlarmName}'. Nothing was changed.",
                $"Give the alarm '{settings.AlarmName}' its own filter with another -FilterName (for example -FilterName {OtherName(filterName)}), or use -AlarmName {owner} to change that alarm instead.",
                "FilterName");

        // The alarm sums the metric, so only a transformation that publishes 1 per matching event counts root actions.
        private static MetricTransformation? CountMetric(MetricFilter filter) =>
            filter.MetricTransformations.FirstOrDefault(t => t.MetricValue == "1" && t.MetricName != null && t.MetricNamespace != null);

        private static bool HasCountMetric(MetricFilter filter, string metricNamespace, string metricName) =>
            filter.MetricTransformations.Count == 1 && CountMetric(filter) is { } t && t.MetricNamespace == metricNamespace && t.MetricName == metricName;

        /// <summary>The PutMetricFilter request that makes the chosen filter.</summary>
        public PutMetricFilterRequest ToPutRequest() => new PutMetricFilterRequest
        {
            LogGroupName = LogGroupName,
            FilterName = FilterName,
            FilterPattern = FilterPattern,
            MetricTransformations =
            {
                new MetricTransformation { MetricNamespace = MetricNamespace, MetricName = MetricName, MetricValue = "1" },
            },
        };

        /// <summary>The PutMetricFilter request that puts <see cref="Existing"/> back as it was.</summary>
        public PutMetricFilterRequest? ToRestoreRequest() => Existing == null
            ? null
            : new PutMetricFilterRequest
            {
                LogGroupName = LogGroupName,
                FilterName = Existing.FilterName,
                FilterPattern = Existing.FilterPattern,
                MetricTransformations = Existing.MetricTransformations,
                ApplyOnTransformedLogs = Existing.ApplyOnTransformedLogs,
                FieldSelectionCriteria = Existing.FieldSelectionCriteria,
                EmitSystemFieldDimensions = Existing.EmitSystemFieldDimensions,
            };
    }
}
