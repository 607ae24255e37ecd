using System.Linq;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.UsageAlarm;
using Xunit;

namespace RootGuard.Core.Tests.UsageAlarm
{
    /// <summary>One root event in one period must raise the alarm; the CIS remediation is Sum >= 1 over one 300-second period.</summary>
    public sealed class AlarmFiringTests
    {
        private static MetricTransformation Metric(string value = "1", double? defaultValue = null) =>
            new MetricTransformation { MetricName = "RootAccountUsageCount", MetricNamespace = "CloudTrailMetrics", MetricValue = value, DefaultValue = defaultValue };

        private static MetricAlarm Cis() => new MetricAlarm
        {
            MetricName = "RootAccountUsageCount", Namespace = "CloudTrailMetrics", Statistic = "Sum", Period = 300, EvaluationPeriods = 1, Threshold = 1,
            ComparisonOperator = "GreaterThanOrEqualToThreshold",
        };

        private static MetricAlarm With(System.Action<MetricAlarm> change)
        {
            var alarm = Cis();
            change(alarm);
            return alarm;
        }

        [Fact]
        public void The_CIS_alarm_has_no_issue() => Assert.Empty(AlarmFiring.Analyze(Metric(), Cis()));

        [Fact]
        public void The_CIS_alarm_with_missing_data_as_not_breaching_has_no_issue() =>
            Assert.Empty(AlarmFiring.Analyze(Metric(), With(a => a.TreatMissingData = "notBreaching")));

        public static TheoryData<string, string, MetricAlarm, MetricTransformation> DoesNotFire => new()
        {
            { "Sum > 1", "ComparisonOperator", With(a => a.ComparisonOperator = "GreaterThanThreshold"), Metric() },
            { "Sum >= 10", "Threshold", With(a => a.Threshold = 10), Metric() },
            { "Sum < 1", "ComparisonOperator", With(a => a.ComparisonOperator = "LessThanThreshold"), Metric() },
            { "metric value 0", "MetricValue", Cis(), Metric("0") },
            { "3 of 3 periods", "EvaluationPeriods", With(a => a.EvaluationPeriods = 3), Metric() },
            { "2 of 3 periods", "DatapointsToAlarm", With(a => { a.EvaluationPeriods = 3; a.DatapointsToAlarm = 2; }), Metric() },
            { "missing data breaching", "TreatMissingData", With(a => a.TreatMissingData = "breaching"), Metric() },
            { "missing data ignored", "TreatMissingData", With(a => a.TreatMissingData = "ignore"), Metric() },
            { "dimensions the filter never emits", "Dimensions", With(a => a.Dimensions.Add(new Dimension { Name = "Account", Value = "1" })), Metric() },
            { "another unit", "Unit", With(a => a.Unit = "Seconds"), Metric() },
        };

        [Theory]
        [MemberData(nameof(DoesNotFire))]
        public void Settings_that_keep_one_event_from_breaching_block_and_are_named(string what, string setting, MetricAlarm alarm, MetricTransformation metric)
        {
            var blocking = AlarmFiring.Analyze(metric, alarm).Where(i => i.Effect == AlarmSettingEffect.Blocks).ToList();
            Assert.True(blocking.Count > 0, what);
            Assert.Equal(setting, blocking[0].Setting);
        }

        public static TheoryData<string, string, MetricAlarm, MetricTransformation> FiresDifferently => new()
        {
            { "period of 60 s", "Period", With(a => a.Period = 60), Metric() },
            { "Sum > 0", "ComparisonOperator", With(a => { a.ComparisonOperator = "GreaterThanThreshold"; a.Threshold = 0; }), Metric() },
            { "threshold 0.5", "Threshold", With(a => a.Threshold = 0.5), Metric() },
            { "1 of 3 periods", "EvaluationPeriods", With(a => { a.EvaluationPeriods = 3; a.DatapointsToAlarm = 1; }), Metric() },
            { "Maximum", "Statistic", With(a => a.Statistic = "Maximum"), Metric() },
            { "SampleCount", "Statistic", With(a => a.Statistic = "SampleCount"), Metric() },
            { "metric value 2", "MetricValue", Cis(), Metric("2") },
        };

        [Theory]
        [MemberData(nameof(FiresDifferently))]
        public void Settings_that_still_fire_are_differences_named(string what, string setting, MetricAlarm alarm, MetricTransformation metric)
        {
            var issues = AlarmFiring.Analyze(metric, alarm);
            Assert.True(issues.All(i => i.Effect == AlarmSettingEffect.Differs), what + ": " + string.Join("; ", issues));
            Assert.Contains(issues, i => i.Setting == setting);
        }

        [Fact]
        public void Metric_math_a_value_from_the_event_or_a_default_value_under_Average_cannot_be_proven()
        {
            var math = With(a => a.Metrics.Add(new MetricDataQuery { Id = "m1", Expression = "SUM(METRICS())" }));
            Assert.Contains(AlarmFiring.Analyze(Metric(), math), i => i.Effect == AlarmSettingEffect.Unprovable && i.Setting == "Metrics");
            Assert.Contains(AlarmFiring.Analyze(Metric("$.count"), Cis()), i => i.Effect == AlarmSettingEffect.Unprovable && i.Setting == "MetricValue");
            Assert.Contains(AlarmFiring.Analyze(Metric(defaultValue: 0), With(a => a.Statistic = "Average")), i => i.Effect == AlarmSettingEffect.Unprovable && i.Setting == "Statistic");
        }

