using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Monitoring;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;

namespace RootGuard.Core.Tests.Assessment
{
    /// <summary>
    /// A CloudWatch alarm mute rule keeps the usage alarm evaluating but runs none of its actions while ACTIVE: RG.ROOT.6
    /// and the usage monitor's health read the rules that target the judged alarm (ListAlarmMuteRules by AlarmName).
    /// </summary>
    public sealed class AlarmMuteRuleCheckTests
    {
        private static readonly DateTime Expiry = new DateTime(2026, 12, 24, 8, 0, 0, DateTimeKind.Utc);

        private static AlarmMuteRuleSummary Rule(string name, string status, string muteType = "ONE_TIME", DateTime? expires = null) => new AlarmMuteRuleSummary
        {
            AlarmMuteRuleArn = $"arn:aws:cloudwatch:{Region}:{Account}:alarm-mute-rule:{name}", Status = status, MuteType = muteType, ExpireDate = expires,
        };

        private static UsageMonitorEvidence Muted(params AlarmMuteRuleSummary[] rules)
        {
            var monitor = Facts.Usage();
            monitor.MuteRules[UsageMonitorEvidence.MuteRuleKey(Region, "root-usage")] = Ok<IReadOnlyList<AlarmMuteRuleSummary>>(rules);
            return monitor;
        }

        private static CheckResult Usage(UsageMonitorEvidence monitor) => Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor });

        private static MonitorHealth Health(UsageMonitorEvidence monitor) => MonitorHealthEvaluator.UsageAlarm(monitor, "root-usage", Region, null, Context());

        [Fact]
        public void An_active_mute_rule_fails_RG_ROOT_6_naming_the_rule_its_expiry_and_the_command_that_deletes_it()
        {
            var result = Usage(Muted(Rule("quiet", "ACTIVE", expires: Expiry)));

            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("ALARM_ACTIONS_MUTED", Evidence(result, "ReasonCode"));
            Assert.Contains("CloudWatch alarm root-usage is muted by alarm mute rule(s) quiet (one-time, until 2026-12-24 08:00 UTC)", result.Reason);
            Assert.Contains($"aws cloudwatch delete-alarm-mute-rule --alarm-mute-rule-name quiet --region {Region}", result.Remediation);
            Assert.Contains("wait for it to expire", result.Remediation);
            Assert.Equal(new[] { "quiet (ACTIVE)" }, (string[])Evidence(result, "AlarmMuteRules")!);
        }

        [Fact]
        public void A_mute_rule_without_expiry_says_so()
        {
            var result = Usage(Muted(Rule("forever", "ACTIVE", muteType: "RECURRING")));
            Assert.Contains("forever (recurring, with no expiry)", result.Reason);
        }

        [Fact]
        public void A_scheduled_mute_rule_is_a_warning_that_names_it_and_how_to_see_its_schedule()
        {
            var result = Usage(Muted(Rule("nightly", "SCHEDULED", muteType: "RECURRING", expires: Expiry)));

            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("ALARM_MUTE_SCHEDULED", Evidence(result, "ReasonCode"));
            Assert.Contains("alarm mute rule(s) nightly (recurring, until 2026-12-24 08:00 UTC) will mute alarm root-usage at times", result.Reason);
            Assert.Contains($"aws cloudwatch get-alarm-mute-rule --alarm-mute-rule-name nightly --region {Region}", result.Remediation);
        }

        [Fact]
        public void An_expired_mute_rule_leaves_the_working_chain_a_Pass() =>
            Assert.Equal(FindingStatus.Pass, Usage(Muted(Rule("old", "EXPIRED", expires: new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc)))).Status);

        [Fact]
        public void An_active_rule_among_expired_and_scheduled_ones_still_fails()
        {
            var result = Usage(Muted(Rule("old", "EXPIRED"), Rule("later", "SCHEDULED"), Rule("now", "ACTIVE")));
            Assert.Equal("ALARM_ACTIONS_MUTED", Evidence(result, "ReasonCode"));
            Assert.DoesNotContain("old", result.Reason);
        }

        [Fact]
        public void A_denied_mute_rule_read_is_a_warning_naming_the_action_never_a_pass()
        {
            var monitor = Facts.Usage();
            monitor.MuteRules[UsageMonitorEvidence.MuteRuleKey(Region, "root-usage")] = Denied<IReadOnlyList<AlarmMuteRuleSummary>>("cloudwatch:ListAlarmMuteRules");

            var result = Usage(monitor);

            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("ALARM_MUTE_RULES_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
            Assert.Contains("AWS denied cloudwatch:ListAlarmMuteRules", result.Reason);
            Assert.Contains("Grant the caller cloudwatch:ListAlarmMuteRules", result.Remediation);
        }

        [Fact]
        public void Mute_rules_that_were_not_read_are_never_taken_for_none()
        {
            var monitor = Facts.Usage();
            monitor.MuteRules.Clear();
            Assert.Equal("ALARM_MUTE_RULES_NOT_VERIFIABLE", Evidence(Usage(monitor), "ReasonCode"));
        }

        [Fact]
        public void The_assessment_needs_cloudwatch_ListAlarmMuteRules()
        {
            Assert.Contains("cloudwatch:ListAlarmMuteRules", new RootUsageAlarmCheck().RequiredActions);
            Assert.Contains("cloudwatch:ListAlarmMuteRules", MonitoringPermissions.ReadActions);
            Assert.Contains("\"cloudwatch:ListAlarmMuteRules\"", AssessmentPermissions.PolicyJson);
        }

        [Fact]
        public void The_health_of_a_muted_RootGuard_alarm_names_the_rule_as_its_problem()
        {
            var health = Health(Muted(Rule("quiet", "ACTIVE", expires: Expiry)));

            Assert.False(health.Healthy);
            var problem = Assert.Single(health.Problems);
            Assert.Equal("ALARM_ACTIONS_MUTED", problem.Code);
            Assert.Contains("delete-alarm-mute-rule --alarm-mute-rule-name quiet", problem.Fix);
        }

        [Fact]
        public void The_health_of_an_alarm_with_a_scheduled_mute_rule_is_a_problem_not_a_note()
        {
            var health = Health(Muted(Rule("nightly", "SCHEDULED")));
            Assert.Equal(FindingStatus.Warning, health.Status);
            Assert.Equal("ALARM_MUTE_SCHEDULED", Assert.Single(health.Problems).Code);
        }
    }
}
