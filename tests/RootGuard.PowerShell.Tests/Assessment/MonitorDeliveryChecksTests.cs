using System.Collections.Generic;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>
    /// No false pass, end to end against moto: each account differs from a working one in one respect (a rule state, a
    /// Deny, a key policy, an alarm setting, a trail selector, a deleted topic) and gets the verdict AWS's behaviour gives.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class MonitorDeliveryChecksTests : AssessmentTestBase
    {
        private const string KeyForBoth =
            """{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"},{"Sid":"Publishers","Effect":"Allow","Principal":{"Service":["events.amazonaws.com","cloudwatch.amazonaws.com"]},"Action":["kms:GenerateDataKey*","kms:Decrypt"],"Resource":"*"}]}""";

        private const string DefaultKeyPolicy =
            """{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}""";

        public MonitorDeliveryChecksTests(ModuleBackend backend) : base(backend)
        {
        }

        private void AssertVerdict(string checkId, AccountShape shape, string status, string? reasonCode, string? named = null)
        {
            AssessmentScenario.Seed(Backend, shape);
            var finding = Finding(checkId);
            Assert.True(status == Status(finding), $"{Status(finding)} {Evidence(finding, "ReasonCode")}: {Reason(finding)}");
            Assert.Equal(reasonCode, Evidence(finding, "ReasonCode"));
            if (named != null) Assert.Contains(named, Reason(finding));
        }

        // ---- RG.ROOT.5 ------------------------------------------------------------------------------

        [Fact]
        public void A_rule_enabled_with_all_CloudTrail_management_events_passes_RG_ROOT_5() =>
            AssertVerdict("RG.ROOT.5", new AccountShape { SignInRuleState = "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS" }, "Pass", null);

        [Fact]
        public void A_Deny_of_publish_in_the_topic_policy_fails_RG_ROOT_5_despite_the_Allow() =>
            AssertVerdict("RG.ROOT.5", new AccountShape
            {
                SignInTopicExtraStatement = """{"Sid":"NoPublish","Effect":"Deny","Principal":"*","Action":"SNS:Pub*","Resource":"TOPIC"}""",
            }, "Fail", "SNS_TOPIC_POLICY_NOT_VALID", "'NoPublish' explicitly denies");

        [Fact]
        public void A_Deny_on_a_condition_RootGuard_cannot_prove_is_a_Warning_for_RG_ROOT_5() =>
            AssertVerdict("RG.ROOT.5", new AccountShape
            {
                SignInTopicExtraStatement = """{"Sid":"OrgOnly","Effect":"Deny","Principal":"*","Action":"sns:Publish","Resource":"TOPIC","Condition":{"StringNotEquals":{"aws:PrincipalOrgID":"o-abc"}}}""",
            }, "Warning", "SNS_TOPIC_POLICY_NOT_VERIFIABLE", "aws:PrincipalOrgID");

        [Fact]
        public void A_topic_key_whose_policy_lets_EventBridge_use_it_passes_RG_ROOT_5() =>
            AssertVerdict("RG.ROOT.5", new AccountShape { SignInTopicKeyPolicy = KeyForBoth }, "Pass", null);

        [Fact]
        public void A_topic_key_with_only_the_default_key_policy_fails_RG_ROOT_5() =>
            AssertVerdict("RG.ROOT.5", new AccountShape { SignInTopicKeyPolicy = DefaultKeyPolicy }, "Fail", "SNS_TOPIC_KEY_NOT_VALID", "events.amazonaws.com");

        [Fact]
        public void A_key_policy_RootGuard_may_not_read_is_a_Warning_naming_kms_GetKeyPolicy_never_a_Pass()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { SignInTopicKeyPolicy = KeyForBoth });
            Backend.Handler.On("kms", "GetKeyPolicy").Fail("AccessDeniedException", HttpStatusCode.BadRequest);
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Warning", Status(finding));
            Assert.Equal("SNS_TOPIC_KEY_NOT_VERIFIABLE", Evidence(finding, "ReasonCode"));
            Assert.Contains("kms:GetKeyPolicy", Reason(finding));
        }

        // ---- RG.ROOT.6 ------------------------------------------------------------------------------

        public static TheoryData<string, Dictionary<string, object>, string, string> AlarmsOneEventDoesNotRaise => new()
        {
            { "Sum > 1", new() { ["ComparisonOperator"] = "GreaterThanThreshold" }, "ALARM_SETTINGS_NOT_VALID", "ComparisonOperator:" },
            { "Sum >= 10", new() { ["Threshold"] = 10 }, "ALARM_SETTINGS_NOT_VALID", "Threshold:" },
            { "Sum < 1", new() { ["ComparisonOperator"] = "LessThanThreshold" }, "ALARM_SETTINGS_NOT_VALID", "ComparisonOperator:" },
            { "2 of 3 periods", new() { ["EvaluationPeriods"] = 3, ["DatapointsToAlarm"] = 2 }, "ALARM_SETTINGS_NOT_VALID", "DatapointsToAlarm:" },
            { "missing data breaching", new() { ["TreatMissingData"] = "breaching" }, "ALARM_SETTINGS_NOT_VALID", "TreatMissingData:" },
        };

        [Theory]
        [MemberData(nameof(AlarmsOneEventDoesNotRaise))]
        public void An_alarm_one_root_event_does_not_raise_fails_RG_ROOT_6_naming_the_setting(string what, Dictionary<string, object> settings, string code, string setting)
        {
            AssessmentScenario.Seed(Backend, new AccountShape { AlarmSettings = settings });
            var finding = Finding("RG.ROOT.6");
            Assert.True("Fail" == Status(finding), $"{what}: {Status(finding)} {Reason(finding)}");
            Assert.Equal(code, Evidence(finding, "ReasonCode"));
            Assert.Contains(setting, Reason(finding));
        }

        [Fact]
        public void A_p99_alarm_that_ignores_low_sample_counts_fails_RG_ROOT_6_one_event_is_too_few_data_points() =>
            AssertVerdict("RG.ROOT.6", new AccountShape
            {
                AlarmSettings = new Dictionary<string, object> { ["Statistic"] = null!, ["ExtendedStatistic"] = "p99", ["EvaluateLowSampleCountPercentile"] = "ignore" },
            }, "Fail", "ALARM_SETTINGS_NOT_VALID", "EvaluateLowSampleCountPercentile: the alarm's p99 ignores periods with fewer than 1000 data points");

        [Fact]
        public void A_p99_alarm_that_evaluates_low_sample_counts_still_fires_and_is_a_Warning_naming_the_statistic() =>
            AssertVerdict("RG.ROOT.6", new AccountShape
            {
                AlarmSettings = new Dictionary<string, object> { ["Statistic"] = null!, ["ExtendedStatistic"] = "p99", ["EvaluateLowSampleCountPercentile"] = "evaluate" },
            }, "Warning", "ALARM_SETTINGS_NOT_CIS", "Statistic: the statistic is p99, not Sum");

        [Fact]
        public void A_metric_value_of_0_fails_RG_ROOT_6() =>
            AssertVerdict("RG.ROOT.6", new AccountShape { MetricValue = "0" }, "Fail", "METRIC_VALUE_NOT_VALID", "MetricValue:");

        [Fact]
        public void An_alarm_that_still_fires_but_differs_from_CIS_is_a_Warning_naming_the_difference() =>
            AssertVerdict("RG.ROOT.6", new AccountShape { AlarmSettings = new Dictionary<string, object> { ["Period"] = 60 } },
                "Warning", "ALARM_SETTINGS_NOT_CIS", "Period: the period is 60 seconds, not 300");

        [Fact]
        public void A_trail_excluding_KMS_management_events_is_a_Warning_naming_the_source() =>
            AssertVerdict("RG.ROOT.6", new AccountShape { ExcludedEventSources = new[] { "kms.amazonaws.com" } },
                "Warning", "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED", "kms.amazonaws.com");

        [Fact]
        public void An_alarm_action_on_a_deleted_topic_fails_RG_ROOT_6_naming_it_not_Error()
        {
            var (_, usage) = AssessmentScenario.Seed(Backend, new AccountShape { DeleteUsageTopic = true });
            var finding = Finding("RG.ROOT.6");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("SNS_TOPIC_NOT_PRESENT", Evidence(finding, "ReasonCode"));
            Assert.Contains(usage, Reason(finding));
        }

        [Fact]
        public void A_Deny_of_CloudWatch_in_the_usage_topic_policy_fails_RG_ROOT_6() =>
            AssertVerdict("RG.ROOT.6", new AccountShape
            {
                UsageTopicExtraStatement = """{"Sid":"NoAlarms","Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"sns:Publish","Resource":"TOPIC"}""",
            }, "Fail", "SNS_TOPIC_POLICY_NOT_VALID", "'NoAlarms' explicitly denies");

        [Fact]
        public void The_usage_topic_key_is_judged_for_CloudWatch()
        {
            AssertVerdict("RG.ROOT.6", new AccountShape { UsageTopicKeyPolicy = KeyForBoth }, "Pass", null);
            Backend.Reset();
            AssertVerdict("RG.ROOT.6", new AccountShape { UsageTopicKeyPolicy = DefaultKeyPolicy }, "Fail", "SNS_TOPIC_KEY_NOT_VALID", "cloudwatch.amazonaws.com");
        }
    }
}