        [Fact]
        public void A_zero_default_value_keeps_Sum_and_makes_ignored_missing_data_harmless() =>
            Assert.True(AlarmFiring.Analyze(Metric(defaultValue: 0), With(a => a.TreatMissingData = "ignore")).All(i => i.Effect == AlarmSettingEffect.Differs));

        private static MetricAlarm Extended(string statistic, string? lowSamples = null, double threshold = 1) => With(a =>
        {
            a.Statistic = null;
            a.ExtendedStatistic = statistic;
            a.EvaluateLowSampleCountPercentile = lowSamples;
            a.Threshold = threshold;
        });

        public static TheoryData<string, string, MetricAlarm> ExtendedStatisticsThatDoNotFire => new()
        {
            { "p99 ignoring low sample counts (needs 1000 data points)", "EvaluateLowSampleCountPercentile", Extended("p99", "ignore") },
            { "p50 ignoring low sample counts (needs 20)", "EvaluateLowSampleCountPercentile", Extended("p50", "ignore") },
            { "p10 ignoring low sample counts (needs 100)", "EvaluateLowSampleCountPercentile", Extended("p10", "ignore") },
            { "PR(:0.5): the value 1 is above the range, 0 %", "Threshold", Extended("PR(:0.5)") },
            { "PR(1:): the lower bound is exclusive, 0 %", "Threshold", Extended("PR(1:)") },
            { "PR(:300) is 100 %, and the threshold is 101", "Threshold", Extended("PR(:300)", threshold: 101) },
            { "TC(:300) counts 1, and the threshold is 2", "Threshold", Extended("TC(:300)", threshold: 2) },
            { "TC(5:10) counts nothing", "Threshold", Extended("TC(5:10)") },
            { "TS(5:10) sums nothing", "Threshold", Extended("TS(5:10)") },
            { "TM(150:1000) keeps no value", "ExtendedStatistic", Extended("TM(150:1000)") },
            { "TM(:0.5) keeps no value", "ExtendedStatistic", Extended("TM(:0.5)") },
        };

        [Theory]
        [MemberData(nameof(ExtendedStatisticsThatDoNotFire))]
        public void Extended_statistics_that_one_event_does_not_breach_block(string what, string setting, MetricAlarm alarm)
        {
            var issues = AlarmFiring.Analyze(Metric(), alarm);
            var blocking = issues.Where(i => i.Effect == AlarmSettingEffect.Blocks).ToList();
            Assert.True(blocking.Count > 0, what + ": " + string.Join("; ", issues));
            Assert.Equal(setting, blocking[0].Setting);
        }

        [Fact]
        public void The_low_sample_block_names_the_data_points_a_p99_needs() =>
            Assert.Contains("fewer than 1000 data points", AlarmFiring.Analyze(Metric(), Extended("p99", "ignore")).Single().Text);

        public static TheoryData<string, MetricAlarm> ExtendedStatisticsThatFire => new()
        {
            { "p99 evaluating low sample counts", Extended("p99", "evaluate") },
            { "p99 with the default (evaluate)", Extended("p99") },
            { "PR(:300) is 100 %", Extended("PR(:300)", threshold: 100) },
            { "PR(0:1) is 100 %: the upper bound is inclusive", Extended("PR(0:1)", threshold: 50) },
            { "TC(:300) counts 1", Extended("TC(:300)") },
            { "TS(0:10) sums 1", Extended("TS(0:10)") },
            { "TM(0.5:1) keeps 1", Extended("TM(0.5:1)") },
            { "WM(:10) keeps 1", Extended("WM(:10)") },
        };

        [Theory]
        [MemberData(nameof(ExtendedStatisticsThatFire))]
        public void Extended_statistics_that_one_event_breaches_are_differences(string what, MetricAlarm alarm)
        {
            var issues = AlarmFiring.Analyze(Metric(), alarm);
            Assert.True(issues.All(i => i.Effect == AlarmSettingEffect.Differs), what + ": " + string.Join("; ", issues));
            Assert.Contains(issues, i => i.Setting == "Statistic");
        }

        public static TheoryData<string, MetricAlarm> ExtendedStatisticsNobodyCanJudge => new()
        {
            { "p100 ignoring low sample counts: the rule covers 0 < p < 1 only", Extended("p100", "ignore") },
            { "tm90 trims a share of one data point", Extended("tm90") },
            { "TM(10%:90%)", Extended("TM(10%:90%)") },
            { "IQM", Extended("IQM") },
            { "tc90", Extended("tc90") },
            { "WM(5:10): the value 1 moves to an edge", Extended("WM(5:10)") },
            { "TC(5:10) >= 0: 0 breaches, no data does not", Extended("TC(5:10)", threshold: 0) },
            { "an unknown statistic", Extended("XX(1:2)") },
        };

        [Theory]
        [MemberData(nameof(ExtendedStatisticsNobodyCanJudge))]
        public void Extended_statistics_whose_value_for_one_event_is_undocumented_cannot_be_proven(string what, MetricAlarm alarm)
        {
            var issues = AlarmFiring.Analyze(Metric(), alarm);
            Assert.True(issues.Any(i => i.Effect == AlarmSettingEffect.Unprovable && i.Setting == "ExtendedStatistic"), what + ": " + string.Join("; ", issues));
            Assert.DoesNotContain(issues, i => i.Effect == AlarmSettingEffect.Blocks);
        }
    }
}
