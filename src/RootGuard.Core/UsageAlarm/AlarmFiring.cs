using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Whether a single root event raises the root usage alarm: the filter emits its metric value (1 in the CIS
    /// remediation) for the event; in the period that holds it the alarm's statistic takes that value; the comparison
    /// with the threshold must breach, and one breaching period must be enough (DatapointsToAlarm, which defaults to
    /// EvaluationPeriods, of 1). The CIS remediation is Sum ≥ 1 over one 300-second period
    /// (CIS AWS Foundations Benchmark 4.3; "Using Amazon CloudWatch alarms" and "Configuring how CloudWatch alarms treat
    /// missing data" in the CloudWatch user guide).
    /// </summary>
    public static class AlarmFiring
    {
        public const string CisStatistic = "Sum";
        public const string CisComparisonOperator = "GreaterThanOrEqualToThreshold";

        /// <summary>The CIS metric value: every matching event counts 1.</summary>
        public const string CisMetricValue = "1";

        private static readonly UsageAlarmSettings Cis = new UsageAlarmSettings();

        /// <summary>Every setting that keeps the alarm from firing on one root event, cannot be judged, or differs from CIS.</summary>
        public static IReadOnlyList<AlarmSettingIssue> Analyze(MetricTransformation metric, MetricAlarm alarm)
        {
            if (metric == null) throw new ArgumentNullException(nameof(metric));
            if (alarm == null) throw new ArgumentNullException(nameof(alarm));
            var issues = new List<AlarmSettingIssue>();
            void Add(string setting, AlarmSettingEffect effect, string text) => issues.Add(new AlarmSettingIssue(setting, effect, text));

            // The value one root event puts into the metric.
            double? value = null;
            if (!double.TryParse(metric.MetricValue, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
                Add("MetricValue", AlarmSettingEffect.Unprovable, $"the filter's metric value '{metric.MetricValue}' is taken from the event, so it may not be positive");
            else if (parsed <= 0)
                Add("MetricValue", AlarmSettingEffect.Blocks, $"the filter's metric value is {Show(parsed)}, so every root event adds {Show(parsed)} to the metric and never raises it");
            else
            {
                value = parsed;
                if (metric.MetricValue != CisMetricValue) Add("MetricValue", AlarmSettingEffect.Differs, $"the filter counts {metric.MetricValue} per root event, not 1");
            }

            if (alarm.Metrics.Count > 0)
            {
                Add("Metrics", AlarmSettingEffect.Unprovable, "the alarm evaluates metric math, so whether one root event breaches it cannot be told from its settings");
                return issues;
            }

            var comparison = alarm.ComparisonOperator;
            if (comparison != null && comparison.StartsWith("LessThan", StringComparison.Ordinal) && comparison != "LessThanLowerOrGreaterThanUpperThreshold" && comparison != "LessThanLowerThreshold")
                Add("ComparisonOperator", AlarmSettingEffect.Blocks, $"the alarm fires when the metric is {comparison} {Show(alarm.Threshold)}: on the absence of root activity, not on it");
            else if (alarm.ThresholdMetricId != null || comparison is "LessThanLowerOrGreaterThanUpperThreshold" or "LessThanLowerThreshold" or "GreaterThanUpperThreshold")
                Add("ComparisonOperator", AlarmSettingEffect.Unprovable, $"the alarm compares with an anomaly detection band ({comparison}), so whether one root event breaches it cannot be told");
            else if (value is { } v)
                JudgeThreshold(metric, alarm, v, Add);

            if (alarm.Dimensions.Count > 0 && metric.Dimensions.Count == 0)
                Add("Dimensions", AlarmSettingEffect.Blocks, $"the alarm watches the metric with dimensions {string.Join(", ", alarm.Dimensions.Select(d => d.Name + "=" + d.Value))}, which the filter never emits");
            else if (alarm.Dimensions.Count == 0 && metric.Dimensions.Count > 0)
                Add("Dimensions", AlarmSettingEffect.Blocks, $"the filter emits the metric with dimensions {string.Join(", ", metric.Dimensions.Keys)} only, and the alarm watches it without dimensions");
            else if (alarm.Dimensions.Count > 0)
                Add("Dimensions", AlarmSettingEffect.Unprovable, "the alarm watches dimension values the filter takes from the event");

            if (alarm.Unit != null && alarm.Unit != (metric.Unit ?? "None"))
                Add("Unit", AlarmSettingEffect.Blocks, $"the alarm asks for unit {alarm.Unit}, and the filter emits {metric.Unit ?? "None"}, so the alarm sees no data");

            var periods = alarm.EvaluationPeriods ?? 1;
            var needed = alarm.DatapointsToAlarm ?? periods;
            if (needed > 1)
                Add(alarm.DatapointsToAlarm != null ? "DatapointsToAlarm" : "EvaluationPeriods", AlarmSettingEffect.Blocks,
                    $"the alarm needs {needed} breaching periods out of {periods}, and one root event breaches one");
            else if (periods != Cis.EvaluationPeriods)
                Add("EvaluationPeriods", AlarmSettingEffect.Differs, $"the alarm evaluates 1 of {periods} periods, not 1 of 1");

            if (alarm.Period is { } period && period != Cis.Period)
                Add("Period", AlarmSettingEffect.Differs, $"the period is {period} seconds, not {Cis.Period}");

            // Quiet periods (no root activity) have no data unless the filter has a DefaultValue.
            switch (alarm.TreatMissingData)
            {
                case "breaching" when metric.DefaultValue == null:
                    Add("TreatMissingData", AlarmSettingEffect.Blocks, "quiet periods count as breaching, so the alarm sits in ALARM and a root event changes nothing that would notify");
                    break;
                case "ignore" when metric.DefaultValue == null:
                    Add("TreatMissingData", AlarmSettingEffect.Blocks, "quiet periods keep the last state, so after the first root event the alarm stays in ALARM and later root use notifies nobody");
                    break;
                case "breaching":
                case "ignore":
                    Add("TreatMissingData", AlarmSettingEffect.Differs, $"missing data is treated as {alarm.TreatMissingData}, which works only while the filter's default value keeps data flowing");
                    break;
            }

            return issues;
        }

        private static void JudgeThreshold(MetricTransformation metric, MetricAlarm alarm, double value, Action<string, AlarmSettingEffect, string> add)
        {
            var statistic = alarm.ExtendedStatistic ?? alarm.Statistic;
            // With a DefaultValue, every other log event of the period adds a data point, so only Sum (of a 0 default)
            // and Maximum keep the root event's value.
            var defaultValue = metric.DefaultValue;
            double? extendedValue = null;
            var zeroMayBeNoData = false;
            if (alarm.ExtendedStatistic != null && defaultValue is null)
            {
                // An extended statistic of the one data point is not always its value: a percent rank, a count, nothing.
                var one = OneEventStatistic.Of(alarm.ExtendedStatistic, alarm.EvaluateLowSampleCountPercentile, value);
                if (one.Effect is { } effect)
                {
                    add(one.Setting!, effect, one.Text!);
                    return;
                }
                extendedValue = one.Value;
                zeroMayBeNoData = one.ZeroMayBeNoData;
            }

            double? observed = statistic switch
            {
                "Sum" when defaultValue is null or 0 => value,
                "Maximum" when defaultValue is null || defaultValue <= value => value,
                "Average" or "Minimum" when defaultValue is null => value,
                "SampleCount" when defaultValue is null => 1,
                _ when alarm.ExtendedStatistic != null && defaultValue is null => extendedValue,
                _ => null,
            };
            if (observed == null)
            {
                add("Statistic", AlarmSettingEffect.Unprovable, statistic == null
                    ? "the alarm has no statistic"
                    : $"with the filter's default value {Show(defaultValue)}, the {statistic} of a period depends on the other log events in it");
                return;
            }

            if (statistic != CisStatistic)
                add("Statistic", AlarmSettingEffect.Differs, $"the statistic is {statistic}, not {CisStatistic}");

            var threshold = alarm.Threshold ?? 0;
            var breaches = alarm.ComparisonOperator switch
            {
                "GreaterThanOrEqualToThreshold" => observed >= threshold,
                "GreaterThanThreshold" => observed > threshold,
                _ => (bool?)null,
            };
            var rule = $"{statistic} {Symbol(alarm.ComparisonOperator)} {Show(threshold)}";
            if (breaches == true && zeroMayBeNoData)
                add("ExtendedStatistic", AlarmSettingEffect.Unprovable,
                    $"one root event falls outside the range of {statistic}, which makes it 0 or no data (the CloudWatch documentation does not say which), and only 0 meets {rule}");
            else if (breaches == null)
                add("ComparisonOperator", AlarmSettingEffect.Unprovable, $"the comparison {alarm.ComparisonOperator ?? "(none)"} is not one RootGuard judges");
            else if (breaches == false)
                add(alarm.ComparisonOperator == CisComparisonOperator ? "Threshold" : "ComparisonOperator", AlarmSettingEffect.Blocks,
                    $"one root event makes the {statistic} {Show(observed.Value)}{(zeroMayBeNoData ? " (or no data)" : string.Empty)}, and the alarm needs {rule}");
            else if (alarm.ComparisonOperator != CisComparisonOperator || threshold != Cis.Threshold)
                add(alarm.ComparisonOperator != CisComparisonOperator ? "ComparisonOperator" : "Threshold", AlarmSettingEffect.Differs,
                    $"the alarm fires on {rule}, not {CisStatistic} >= {Show(Cis.Threshold)}");
        }

        private static string Symbol(string? comparison) => comparison switch
        {
            "GreaterThanOrEqualToThreshold" => ">=",
            "GreaterThanThreshold" => ">",
            _ => comparison ?? "?",
        };

        private static string Show(double? number) => number?.ToString("0.###", CultureInfo.InvariantCulture) ?? "(none)";
    }
}
