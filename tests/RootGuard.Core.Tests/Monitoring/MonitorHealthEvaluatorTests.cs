using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Trails;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;

namespace RootGuard.Core.Tests.Monitoring
{
    /// <summary>
    /// The health of a RootGuard monitor is RG.ROOT.5/6's judgement of that one rule or alarm: same evidence, same chain,
    /// same reason codes; only the scope differs (RootGuard's own rule or alarm, not the best chain of the account).
    /// </summary>
    public sealed class MonitorHealthEvaluatorTests
    {
        private static MonitorHealth SignInHealth(SignInMonitorEvidence monitor, string rule = "root-signin") =>
            MonitorHealthEvaluator.SignInAlert(monitor, rule, Context());

        private static MonitorHealth UsageHealth(UsageMonitorEvidence monitor, string alarm = "root-usage", (string, string)? recorded = null) =>
            MonitorHealthEvaluator.UsageAlarm(monitor, alarm, Region, recorded, Context());

        public static TheoryData<string, SignInMonitorEvidence> SignInAccounts => new()
        {
            { "working", SignIn() },
            { "disabled", SignIn(state: "DISABLED") },
            { "pattern for IAM users", SignIn(pattern: "{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"IAMUser\"]}}}") },
            { "no target", SignIn(target: false) },
            { "topic policy without EventBridge", SignIn(topic: Topic(TopicArn(), allowsEvents: false)) },
            { "AWS managed key", SignIn(topic: Topic(TopicArn(), kmsKey: "alias/aws/sns")) },
            { "key without EventBridge", SignIn(topic: Topic(TopicArn(), kmsKey: "alias/rootguard", key: Key(policy: "{\"Version\":\"2012-10-17\",\"Statement\":[]}"))) },
            { "pending subscription", SignIn(topic: Topic(TopicArn(), confirmed: false)) },
            { "topic in another account", SignIn(topic: Topic(TopicArn(account: "999999999999"))) },
            { "success only", SignIn(pattern: RootMonitorDefinitions.BuildSignInEventPattern(successOnly: true)) },
            { "no trail", SignIn(trails: SignInTrails(Array.Empty<(Trail, object, GetEventSelectorsResponse?)>())) },
            { "trail not logging", SignIn(trails: SignInTrails((Trail(), false, null))) },
            { "trails denied", SignIn(trails: Denied<TrailSnapshot>("cloudtrail:DescribeTrails")) },
        };

        [Theory]
        [MemberData(nameof(SignInAccounts))]
        public void A_sign_in_alert_is_judged_as_RG_ROOT_5_judges_it(string shape, SignInMonitorEvidence monitor)
        {
            var finding = Evaluate(new RootSignInAlertCheck(), new AssessmentEvidence { SignInMonitor = monitor });
            var health = SignInHealth(monitor);

            Assert.True(finding.Status == health.Status, shape);
            Assert.Equal(finding.Reason, health.Summary);
            Assert.Equal(Evidence(finding, "ReasonCode"), health.Problems.Concat(health.Notes).Select(p => p.Code).FirstOrDefault());
            Assert.Equal(finding.Status == FindingStatus.Pass || shape == "success only", health.Healthy);
        }

        public static TheoryData<string, UsageMonitorEvidence> UsageAccounts => new()
        {
            { "working", Usage() },
            { "trail not logging", Usage(logging: false) },
            { "no filter", Usage(filterPattern: null) },
            { "filter for every user", Usage(filterPattern: "{ $.eventType = \"AwsApiCall\" }") },
            { "actions disabled", Usage(alarm: Alarm(TopicArn("usage"), actionsEnabled: false)) },
            { "pending subscription", Usage(topic: Topic(TopicArn("usage"), confirmed: false)) },
            { "filter not the exact CIS text", Usage(filterPattern: "{($.userIdentity.type = \"Root\") && ($.userIdentity.invokedBy NOT EXISTS) && ($.eventType != \"AwsServiceEvent\")}") },
        };

        [Theory]
        [MemberData(nameof(UsageAccounts))]
        public void A_usage_alarm_is_judged_as_RG_ROOT_6_judges_it(string shape, UsageMonitorEvidence monitor)
        {
            var finding = Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor });
            var health = UsageHealth(monitor);

