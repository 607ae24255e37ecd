using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Policies;
using RootGuard.Core.Trails;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// RG.ROOT.6: the CIS root usage chain works: a multi-region trail that logs management events to CloudWatch Logs,
    /// a metric filter on that log group equivalent to the CIS pattern, an alarm on the filter's metric (name and
    /// namespace) that one root event raises (<see cref="AlarmFiring"/>), with an SNS action to a topic that exists,
    /// whose policy and key let CloudWatch publish for the alarm (<see cref="ResourcePolicyEvaluator"/>), and a
    /// confirmed subscription. A failure names the first broken link with a reason code modelled on Security Hub's
    /// (<see cref="ReasonCodes"/>).
    /// </summary>
    public sealed class RootUsageAlarmCheck : RootCheck
    {
        /// <summary>
        /// The stable failure reason codes, in chain order. Security Hub's (CloudWatch.1) are TRAIL_MULTI_REGION_NOT_PRESENT
        /// to ALARM_ACTION_NOT_VALID and SNS_SUBSCRIPTION_NOT_PRESENT; TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT (which Security Hub
        /// folds into METRIC_FILTER_NOT_PRESENT), METRIC_VALUE_NOT_VALID, ALARM_SETTINGS_NOT_VALID and the SNS_TOPIC_ codes
        /// are RootGuard's own.
        /// </summary>
        public static readonly IReadOnlyList<string> ReasonCodes = new[]
        {
            "TRAIL_MULTI_REGION_NOT_PRESENT", "TRAIL_NOT_LOGGING", "TRAIL_MANAGEMENT_EVENTS_EXCLUDED", "TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT",
            "METRIC_FILTER_NOT_PRESENT", "METRIC_FILTER_NOT_VALID", "ALARM_NOT_PRESENT", "METRIC_VALUE_NOT_VALID", "ALARM_SETTINGS_NOT_VALID",
            "ALARM_ACTION_NOT_VALID", "SNS_TOPIC_NOT_PRESENT", "SNS_TOPIC_POLICY_NOT_VALID", "SNS_TOPIC_KEY_NOT_VALID", "SNS_SUBSCRIPTION_NOT_PRESENT",
        };

        /// <summary>The warnings: the chain works but cannot be fully verified, or differs from the control.</summary>
        public static readonly IReadOnlyList<string> WarningCodes = new[]
        {
            "TRAIL_IN_OTHER_ACCOUNT", "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED", "METRIC_FILTER_NOT_EXACT_CIS", "ALARM_SETTINGS_NOT_VERIFIABLE",
            "ALARM_SETTINGS_NOT_CIS", "SNS_TOPIC_NOT_VERIFIABLE", "SNS_TOPIC_POLICY_NOT_VERIFIABLE", "SNS_TOPIC_KEY_NOT_VERIFIABLE",
        };

        public override string Id => "RG.ROOT.6";
        public override string Title => "Root usage metric filter and alarm work end to end";
        public override FindingSeverity Severity => FindingSeverity.Low;
        public override IReadOnlyList<string> Compliance { get; } = new[] { "CIS 4.3 (v1.4/v3.0; 3.3 in v1.2)", "FSBP CloudWatch.1" };
        public override string Remediation =>
            "Run New-RootUsageAlarm -EmailAddress <address> (or -TopicArn <topic>): it finds the multi-region trail's log group and creates the exact CIS metric filter, the alarm and the topic; then confirm the subscription from the inbox.";
        /// <summary>New-RootUsageAlarm builds on a trail but does not create or repair one, so trail links get their own fix.</summary>
        public const string TrailRemediation =
            "Make one trail multi-region, logging all management events (read and write) to CloudWatch Logs: aws cloudtrail update-trail --name <trail> --is-multi-region-trail --cloud-watch-logs-log-group-arn <log-group-arn> --cloud-watch-logs-role-arn <role-arn>; aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors ReadWriteType=All,IncludeManagementEvents=true; aws cloudtrail start-logging --name <trail>. Then run New-RootUsageAlarm.";

        public override EvidenceSources Sources => EvidenceSources.UsageMonitor;
        public override IReadOnlyList<string> RequiredActions { get; } = TrailReader.Permissions.Concat(new[]
        {
            "logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms", "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "kms:DescribeKey", "kms:GetKeyPolicy",
        }).ToList();

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var monitor = Require(evidence.UsageMonitor, nameof(evidence.UsageMonitor));
            var region = monitor.Region;
            if (!monitor.Trails.Succeeded) return ErrorFrom(monitor.Trails.Failure!, "the CloudTrail trails", region);
            var trails = monitor.Trails.Value!;
            var multiRegion = trails.Where(t => t.IsMultiRegionTrail == true).ToList();
            if (multiRegion.Count == 0)
                return Result(FindingStatus.Fail, region,
                    trails.Count == 0
                        ? "The account has no CloudTrail trail, so root activity is not recorded anywhere an alarm could see it."
                        : $"No multi-region trail: {string.Join(", ", trails.Select(t => t.Name))} record(s) only their own region, so root activity elsewhere goes unseen.",
                    TrailRemediation, new (string, object?)[] { ("ReasonCode", "TRAIL_MULTI_REGION_NOT_PRESENT"), ("Trails", trails.Select(t => t.TrailARN).ToArray()) });

            var best = MonitorLink.Best(multiRegion.Select(t => TrailChain(monitor, t, context)));
            var facts = new List<(string, object?)> { ("ReasonCode", best.ReasonCode) };
            facts.AddRange(best.Facts);
            var findingRegion = best.Facts.Where(f => f.Key == "LogGroupRegion").Select(f => f.Value as string).FirstOrDefault() ?? region;
            if (best.Status == FindingStatus.Error) return ErrorFrom(best.Failure!, "part of the root usage alarm chain", findingRegion, facts.ToArray());
            return Result(best.Status, findingRegion, best.Reason, best.Remediation, facts.ToArray());
        }

        private static MonitorLink TrailChain(UsageMonitorEvidence monitor, Trail trail, AssessmentContext context)
        {
            var facts = new List<(string, object?)> { ("TrailName", trail.Name), ("TrailArn", trail.TrailARN), ("TrailHomeRegion", trail.HomeRegion) };
            if (!monitor.TrailDetails.TryGetValue(trail.TrailARN ?? string.Empty, out var details) || details.Status == null || details.Selectors == null)
                return new MonitorLink(0, FindingStatus.Fail, "TRAIL_NOT_LOGGING", $"The status of trail {trail.Name} was not read.", null, facts.ToArray());
            if (!details.Status.Succeeded) return MonitorLink.Error(details.Status.Failure!, $"the status of trail {trail.Name}", facts.ToArray());
            var assessment = TrailEvaluator.Evaluate(trail, details.Status.Value!, details.Selectors.Succeeded ? details.Selectors.Value! : null, context.AccountId);
            facts.Add(("IsLogging", assessment.IsLogging));
            if (assessment.Fails(TrailCondition.Logging))
                return new MonitorLink(1, FindingStatus.Fail, "TRAIL_NOT_LOGGING",
                    $"Multi-region trail {trail.Name} is not logging, so no root activity reaches CloudWatch Logs.", null, facts.ToArray()) { Remediation = TrailRemediation };

            if (!details.Selectors.Succeeded) return MonitorLink.Error(details.Selectors.Failure!, $"the event selectors of trail {trail.Name}", facts.ToArray());
            var management = assessment.ManagementEvents!;
            facts.Add(("ManagementEvents", management.Description));
            if (assessment.Fails(TrailCondition.ManagementEvents))
                return new MonitorLink(2, FindingStatus.Fail, "TRAIL_MANAGEMENT_EVENTS_EXCLUDED",
                    $"Multi-region trail {trail.Name} does not record all management events (read and write): {management.Description}.", null, facts.ToArray()) { Remediation = TrailRemediation };

            var caveats = new List<Caveat>();
            if (management.ExcludedEventSources.Count > 0)
            {
                facts.Add(("ExcludedEventSources", management.ExcludedEventSources.ToArray()));
                caveats.Add(new Caveat(MonitorLink.UnverifiableRank, "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED",
                    $"multi-region trail {trail.Name} leaves out the management events of {string.Join(", ", management.ExcludedEventSources)}, so root API calls to those never reach the log group (AWS Config's CloudTrail rules fail such a trail).",
                    TrailRemediation));
            }

            var logGroupArn = assessment.LogGroupArn;
            facts.Add(("LogGroupArn", logGroupArn));
            if (assessment.Fails(TrailCondition.CloudWatchLogsDelivery))
                return new MonitorLink(3, FindingStatus.Fail, "TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT",
                    $"Multi-region trail {trail.Name} does not deliver to CloudWatch Logs, so no metric filter can count root usage.", null, facts.ToArray()) { Remediation = TrailRemediation };

            var groupAccount = assessment.LogGroupAccountId;
            var groupRegion = assessment.LogGroupRegion;
            var groupName = assessment.LogGroupName;
            facts.Add(("LogGroupName", groupName));
            facts.Add(("LogGroupRegion", groupRegion));
            if (assessment.Fails(TrailCondition.LogGroupInThisAccount))
                return new MonitorLink(MonitorLink.UnverifiableRank, FindingStatus.Warning, "TRAIL_IN_OTHER_ACCOUNT",
                    $"Trail {trail.Name} delivers to log group {groupName} in account {groupAccount}, so its metric filter and alarm cannot be verified from account {context.AccountId}; run Test-RootAccountSecurity there.",
                    null, facts.ToArray());

            if (!monitor.MetricFilters.TryGetValue(logGroupArn!, out var filterSource))
                return new MonitorLink(4, FindingStatus.Fail, "METRIC_FILTER_NOT_PRESENT", $"The metric filters of log group {groupName} were not read.", null, facts.ToArray());
            if (!filterSource.Succeeded) return MonitorLink.Error(filterSource.Failure!, $"the metric filters of log group {groupName}", facts.ToArray());
            var filters = filterSource.Value!.Where(f => f.FilterPattern != null).ToList();
            if (filters.Count == 0)
                return new MonitorLink(4, FindingStatus.Fail, "METRIC_FILTER_NOT_PRESENT",
                    $"Log group {groupName} (fed by multi-region trail {trail.Name}) has no metric filter for root account usage.", null, facts.ToArray());

            var analysed = filters.Select(f => (Filter: f, Analysis: RootMonitorPatternAnalysis.AnalyzeUsageFilter(f.FilterPattern!))).ToList();
            // A filter that also counts IAM users' calls keeps its alarm firing for everyone's activity, so root use is
            // drowned out: it counts as not valid, like one that misses root usage.
            var valid = analysed.Where(a => a.Analysis.CountsRootUsage && !a.Analysis.CountsNonRootActivity && a.Filter.MetricTransformations.Count > 0).ToList();
            if (valid.Count == 0)
            {
                var nearest = analysed.First();
                var invalidFacts = facts.Concat(new (string, object?)[]
                {
                    ("FilterName", nearest.Filter.FilterName), ("FilterPattern", nearest.Filter.FilterPattern), ("PatternVerdict", nearest.Analysis.Verdict.ToString()),
                }).ToArray();
                var why = nearest.Analysis.CountsNonRootActivity
                    ? " An alarm on it would fire for every IAM user's activity, not only the root user's."
                    : string.Empty;
                return new MonitorLink(5, FindingStatus.Fail, "METRIC_FILTER_NOT_VALID",
                    $"No metric filter on log group {groupName} counts root usage alone; {nearest.Filter.FilterName}: {nearest.Analysis.Reason}{why}", null, invalidFacts);
            }

            return MonitorLink.Best(valid.Select(v => FilterChain(monitor, v.Filter, v.Analysis, groupRegion ?? monitor.Region, context, facts, caveats)));
        }

        private static MonitorLink FilterChain(UsageMonitorEvidence monitor, MetricFilter filter, UsageFilterAnalysis analysis, string region,
            AssessmentContext context, List<(string, object?)> trailFacts, List<Caveat> trailCaveats)
        {
            var transformation = filter.MetricTransformations[0];
            var facts = trailFacts.Concat(new (string, object?)[]
            {
                ("FilterName", filter.FilterName), ("FilterPattern", filter.FilterPattern), ("PatternVerdict", analysis.Verdict.ToString()),
                ("MetricNamespace", transformation.MetricNamespace), ("MetricName", transformation.MetricName), ("MetricValue", transformation.MetricValue),
            }).ToArray();
            if (!monitor.Alarms.TryGetValue(region, out var alarmSource))
                return new MonitorLink(6, FindingStatus.Fail, "ALARM_NOT_PRESENT", $"The CloudWatch alarms in {region} were not read.", null, facts);
            if (!alarmSource.Succeeded) return MonitorLink.Error(alarmSource.Failure!, $"the CloudWatch alarms in {region}", facts);

            // Name and namespace both: an alarm on RootAccountUsageCount in another namespace watches a metric nobody emits.
            var alarms = alarmSource.Value!.Where(a => WatchesMetric(a, transformation.MetricName, transformation.MetricNamespace)).ToList();
            if (alarms.Count == 0)
            {
                var sameName = alarmSource.Value!.Where(a => a.MetricName == transformation.MetricName).Select(a => $"{a.AlarmName} ({a.Namespace})").ToList();
                return new MonitorLink(6, FindingStatus.Fail, "ALARM_NOT_PRESENT",
                    $"No CloudWatch alarm in {region} watches metric {transformation.MetricNamespace}/{transformation.MetricName} of filter {filter.FilterName}"
                    + (sameName.Count > 0 ? $"; {string.Join(", ", sameName)} watch(es) the same name in another namespace." : "."), null, facts);
            }

            return MonitorLink.Best(alarms.Select(alarm => AlarmChain(monitor, alarm, transformation, analysis, region, context, facts, trailCaveats)));
        }

        private static MonitorLink AlarmChain(UsageMonitorEvidence monitor, MetricAlarm alarm, MetricTransformation transformation, UsageFilterAnalysis analysis,
            string region, AssessmentContext context, (string, object?)[] filterFacts, List<Caveat> trailCaveats)
        {
            var facts = filterFacts.Concat(new (string, object?)[]
            {
                ("AlarmName", alarm.AlarmName), ("AlarmArn", alarm.AlarmArn), ("AlarmActions", alarm.AlarmActions.ToArray()), ("ActionsEnabled", alarm.ActionsEnabled),
                ("Statistic", alarm.ExtendedStatistic ?? alarm.Statistic), ("ComparisonOperator", alarm.ComparisonOperator), ("Threshold", alarm.Threshold),
                ("Period", alarm.Period), ("EvaluationPeriods", alarm.EvaluationPeriods), ("DatapointsToAlarm", alarm.DatapointsToAlarm), ("TreatMissingData", alarm.TreatMissingData),
            }).ToArray();

            var settings = AlarmFiring.Analyze(transformation, alarm);
            var blocking = settings.Where(i => i.Effect == AlarmSettingEffect.Blocks).ToList();
            if (blocking.Count > 0)
                return new MonitorLink(7, FindingStatus.Fail, blocking[0].Setting == "MetricValue" ? "METRIC_VALUE_NOT_VALID" : "ALARM_SETTINGS_NOT_VALID",
                    $"One root event does not raise CloudWatch alarm {alarm.AlarmName}: {string.Join("; ", blocking)}.", null,
                    facts.Concat(new (string, object?)[] { ("AlarmSettingsBlocking", blocking.Select(i => i.Setting).ToArray()) }).ToArray());

            var topics = alarm.AlarmActions.Where(a => ArnParts.IsService(a, "sns")).Distinct().ToList();
            if (alarm.ActionsEnabled == false || topics.Count == 0)
                return new MonitorLink(8, FindingStatus.Fail, "ALARM_ACTION_NOT_VALID",
                    $"CloudWatch alarm {alarm.AlarmName} " + (alarm.ActionsEnabled == false ? "has its actions disabled" : "has no SNS alarm action") + ", so it tells nobody.",
                    null, facts);

            var alarmArn = alarm.AlarmArn ?? $"arn:{context.Partition}:cloudwatch:{region}:{context.AccountId}:alarm:{alarm.AlarmName}";
            var link = MonitorLink.Best(topics.Select(arn => monitor.Topics.TryGetValue(arn, out var topic)
                ? MonitorLink.Topic(topic, region, context, MonitorDeliveryRequests.Publish(UsageAlarmPlanner.CloudWatchPrincipal, arn, alarmArn), policyStage: 9, subscriptionStage: 10, facts)
                : MonitorLink.Error(SourceFailure.Denied("sns:GetTopicAttributes"), $"SNS topic {arn}", facts)));
            if (link.Status != FindingStatus.Pass) return link;

            var caveats = new List<Caveat>(trailCaveats);
            var unprovable = settings.Where(i => i.Effect == AlarmSettingEffect.Unprovable).ToList();
            if (unprovable.Count > 0)
                caveats.Add(new Caveat(MonitorLink.UnverifiableRank, "ALARM_SETTINGS_NOT_VERIFIABLE",
                    $"whether one root event raises alarm {alarm.AlarmName} cannot be verified: {string.Join("; ", unprovable)}."));
            var differences = settings.Where(i => i.Effect == AlarmSettingEffect.Differs).ToList();
            if (differences.Count > 0)
                caveats.Add(new Caveat(MonitorLink.AdvisoryRank, "ALARM_SETTINGS_NOT_CIS",
                    $"alarm {alarm.AlarmName} still fires on one root event, but differs from the CIS remediation (Sum >= 1 over one 300-second period): {string.Join("; ", differences)}."));
            caveats.AddRange(link.Caveats);
            if (analysis.Verdict != UsageFilterVerdict.ExactCis)
                caveats.Add(new Caveat(MonitorLink.AdvisoryRank, "METRIC_FILTER_NOT_EXACT_CIS",
                    $"the filter is not the exact CIS text, and Security Hub control CloudWatch.1 accepts only the exact text, so auditors will see it fail there. {analysis.Reason}",
                    // New-RootUsageAlarm reuses an equivalent filter, so it would not change this one.
                    $"If Security Hub CloudWatch.1 must pass, set the filter's pattern to the exact CIS text: aws logs put-metric-filter --log-group-name {Fact(facts, "LogGroupName")} --filter-name {Fact(facts, "FilterName")} --filter-pattern '{RootMonitorDefinitions.CisRootUsageFilterPattern}' --metric-transformations metricName={Fact(facts, "MetricName")},metricNamespace={Fact(facts, "MetricNamespace")},metricValue=1"));

            var chain = $"Root usage is counted by filter {Fact(facts, "FilterName")} on log group {Fact(facts, "LogGroupName")} (multi-region trail {Fact(facts, "TrailName")}, logging) and alarm {alarm.AlarmName} notifies {link.Reason.Replace("SNS topic ", string.Empty)}"
                        + (analysis.Verdict == UsageFilterVerdict.ExactCis ? " The filter is the exact CIS pattern." : string.Empty);
            return MonitorLink.Working(chain, caveats, link.Facts);
        }

        private static bool WatchesMetric(MetricAlarm alarm, string? name, string? ns) =>
            alarm.MetricName == name && alarm.Namespace == ns
            || alarm.Metrics.Any(q => q.MetricStat?.Metric?.MetricName == name && q.MetricStat?.Metric?.Namespace == ns);

        private static object? Fact((string Key, object? Value)[] facts, string key) => facts.Where(f => f.Key == key).Select(f => f.Value).FirstOrDefault();
    }
}
