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
    /// namespace) that one root event raises (<see cref="AlarmFiring"/>), not muted by an alarm mute rule
    /// (<see cref="AlarmMuteRules"/>), with an SNS action to a topic that exists,
    /// whose policy and key let CloudWatch publish for the alarm (<see cref="ResourcePolicyEvaluator"/>), and a
    /// confirmed subscription whose filter policy lets the alarm through. A failure names the first broken link with a reason code modelled on Security Hub's
    /// (<see cref="ReasonCodes"/>).
    /// </summary>
    public sealed class RootUsageAlarmCheck : RootCheck
    {
        /// <summary>
        /// The stable failure reason codes, in chain order. Security Hub's (CloudWatch.1) are TRAIL_MULTI_REGION_NOT_PRESENT
        /// to ALARM_ACTION_NOT_VALID and SNS_SUBSCRIPTION_NOT_PRESENT; TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT (which Security Hub
        /// folds into METRIC_FILTER_NOT_PRESENT), TRAIL_CLOUDWATCH_LOGS_DELIVERY_FAILED (which Security Hub does not judge), METRIC_VALUE_NOT_VALID, ALARM_SETTINGS_NOT_VALID, ALARM_ACTIONS_MUTED, SNS_SUBSCRIPTION_FILTERED and the SNS_TOPIC_ codes
        /// are RootGuard's own.
        /// </summary>
        public static readonly IReadOnlyList<string> ReasonCodes = new[]
        {
            "TRAIL_MULTI_REGION_NOT_PRESENT", "TRAIL_NOT_LOGGING", "TRAIL_MANAGEMENT_EVENTS_EXCLUDED", "TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT", "TRAIL_CLOUDWATCH_LOGS_DELIVERY_FAILED",
            "METRIC_FILTER_NOT_PRESENT", "METRIC_FILTER_NOT_VALID", "ALARM_NOT_PRESENT", "METRIC_VALUE_NOT_VALID", "ALARM_SETTINGS_NOT_VALID",
            "ALARM_ACTION_NOT_VALID", "ALARM_ACTIONS_MUTED", "SNS_TOPIC_NOT_PRESENT", "SNS_TOPIC_POLICY_NOT_VALID", "SNS_TOPIC_KEY_NOT_VALID", "SNS_SUBSCRIPTION_NOT_PRESENT", "SNS_SUBSCRIPTION_FILTERED",
        };

        /// <summary>The warnings: the chain works but cannot be fully verified, or differs from the control.</summary>
        public static readonly IReadOnlyList<string> WarningCodes = new[]
        {
            "TRAIL_IN_OTHER_ACCOUNT", "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED", "TRAIL_CLOUDWATCH_LOGS_DELIVERY_ERROR_REPORTED", "METRIC_FILTER_NOT_VERIFIABLE", "METRIC_FILTER_NOT_EXACT_CIS", "ALARM_SETTINGS_NOT_VERIFIABLE",
            "ALARM_STATE_STALE", "ALARM_MUTE_SCHEDULED", "ALARM_MUTE_RULES_NOT_VERIFIABLE", "ALARM_SETTINGS_NOT_CIS", "SNS_TOPIC_NOT_VERIFIABLE", "SNS_TOPIC_POLICY_NOT_VERIFIABLE", "SNS_TOPIC_KEY_NOT_VERIFIABLE", "SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE",
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
            "logs:DescribeMetricFilters", "cloudwatch:DescribeAlarms", AlarmMuteRules.ListAction, "sns:GetTopicAttributes", "sns:ListSubscriptionsByTopic", "sns:GetSubscriptionAttributes", "kms:DescribeKey", "kms:GetKeyPolicy",
        }).ToList();

        public override CheckResult Evaluate(AssessmentEvidence evidence, AssessmentContext context)
        {
            var monitor = Require(evidence.UsageMonitor, nameof(evidence.UsageMonitor));
            var region = monitor.Region;
            var best = UsageAlarmChain.Evaluate(monitor, context);
            var facts = new List<(string, object?)> { ("ReasonCode", best.ReasonCode) };
            facts.AddRange(best.Facts);
            var findingRegion = best.Facts.Where(f => f.Key == "LogGroupRegion").Select(f => f.Value as string).FirstOrDefault() ?? region;
            if (best.Status == FindingStatus.Error)
                return ErrorFrom(best.Failure!, monitor.Trails.Succeeded ? "part of the root usage alarm chain" : "the CloudTrail trails", findingRegion,
                    monitor.Trails.Succeeded ? facts.ToArray() : Array.Empty<(string, object?)>());
            return Result(best.Status, findingRegion, best.Reason, best.Remediation, facts.ToArray());
        }
    }
}