            Assert.True(finding.Status == health.Status, $"{shape}: {finding.Status} / {health.Status}");
            // Scoped to one alarm, a missing filter is told by the metric that alarm watches; every other reason is RG.ROOT.6's.
            if (shape == "no filter") Assert.Contains("which CloudWatch alarm root-usage watches", health.Summary);
            else Assert.Equal(finding.Reason, health.Summary);
            Assert.Equal(Evidence(finding, "ReasonCode"), health.Problems.Concat(health.Notes).Select(p => p.Code).FirstOrDefault());
        }

        [Fact]
        public void A_working_rule_elsewhere_in_the_account_does_not_make_RootGuards_disabled_rule_healthy()
        {
            var monitor = SignIn();
            var own = new Rule { Name = "RootGuard-RootSignIn", Arn = $"arn:aws:events:{Region}:{Account}:rule/RootGuard-RootSignIn", State = "DISABLED", EventPattern = RootMonitorDefinitions.BuildSignInEventPattern() };
            var withOwn = new SignInMonitorEvidence(Region, Ok<IReadOnlyList<Rule>>(monitor.Rules.Value!.Append(own).ToList()), monitor.Trails);
            foreach (var pair in monitor.Targets) withOwn.Targets[pair.Key] = pair.Value;
            foreach (var pair in monitor.Topics) withOwn.Topics[pair.Key] = pair.Value;

            Assert.Equal(FindingStatus.Pass, Evaluate(new RootSignInAlertCheck(), new AssessmentEvidence { SignInMonitor = withOwn }).Status);
            var health = SignInHealth(withOwn, "RootGuard-RootSignIn");
            Assert.False(health.Healthy);
            var problem = Assert.Single(health.Problems);
            Assert.Equal("RULE_NOT_ENABLED", problem.Code);
            Assert.StartsWith("EventBridge rule RootGuard-RootSignIn matches root sign-ins but is DISABLED", problem.Text);
            Assert.StartsWith("Run New-RootSignInAlert again with the same -EmailAddress or -TopicArn", problem.Fix);
        }

        [Fact]
        public void A_rule_that_no_longer_exists_is_named()
        {
            var problem = Assert.Single(SignInHealth(SignIn(), "RootGuard-RootSignIn").Problems);
            Assert.Equal("RULE_NOT_PRESENT", problem.Code);
            Assert.Equal("EventBridge rule RootGuard-RootSignIn no longer exists in us-east-1, so a root sign-in alerts nobody.", problem.Text);
        }

        [Fact]
        public void A_success_only_pattern_is_a_note_not_a_problem()
        {
            var health = SignInHealth(SignIn(pattern: RootMonitorDefinitions.BuildSignInEventPattern(successOnly: true)));
            Assert.True(health.Healthy);
            Assert.Equal("RULE_PATTERN_SUCCESS_ONLY", Assert.Single(health.Notes).Code);
            Assert.StartsWith("The pattern matches successful sign-ins only", health.Notes[0].Text);
        }

        [Fact]
        public void A_rule_narrowed_to_one_address_range_is_a_problem_not_healthy()
        {
            var health = SignInHealth(SignIn(pattern: "{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]},\"sourceIPAddress\":[{\"cidr\":\"198.51.100.0/24\"}]}}"));
            Assert.False(health.Healthy);
            var problem = Assert.Single(health.Problems);
            Assert.Equal("RULE_PATTERN_NOT_VALID", problem.Code);
            Assert.Contains("a successful root sign-in with MFA from 203.0.113.7 would not match", problem.Text);
        }

        [Fact]
        public void A_usage_filter_narrowed_to_one_region_is_a_problem_not_a_note()
        {
            var health = UsageHealth(Usage(filterPattern: RootMonitorDefinitions.CisRootUsageFilterPattern.Replace(" }", " && $.awsRegion = \"us-east-1\" }")));
            Assert.False(health.Healthy);
            Assert.Empty(health.Notes);
            var problem = Assert.Single(health.Problems);
            Assert.Equal("METRIC_FILTER_NOT_VALID", problem.Code);
            Assert.Contains("in eu-west-1", problem.Text);
        }

        [Fact]
        public void A_usage_filter_that_cannot_be_verified_is_a_problem_not_a_note()
        {
            var health = UsageHealth(Usage(filterPattern: RootMonitorDefinitions.CisRootUsageFilterPattern.Replace(" }", " && $.requestParameters.roleName NOT EXISTS }")));
            Assert.False(health.Healthy);
            Assert.Equal("METRIC_FILTER_NOT_VERIFIABLE", Assert.Single(health.Problems).Code);
        }

        [Fact]
        public void A_topic_in_another_account_cannot_be_proved_so_the_monitor_is_not_called_healthy()
        {
            var problem = Assert.Single(SignInHealth(SignIn(topic: Topic(TopicArn(account: "999999999999")))).Problems);
            Assert.Equal("SNS_TOPIC_NOT_VERIFIABLE", problem.Code);
            Assert.Contains("In the topic's account", problem.Fix);
        }

        [Fact]
        public void A_stopped_trail_makes_RootGuards_working_rule_unhealthy_with_the_fix()
        {
            var health = SignInHealth(SignIn(trails: SignInTrails((Trail(), false, null))));

            Assert.False(health.Healthy);
            var problem = Assert.Single(health.Problems);
            Assert.Equal("TRAIL_NOT_LOGGING", problem.Code);
            Assert.StartsWith("No CloudTrail trail records management events in us-east-1 (trail(s) main are not logging)", problem.Text);
            Assert.Equal("Start logging (aws cloudtrail start-logging --name main).", problem.Fix);
        }

        [Fact]
        public void Trails_that_could_not_be_read_leave_the_monitor_unverified_not_healthy()
        {
            var health = SignInHealth(SignIn(trails: Denied<TrailSnapshot>("cloudtrail:DescribeTrails")));

            Assert.False(health.Healthy);
            var problem = Assert.Single(health.Problems);
            Assert.Equal("TRAIL_NOT_VERIFIABLE", problem.Code);
            Assert.Contains("cloudtrail:DescribeTrails", problem.Fix);
        }

        [Fact]
        public void Evidence_that_could_not_be_read_names_the_permission()
        {
            var monitor = new SignInMonitorEvidence(Region, Denied<IReadOnlyList<Rule>>("events:ListRules"), SignInTrails());
            var problem = Assert.Single(SignInHealth(monitor).Problems);
            Assert.Equal("READ_FAILED", problem.Code);
            Assert.Contains("events:ListRules", problem.Fix);
        }

        [Fact]
        public void Another_alarm_on_the_same_metric_does_not_make_RootGuards_alarm_healthy()
        {
            var monitor = Usage(alarm: Alarm(TopicArn("usage"), actionsEnabled: false));
            var team = Alarm(TopicArn("usage"));
            team.AlarmName = "team-root-usage";
            team.AlarmArn = $"arn:aws:cloudwatch:{Region}:{Account}:alarm:team-root-usage";
            monitor.Alarms[Region] = Ok<IReadOnlyList<MetricAlarm>>(monitor.Alarms[Region].Value!.Append(team).ToList());
            monitor.MuteRules[UsageMonitorEvidence.MuteRuleKey(Region, team.AlarmName)] = Ok<IReadOnlyList<AlarmMuteRuleSummary>>(Array.Empty<AlarmMuteRuleSummary>());

            Assert.Equal(FindingStatus.Pass, Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor }).Status);
            var problem = Assert.Single(UsageHealth(monitor).Problems);
            Assert.Equal("ALARM_ACTION_NOT_VALID", problem.Code);
            Assert.Equal("CloudWatch alarm root-usage has its actions disabled, so it tells nobody.", problem.Text);
            Assert.True(UsageHealth(monitor, "team-root-usage").Healthy);
        }

        [Fact]
        public void An_alarm_whose_metric_no_filter_publishes_is_told_apart_from_one_without_a_filter()
        {
            var monitor = Usage(alarm: Alarm(TopicArn("usage"), ns: "Elsewhere"));
            var problem = Assert.Single(UsageHealth(monitor, recorded: ("trail-logs", "RootAccountUsage")).Problems);
            Assert.Equal("METRIC_FILTER_NOT_PRESENT", problem.Code);
            Assert.Equal("No metric filter on log group trail-logs (fed by multi-region trail main) publishes metric Elsewhere/RootAccountUsageCount, which CloudWatch alarm root-usage watches, "
                         + "so the alarm never sees root activity (RootGuard's filter RootAccountUsage is gone or publishes another metric).", problem.Text);
        }

        [Fact]
        public void A_trail_that_delivers_elsewhere_than_the_log_group_of_RootGuards_filter_is_named_with_both_log_groups()
        {
            var monitor = Usage();
            var moved = "arn:aws:logs:us-east-1:123456789012:log-group:other-logs:*";
            var trail = Trail(logGroupArn: moved);
            var evidence = new UsageMonitorEvidence(Region, Ok<IReadOnlyList<RootGuard.Core.Aws.CloudTrail.Model.Trail>>(new[] { trail }));
            Add(evidence, trail);
            evidence.MetricFilters[moved] = Ok<IReadOnlyList<MetricFilter>>(Array.Empty<MetricFilter>());
            evidence.Alarms[Region] = monitor.Alarms[Region];

            var problem = Assert.Single(UsageHealth(evidence, recorded: ("trail-logs", "RootAccountUsage")).Problems);
            Assert.Equal("TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT", problem.Code);
            Assert.StartsWith("Multi-region trail main delivers to log group other-logs, not to log group trail-logs where RootGuard's filter RootAccountUsage counts root usage for alarm root-usage", problem.Text);
            Assert.Contains("aws cloudtrail update-trail --name main", problem.Fix);
        }

        [Fact]
        public void An_alarm_that_no_longer_exists_is_named()
        {
            var problem = Assert.Single(UsageHealth(Usage(), "RootGuard-RootAccountUsage").Problems);
            Assert.Equal("ALARM_NOT_PRESENT", problem.Code);
            Assert.Equal("CloudWatch alarm RootGuard-RootAccountUsage no longer exists in us-east-1.", problem.Text);
        }

        [Theory]
        [InlineData("ALARM", null, 25, "ALARM_STATE_STALE")]
        [InlineData("ALARM", "missing", 25, "ALARM_STATE_STALE")]
        [InlineData("INSUFFICIENT_DATA", "notBreaching", 48, "ALARM_STATE_STALE")]
        [InlineData("ALARM", null, 2, null)]
        [InlineData("OK", "notBreaching", 1000, null)]
        public void An_alarm_stuck_in_ALARM_or_without_data_it_should_have_for_over_a_day_is_a_problem_and_an_RG_ROOT_6_warning(string state, string? treatMissingData, int hours, string? code)
        {
            var alarm = Alarm(TopicArn("usage"));
            alarm.StateValue = state;
            alarm.TreatMissingData = treatMissingData;
            alarm.StateUpdatedTimestamp = Now.UtcDateTime.AddHours(-hours);
            var monitor = Usage(alarm: alarm);

            var health = UsageHealth(monitor);
            var finding = Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor });

            Assert.Equal(code, health.Problems.Select(p => p.Code).SingleOrDefault());
            Assert.Equal(code ?? null, (string?)Evidence(finding, "ReasonCode"));
            Assert.Equal(code == null ? FindingStatus.Pass : FindingStatus.Warning, finding.Status);
            if (code != null) Assert.Contains($"has been in {state} since", health.Problems[0].Text);
        }

        [Theory]
        [InlineData(null)]
        [InlineData("missing")]
        public void A_CIS_built_alarm_that_sits_in_INSUFFICIENT_DATA_for_days_in_a_quiet_account_passes(string? treatMissingData)
        {
            // aws cloudwatch put-metric-alarm ... --statistic Sum --period 300 --threshold 1 (no --treat-missing-data): with
            // no root activity the metric has no data, so the alarm stays in INSUFFICIENT_DATA, and still fires on the
            // first root event (alarm actions run on a change to ALARM from any state).
            var alarm = Alarm(TopicArn("usage"));
            alarm.StateValue = "INSUFFICIENT_DATA";
            alarm.TreatMissingData = treatMissingData;
            alarm.StateTransitionedTimestamp = Now.UtcDateTime.AddDays(-40);
            alarm.StateUpdatedTimestamp = Now.UtcDateTime.AddDays(-40);
            var monitor = Usage(alarm: alarm);

            Assert.Equal(FindingStatus.Pass, Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor }).Status);
            Assert.True(UsageHealth(monitor).Healthy);
        }

        [Fact]
        public void An_alarm_that_changed_to_ALARM_ten_days_ago_is_stuck_though_its_evaluation_state_was_updated_an_hour_ago()
        {
            var alarm = Alarm(TopicArn("usage"));
            alarm.StateValue = "ALARM";
            alarm.StateTransitionedTimestamp = Now.UtcDateTime.AddDays(-10);
            alarm.StateUpdatedTimestamp = Now.UtcDateTime.AddHours(-1);
            var monitor = Usage(alarm: alarm);

            var problem = Assert.Single(UsageHealth(monitor).Problems);
            Assert.Equal("ALARM_STATE_STALE", problem.Code);
            Assert.Contains("has been in ALARM since 2026-05-22 12:00 UTC", problem.Text);
            Assert.Equal(FindingStatus.Warning, Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor }).Status);
        }

        [Fact]
        public void What_is_left_of_a_monitor_without_its_rule_names_the_leftovers_and_both_ways_out()
        {
            var health = MonitorHealthEvaluator.Remains("SignInAlert", Region, new[] { "SNS topic " + TopicArn() });
            Assert.False(health.Healthy);
            var problem = Assert.Single(health.Problems);
            Assert.Equal("RULE_NOT_PRESENT", problem.Code);
            Assert.Contains(TopicArn(), problem.Text);
            Assert.Contains("New-RootSignInAlert", problem.Fix);
            Assert.Contains("Remove-RootMonitoring -Component SignInAlert", problem.Fix);
        }
    }
}
