namespace RootGuard.Core.UsageAlarm
{
    /// <summary>One setting of the metric filter's transformation or of the alarm, and what it does to the alarm.</summary>
    public sealed class AlarmSettingIssue
    {
        public AlarmSettingIssue(string setting, AlarmSettingEffect effect, string text)
        {
            Setting = setting;
            Effect = effect;
            Text = text;
        }

        /// <summary>The setting's API name: MetricValue, DefaultValue, Statistic, ExtendedStatistic, EvaluateLowSampleCountPercentile, ComparisonOperator, Threshold, Period, EvaluationPeriods, DatapointsToAlarm, TreatMissingData, Dimensions, Unit, Metrics.</summary>
        public string Setting { get; }

        public AlarmSettingEffect Effect { get; }

        /// <summary>What the setting is and what it does, as a sentence fragment.</summary>
        public string Text { get; }

        public override string ToString() => $"{Setting}: {Text}";
    }
}
