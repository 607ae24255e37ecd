using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Inventory;
using RootGuard.Core.Patterns;
using RootGuard.Core.Planning;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Which metric filter the alarm will watch, decided from the filters already on the log group: RootGuard's own
    /// as wanted (unchanged), someone's equivalent filter (reused, not duplicated), the same-named filter corrected,
    /// or a new one.
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

        /// <param name="logGroupName">The log group the trail delivers to.</param>
        /// <param name="filters">Every metric filter on that log group.</param>
        /// <param name="settings">What the user asked for.</param>
        /// <param name="ownedFilterTag">The existing alarm's <see cref="OwnershipTagKey"/> value, when it has one.</param>
        public static MetricFilterChoice Decide(string logGroupName, IReadOnlyList<MetricFilter> filters, UsageAlarmSettings settings,
            string? ownedFilterTag)
        {
            var wantedPattern = settings.FilterPattern;
            bool Owned(string name) => ownedFilterTag == OwnershipTag(logGroupName, name);

            var sameName = filters.FirstOrDefault(f => f.FilterName == settings.FilterName);
            if (sameName != null && sameName.FilterPattern == wantedPattern && HasCountMetric(sameName, settings.MetricNamespace, settings.MetricName))
            {
                var owned = Owned(settings.FilterName);
                return new MetricFilterChoice(ChangeAction.Unchanged, logGroupName, settings.FilterName, wantedPattern, settings.MetricNamespace,
                    settings.MetricName, !owned, owned, sameName,
                    owned ? "RootGuard's metric filter is in place as wanted." : "A metric filter with this name and pattern already exists; it is used as it is.");
            }

            // Someone's filter that counts the same root usage: the alarm watches its metric instead of a duplicate.
            // The same-named filter is left to the update below, so changed -MetricName/-MetricNamespace converge.
            var acceptable = settings.ExcludeCentralizedRootSession
                ? new[] { UsageFilterVerdict.CisWithoutAssumeRoot }
                : new[] { UsageFilterVerdict.ExactCis, UsageFilterVerdict.EquivalentToCis };
            var reusable = filters
                .Where(f => f.FilterName != settings.FilterName && f.FilterPattern != null && CountMetric(f) != null)
                .Select(f => (Filter: f, Analysis: RootMonitorPatternAnalysis.AnalyzeUsageFilter(f.FilterPattern!)))
                .Where(p => acceptable.Contains(p.Analysis.Verdict))
                .OrderBy(p => p.Filter.FilterPattern == wantedPattern ? 0 : 1)
                .ThenBy(p => p.Filter.FilterName, StringComparer.Ordinal)
                .FirstOrDefault();
            if (reusable.Filter != null)
            {
                var metric = CountMetric(reusable.Filter)!;
                var owned = Owned(reusable.Filter.FilterName!);
                return new MetricFilterChoice(ChangeAction.Unchanged, logGroupName, reusable.Filter.FilterName!, reusable.Filter.FilterPattern!,
                    metric.MetricNamespace!, metric.MetricName!, !owned, owned, reusable.Filter,
                    $"Reusing the existing metric filter '{reusable.Filter.FilterName}' instead of making a duplicate: {reusable.Analysis.Reason}");
            }

            if (sameName != null)
            {
                var owned = Owned(settings.FilterName);
                return new MetricFilterChoice(ChangeAction.Update, logGroupName, settings.FilterName, wantedPattern, settings.MetricNamespace,
                    settings.MetricName, false, owned, sameName,
                    $"The metric filter '{settings.FilterName}' exists with another pattern or metric; it is set to the wanted one.");
            }

            return new MetricFilterChoice(ChangeAction.Create, logGroupName, settings.FilterName, wantedPattern, settings.MetricNamespace,
                settings.MetricName, false, true, null, $"No metric filter on '{logGroupName}' counts root usage; RootGuard makes one.");
        }

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
