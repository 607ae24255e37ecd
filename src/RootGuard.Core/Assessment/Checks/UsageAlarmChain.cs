using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Policies;
using RootGuard.Core.Trails;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// The CIS root usage chain, judged link by link: multi-region trail, logging management events to CloudWatch Logs,
    /// a metric filter that counts root usage, an alarm that one root event raises, with enabled actions to a topic that
    /// lets CloudWatch publish for it and is read by someone. RG.ROOT.6 judges every chain and reports the best; the
    /// health of Get-RootMonitoring and Send-RootMonitoringTest judge the chain of one alarm (<see cref="UsageAlarmScope"/>).
    /// </summary>
    internal static class UsageAlarmChain
    {
        /// <summary>How long an alarm may stay in ALARM (or, treating missing data as a value, in INSUFFICIENT_DATA) before it is reported as stuck.</summary>
        public static readonly TimeSpan StaleStateAfter = TimeSpan.FromHours(24);

        /// <summary>The best chain of the account (<paramref name="scope"/> null), or the chain of one alarm.</summary>
        public static MonitorLink Evaluate(UsageMonitorEvidence monitor, AssessmentContext context, UsageAlarmScope? scope = null)
        {
            if (!monitor.Trails.Succeeded) return MonitorLink.Error(monitor.Trails.Failure!, "the CloudTrail trails");
            var trails = monitor.Trails.Value!;

            MetricAlarm? alarm = null;
            if (scope != null)
            {
                if (!monitor.Alarms.TryGetValue(scope.Region, out var alarms))
                    return new MonitorLink(6, FindingStatus.Fail, "ALARM_NOT_PRESENT", $"The CloudWatch alarms in {scope.Region} were not read.", null, ("AlarmName", scope.AlarmName));
                if (!alarms.Succeeded) return MonitorLink.Error(alarms.Failure!, $"the CloudWatch alarms in {scope.Region}", ("AlarmName", scope.AlarmName));
                alarm = alarms.Value!.FirstOrDefault(a => a.AlarmName == scope.AlarmName);
                if (alarm == null)
                    return new MonitorLink(6, FindingStatus.Fail, "ALARM_NOT_PRESENT", $"CloudWatch alarm {scope.AlarmName} no longer exists in {scope.Region}.", null, ("AlarmName", scope.AlarmName));
            }

            var multiRegion = trails.Where(t => t.IsMultiRegionTrail == true).ToList();
            if (multiRegion.Count == 0)
                return new MonitorLink(0, FindingStatus.Fail, "TRAIL_MULTI_REGION_NOT_PRESENT",
                    trails.Count == 0
                        ? "The account has no CloudTrail trail, so root activity is not recorded anywhere an alarm could see it."
                        : $"No multi-region trail: {string.Join(", ", trails.Select(t => t.Name))} record(s) only their own region, so root activity elsewhere goes unseen.",
                    null, ("Trails", trails.Select(t => t.TrailARN).ToArray()))
                {
                    Remediation = RootUsageAlarmCheck.TrailRemediation,
                };

            return MonitorLink.Best(multiRegion.Select(t => TrailChain(monitor, t, context, scope, alarm)));
        }

        private static MonitorLink TrailChain(UsageMonitorEvidence monitor, Trail trail, AssessmentContext context, UsageAlarmScope? scope, MetricAlarm? scoped)
        {
            var trailRemediation = RootUsageAlarmCheck.TrailRemediation;
            var facts = new List<(string, object?)> { ("TrailName", trail.Name), ("TrailArn", trail.TrailARN), ("TrailHomeRegion", trail.HomeRegion) };
            if (!monitor.TrailDetails.TryGetValue(trail.TrailARN ?? string.Empty, out var details) || details.Status == null || details.Selectors == null)
                return new MonitorLink(0, FindingStatus.Fail, "TRAIL_NOT_LOGGING", $"The status of trail {trail.Name} was not read.", null, facts.ToArray());
            if (!details.Status.Succeeded) return MonitorLink.Error(details.Status.Failure!, $"the status of trail {trail.Name}", facts.ToArray());
            var assessment = TrailEvaluator.Evaluate(trail, details.Status.Value!, details.Selectors.Succeeded ? details.Selectors.Value! : null, context.AccountId);
            facts.Add(("IsLogging", assessment.IsLogging));
            if (assessment.Fails(TrailCondition.Logging))
                return new MonitorLink(1, FindingStatus.Fail, "TRAIL_NOT_LOGGING",
                    $"Multi-region trail {trail.Name} is not logging, so no root activity reaches CloudWatch Logs.", null, facts.ToArray()) { Remediation = trailRemediation };

            if (!details.Selectors.Succeeded) return MonitorLink.Error(details.Selectors.Failure!, $"the event selectors of trail {trail.Name}", facts.ToArray());
            var management = assessment.ManagementEvents!;
            facts.Add(("ManagementEvents", management.Description));
            if (assessment.Fails(TrailCondition.ManagementEvents))
                return new MonitorLink(2, FindingStatus.Fail, "TRAIL_MANAGEMENT_EVENTS_EXCLUDED",
                    $"Multi-region trail {trail.Name} does not record all management events (read and write): {management.Description}.", null, facts.ToArray()) { Remediation = trailRemediation };

            var caveats = new List<Caveat>();
            if (management.ExcludedEventSources.Count > 0)
            {
                facts.Add(("ExcludedEventSources", management.ExcludedEventSources.ToArray()));
                caveats.Add(new Caveat(MonitorLink.UnverifiableRank, "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED",
                    $"multi-region trail {trail.Name} leaves out the management events of {string.Join(", ", management.ExcludedEventSources)}, so root API calls to those never reach the log group (AWS Config's CloudTrail rules fail such a trail).",
                    trailRemediation));
            }

            var logGroupArn = assessment.LogGroupArn;
            facts.Add(("LogGroupArn", logGroupArn));
            if (assessment.Fails(TrailCondition.CloudWatchLogsDelivery))
                return new MonitorLink(3, FindingStatus.Fail, "TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT",
                    $"Multi-region trail {trail.Name} does not deliver to CloudWatch Logs, so no metric filter can count root usage.", null, facts.ToArray()) { Remediation = trailRemediation };

            // Before the log group's account: a delivery that fails breaks the chain wherever the group is.
            if (assessment.Problem(TrailCondition.CloudWatchLogsDeliverySucceeds) is { } delivery)
            {
                var status = details.Status.Value!;
                facts.Add(("LatestCloudWatchLogsDeliveryError", status.LatestCloudWatchLogsDeliveryError));
                facts.Add(("LatestCloudWatchLogsDeliveryTime", status.LatestCloudWatchLogsDeliveryTime));
                if (!assessment.DeliveryErrorMayPredateFix(context.Now))
                    return new MonitorLink(3, FindingStatus.Fail, "TRAIL_CLOUDWATCH_LOGS_DELIVERY_FAILED",
                        $"Multi-region trail {trail.Name} is logging, but {delivery.Problem} No metric filter there counts root usage, and no alarm on it fires.",
                        null, facts.ToArray())
                    {
                        Remediation = delivery.Fix,
                    };

                // Neither reading of the doubted error is a Pass.
                caveats.Add(new Caveat(MonitorLink.UnverifiableRank, "TRAIL_CLOUDWATCH_LOGS_DELIVERY_ERROR_REPORTED",
                    $"multi-region trail {trail.Name} {assessment.DoubtedDeliveryError}, so whether root activity reaches the log group cannot be told.",
                    delivery.Fix));
            }

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
            if (scoped != null)
            {
                // One alarm's chain: only the filters that publish the metric it watches feed it.
                filters = filters.Where(f => f.MetricTransformations.Any(t => WatchesMetric(scoped, t.MetricName, t.MetricNamespace))).ToList();
                if (filters.Count == 0) return ScopedFilterMissing(scope!, scoped, trail, groupName, groupRegion, facts);
            }

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

            return MonitorLink.Best(valid.Select(v => FilterChain(monitor, v.Filter, v.Analysis, groupRegion ?? monitor.Region, context, facts, caveats, scoped)));
        }

        /// <summary>
        /// No filter on the trail's log group feeds the alarm: the filter is gone or changed, or, when RootGuard recorded
        /// making it on another log group, the trail no longer delivers there.
        /// </summary>
        private static MonitorLink ScopedFilterMissing(UsageAlarmScope scope, MetricAlarm alarm, Trail trail, string? groupName, string? groupRegion,
            List<(string, object?)> facts)
        {
            var metric = $"{alarm.Namespace}/{alarm.MetricName}";
            if (scope.RecordedFilter is { } recorded && (recorded.LogGroupName != groupName || scope.Region != groupRegion))
                return new MonitorLink(3, FindingStatus.Fail, "TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT",
                    $"Multi-region trail {trail.Name} delivers to log group {groupName}, not to log group {recorded.LogGroupName} where RootGuard's filter {recorded.FilterName} counts root usage for alarm {alarm.AlarmName}, so the alarm never sees root activity.",
                    null, facts.ToArray())
                {
                    Remediation = $"Point the trail back at log group {recorded.LogGroupName} (aws cloudtrail update-trail --name {trail.Name} --cloud-watch-logs-log-group-arn <arn of {recorded.LogGroupName}> --cloud-watch-logs-role-arn <role-arn>), or run New-RootUsageAlarm to build the filter and alarm on log group {groupName}.",
                };
            return new MonitorLink(4, FindingStatus.Fail, "METRIC_FILTER_NOT_PRESENT",
                $"No metric filter on log group {groupName} (fed by multi-region trail {trail.Name}) publishes metric {metric}, which CloudWatch alarm {alarm.AlarmName} watches, so the alarm never sees root activity"
                + (scope.RecordedFilter is { } made ? $" (RootGuard's filter {made.FilterName} is gone or publishes another metric)." : "."),
                null, facts.Concat(new (string, object?)[] { ("AlarmName", alarm.AlarmName), ("MetricNamespace", alarm.Namespace), ("MetricName", alarm.MetricName) }).ToArray());
        }

        private static MonitorLink FilterChain(UsageMonitorEvidence monitor, MetricFilter filter, UsageFilterAnalysis analysis, string region,
            AssessmentContext context, List<(string, object?)> trailFacts, List<Caveat> trailCaveats, MetricAlarm? scoped)
        {
            var transformation = scoped == null
                ? filter.MetricTransformations[0]
                : filter.MetricTransformations.First(t => WatchesMetric(scoped, t.MetricName, t.MetricNamespace));
            var facts = trailFacts.Concat(new (string, object?)[]
            {
                ("FilterName", filter.FilterName), ("FilterPattern", filter.FilterPattern), ("PatternVerdict", analysis.Verdict.ToString()),
                ("MetricNamespace", transformation.MetricNamespace), ("MetricName", transformation.MetricName), ("MetricValue", transformation.MetricValue),
            }).ToArray();
            if (scoped != null) return AlarmChain(monitor, scoped, transformation, analysis, region, context, facts, trailCaveats);
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
                ("StateValue", alarm.StateValue), ("StateTransitionedTimestamp", alarm.StateTransitionedTimestamp), ("StateUpdatedTimestamp", alarm.StateUpdatedTimestamp),
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

            // A mute rule silences the actions whatever they are: the alarm's own link, before its topics.
            var mutes = AlarmMuteRules.Read(monitor, alarm, region);
            facts = facts.Concat(AlarmMuteRules.Facts(mutes)).ToArray();
            if (AlarmMuteRules.Muted(mutes, alarm, region, facts) is { } muted) return muted;

            var alarmArn = AlarmArnOf(alarm, region, context);
            var link = MonitorLink.Best(topics.Select(arn => monitor.Topics.TryGetValue(arn, out var topic)
                ? MonitorLink.Topic(topic, region, context, MonitorDeliveryRequests.Publish(UsageAlarmPlanner.CloudWatchPrincipal, arn, alarmArn), policyStage: 9, subscriptionStage: 10, facts)
                : MonitorLink.Error(SourceFailure.Denied("sns:GetTopicAttributes"), $"SNS topic {arn}", facts)));
            if (link.Status != FindingStatus.Pass) return link;

            var caveats = new List<Caveat>(trailCaveats);
            var unprovable = settings.Where(i => i.Effect == AlarmSettingEffect.Unprovable).ToList();
            if (unprovable.Count > 0)
                caveats.Add(new Caveat(MonitorLink.UnverifiableRank, "ALARM_SETTINGS_NOT_VERIFIABLE",
                    $"whether one root event raises alarm {alarm.AlarmName} cannot be verified: {string.Join("; ", unprovable)}."));
            if (StaleState(alarm, context.Now) is { } stale) caveats.Add(stale);
            caveats.AddRange(AlarmMuteRules.Caveats(mutes, alarm, region));
            var differences = settings.Where(i => i.Effect == AlarmSettingEffect.Differs).ToList();
            if (differences.Count > 0)
                caveats.Add(new Caveat(MonitorLink.AdvisoryRank, "ALARM_SETTINGS_NOT_CIS",
                    $"alarm {alarm.AlarmName} still fires on one root event, but differs from the CIS remediation (Sum >= 1 over one 300-second period): {string.Join("; ", differences)}."));
            caveats.AddRange(link.Caveats);
            if (analysis.Verdict == UsageFilterVerdict.Unverifiable)
                caveats.Add(new Caveat(MonitorLink.UnverifiableRank, "METRIC_FILTER_NOT_VERIFIABLE",
                    $"whether filter {Fact(facts, "FilterName")} counts all root usage cannot be verified. {analysis.Reason}",
                    $"Drop the condition(s) {string.Join(", ", analysis.UnverifiableConditions)}, or set the filter's pattern to the exact CIS text: aws logs put-metric-filter --log-group-name {Fact(facts, "LogGroupName")} --filter-name {Fact(facts, "FilterName")} --filter-pattern '{RootMonitorDefinitions.CisRootUsageFilterPattern}' --metric-transformations metricName={Fact(facts, "MetricName")},metricNamespace={Fact(facts, "MetricNamespace")},metricValue=1"));
            else if (analysis.Verdict != UsageFilterVerdict.ExactCis)
                caveats.Add(new Caveat(MonitorLink.AdvisoryRank, "METRIC_FILTER_NOT_EXACT_CIS",
                    $"the filter is not the exact CIS text, and Security Hub control CloudWatch.1 accepts only the exact text, so auditors will see it fail there. {analysis.Reason}",
                    // New-RootUsageAlarm reuses an equivalent filter, so it would not change this one.
                    $"If Security Hub CloudWatch.1 must pass, set the filter's pattern to the exact CIS text: aws logs put-metric-filter --log-group-name {Fact(facts, "LogGroupName")} --filter-name {Fact(facts, "FilterName")} --filter-pattern '{RootMonitorDefinitions.CisRootUsageFilterPattern}' --metric-transformations metricName={Fact(facts, "MetricName")},metricNamespace={Fact(facts, "MetricNamespace")},metricValue=1"));

            var chain = $"Root usage is counted by filter {Fact(facts, "FilterName")} on log group {Fact(facts, "LogGroupName")} (multi-region trail {Fact(facts, "TrailName")}, logging) and alarm {alarm.AlarmName} notifies {link.Reason.Replace("SNS topic ", string.Empty)}"
                        + (analysis.Verdict == UsageFilterVerdict.ExactCis ? " The filter is the exact CIS pattern." : string.Empty);
            return MonitorLink.Working(chain, caveats, link.Facts);
        }

        /// <summary>The ARN CloudWatch sends as aws:SourceArn for the alarm.</summary>
        public static string AlarmArnOf(MetricAlarm alarm, string region, AssessmentContext context) =>
            alarm.AlarmArn ?? $"arn:{context.Partition}:cloudwatch:{region}:{context.AccountId}:alarm:{alarm.AlarmName}";

        /// <summary>
        /// An alarm that has sat in ALARM, or in INSUFFICIENT_DATA where it should not, for longer than
        /// <see cref="StaleStateAfter"/>. CloudWatch notifies only when the state changes, so an alarm stuck in ALARM says
        /// nothing of further root usage. INSUFFICIENT_DATA is the quiet state of an alarm that treats missing data as
        /// missing (the default, and what the CIS remediation's put-metric-alarm leaves), and such an alarm still fires:
        /// its actions run on a change to ALARM from any state. Only an alarm that treats missing data as a value
        /// (notBreaching, as RootGuard makes it, or breaching) has no reason to stay there: CloudWatch is not evaluating it.
        /// </summary>
        private static Caveat? StaleState(MetricAlarm alarm, DateTimeOffset now)
        {
            // StateTransitionedTimestamp is when StateValue last changed; StateUpdatedTimestamp also moves when only the
            // EvaluationState changes, so it can be recent on an alarm that has been in ALARM for days. Older answers lack it.
            var changed = alarm.StateTransitionedTimestamp ?? alarm.StateUpdatedTimestamp;
            if (changed is not { } at) return null;
            var inAlarm = alarm.StateValue == "ALARM";
            if (!inAlarm && !(alarm.StateValue == "INSUFFICIENT_DATA" && alarm.TreatMissingData is "notBreaching" or "breaching")) return null;
            var since = AwsTime.Utc(at);
            if (now - since < StaleStateAfter) return null;
            var when = AwsTime.Text(since);
            return inAlarm
                ? new Caveat(MonitorLink.UnverifiableRank, "ALARM_STATE_STALE",
                    $"CloudWatch alarm {alarm.AlarmName} has been in ALARM since {when}, and CloudWatch notifies only when the state changes, so further root usage tells nobody until it returns to OK.",
                    $"Find out what keeps it in ALARM (aws cloudwatch describe-alarm-history --alarm-name {alarm.AlarmName}); ongoing root activity is an incident.")
                : new Caveat(MonitorLink.UnverifiableRank, "ALARM_STATE_STALE",
                    $"CloudWatch alarm {alarm.AlarmName} has been in INSUFFICIENT_DATA since {when} although it treats missing data as {alarm.TreatMissingData}, so CloudWatch is not evaluating it against its metric"
                    + (string.IsNullOrEmpty(alarm.EvaluationState) ? "." : $" (evaluation state {alarm.EvaluationState})."),
                    $"See why in the alarm's state reason and history (aws cloudwatch describe-alarm-history --alarm-name {alarm.AlarmName}); New-RootUsageAlarm puts back RootGuard's settings.");
        }

        private static bool WatchesMetric(MetricAlarm alarm, string? name, string? ns) =>
            alarm.MetricName == name && alarm.Namespace == ns
            || alarm.Metrics.Any(q => q.MetricStat?.Metric?.MetricName == name && q.MetricStat?.Metric?.Namespace == ns);

        private static object? Fact((string Key, object? Value)[] facts, string key) => facts.Where(f => f.Key == key).Select(f => f.Value).FirstOrDefault();
    }
}
