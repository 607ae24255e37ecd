using System.Collections.Generic;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>The CIS root usage chain: trails → log groups → metric filters → alarms (and their mute rules) → topics.</summary>
    public sealed class UsageMonitorEvidence
    {
        public UsageMonitorEvidence(string region, SourceResult<IReadOnlyList<Trail>> trails)
        {
            Region = region;
            Trails = trails;
        }

        /// <summary>The region DescribeTrails was asked in (multi-region trails from any home region appear there).</summary>
        public string Region { get; }

        public SourceResult<IReadOnlyList<Trail>> Trails { get; }

        /// <summary>Status and selectors of the multi-region trails, by trail ARN.</summary>
        public Dictionary<string, TrailEvidence> TrailDetails { get; } = new Dictionary<string, TrailEvidence>();

        /// <summary>Metric filters by log group ARN (as the trail names it).</summary>
        public Dictionary<string, SourceResult<IReadOnlyList<MetricFilter>>> MetricFilters { get; } = new Dictionary<string, SourceResult<IReadOnlyList<MetricFilter>>>();

        /// <summary>Metric alarms by region.</summary>
        public Dictionary<string, SourceResult<IReadOnlyList<MetricAlarm>>> Alarms { get; } = new Dictionary<string, SourceResult<IReadOnlyList<MetricAlarm>>>();

        /// <summary>
        /// The CloudWatch alarm mute rules that target an alarm watching a filter's metric (ListAlarmMuteRules with its
        /// AlarmName), by <see cref="MuteRuleKey"/>: while one is ACTIVE the alarm still changes state but runs no action.
        /// </summary>
        public Dictionary<string, SourceResult<IReadOnlyList<AlarmMuteRuleSummary>>> MuteRules { get; } = new Dictionary<string, SourceResult<IReadOnlyList<AlarmMuteRuleSummary>>>();

        /// <summary>The key of an alarm's mute rules: alarm names are unique only within a region.</summary>
        public static string MuteRuleKey(string region, string? alarmName) => $"{region}|{alarmName}";

        /// <summary>SNS topics named by alarm actions, by ARN.</summary>
        public Dictionary<string, TopicEvidence> Topics { get; } = new Dictionary<string, TopicEvidence>();
    }
}
