using System.Collections.Generic;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.Kms.Model;
using RootGuard.Core.Aws.Sns.Model;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;

namespace RootGuard.Core.Tests.Assessment
{
    /// <summary>
    /// No false pass: each state differs from a working monitor in one respect, and the verdict is the one AWS's
    /// behaviour gives (the alert is dropped: Fail; it cannot be told: Warning).
    /// </summary>
    public sealed class MonitorDeliveryCheckTests
    {
        private const string OtherRule = "arn:aws:events:us-east-1:123456789012:rule/other";

        private static CheckResult SignIn(SignInMonitorEvidence monitor) => Evaluate(new RootSignInAlertCheck(), new AssessmentEvidence { SignInMonitor = monitor });

        private static CheckResult Usage(UsageMonitorEvidence monitor) => Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor });

        private static string Code(CheckResult result) => (string?)Evidence(result, "ReasonCode") ?? "(none)";

        private static void AssertVerdict(CheckResult result, FindingStatus status, string? code)
        {
            Assert.True(status == result.Status, $"{result.Status} {Code(result)}: {result.Reason}");
            Assert.Equal(code, Evidence(result, "ReasonCode"));
        }

        private static string Statement(string effect, string principal, string? condition = null, string topic = "alerts") =>
            $",{{\"Sid\":\"{effect}Extra\",\"Effect\":\"{effect}\",\"Principal\":{principal},\"Action\":\"sns:Publish\",\"Resource\":\"{TopicArn(topic)}\""
            + (condition != null ? $",\"Condition\":{condition}" : "") + "}";

        // ---- RG.ROOT.5: rule state ---------------------------------------------------------------------------------

        [Theory]
        [InlineData("ENABLED", FindingStatus.Pass)]
        [InlineData("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", FindingStatus.Pass)]
        [InlineData("DISABLED", FindingStatus.Fail)]
        public void Every_enabled_state_of_the_service_model_counts_as_enabled(string state, FindingStatus expected) =>
            Assert.Equal(expected, SignIn(Facts.SignIn(state: state)).Status);

        // ---- RG.ROOT.5: topic policy -------------------------------------------------------------------------------

        [Fact]
        public void An_EventBridge_statement_for_another_rule_does_not_let_this_rule_publish()
        {
            var topic = Topic(TopicArn(), allowsEvents: false,
                extraStatements: Statement("Allow", "{\"Service\":\"events.amazonaws.com\"}", "{\"ArnEquals\":{\"aws:SourceArn\":\"" + OtherRule + "\"}}"));
            var result = SignIn(Facts.SignIn(topic: topic));
            AssertVerdict(result, FindingStatus.Fail, "SNS_TOPIC_POLICY_NOT_VALID");
            Assert.Contains("aws:SourceArn", result.Reason);
        }

        [Fact]
        public void An_EventBridge_statement_for_this_rule_by_wildcard_lets_it_publish() =>
            AssertVerdict(SignIn(Facts.SignIn(topic: Topic(TopicArn(), allowsEvents: false,
                extraStatements: Statement("Allow", "{\"Service\":\"events.amazonaws.com\"}", "{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:events:us-east-1:123456789012:rule/root-*\"}}")))),
                FindingStatus.Pass, null);

        [Fact]
        public void An_explicit_deny_of_publish_fails_even_with_an_allow()
        {
            var result = SignIn(Facts.SignIn(topic: Topic(TopicArn(), extraStatements: Statement("Deny", "\"*\""))));
            AssertVerdict(result, FindingStatus.Fail, "SNS_TOPIC_POLICY_NOT_VALID");
            Assert.Contains("explicitly denies", result.Reason);
        }

        [Fact]
        public void An_allow_on_a_condition_that_cannot_be_proven_is_a_warning_not_a_pass()
        {
            var topic = Topic(TopicArn(), allowsEvents: false,
                extraStatements: Statement("Allow", "{\"Service\":\"events.amazonaws.com\"}", "{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}"));
            var result = SignIn(Facts.SignIn(topic: topic));
            AssertVerdict(result, FindingStatus.Warning, "SNS_TOPIC_POLICY_NOT_VERIFIABLE");
            Assert.Contains("aws:PrincipalOrgID", result.Reason);
        }

        [Fact]
        public void A_deny_on_a_condition_that_cannot_be_proven_is_a_warning_not_a_pass() =>
            AssertVerdict(SignIn(Facts.SignIn(topic: Topic(TopicArn(), extraStatements: Statement("Deny", "\"*\"", "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}")))),
                FindingStatus.Warning, "SNS_TOPIC_POLICY_NOT_VERIFIABLE");

        [Fact]
        public void A_rule_target_on_a_topic_that_no_longer_exists_fails_naming_the_topic_not_an_error()
        {
            var arn = TopicArn("deleted");
            var gone = new SourceFailure("sns:GetTopicAttributes", "NotFound", "Topic does not exist", accessDenied: false, notFound: true);
            var topic = new TopicEvidence(arn, SourceResult<IReadOnlyDictionary<string, string>>.Failed(gone),
                SourceResult<IReadOnlyList<Subscription>>.Failed(new SourceFailure("sns:ListSubscriptionsByTopic", "NotFound", "Topic does not exist", false, true)));
            var result = SignIn(Facts.SignIn(topic: topic));
            AssertVerdict(result, FindingStatus.Fail, "SNS_TOPIC_NOT_PRESENT");
            Assert.Contains(arn, result.Reason);
        }

        [Fact]
        public void A_denied_attribute_read_is_still_an_error()
        {
            var arn = TopicArn();
            var topic = new TopicEvidence(arn, Denied<IReadOnlyDictionary<string, string>>("sns:GetTopicAttributes"), Topic(arn).Subscriptions);
            Assert.Equal(FindingStatus.Error, SignIn(Facts.SignIn(topic: topic)).Status);
        }

        // ---- RG.ROOT.5: encrypted topic ----------------------------------------------------------------------------

        [Fact]
        public void A_customer_key_whose_policy_lets_EventBridge_use_it_passes() =>
            AssertVerdict(SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: "alias/rootguard", key: Key()))), FindingStatus.Pass, null);

        [Fact]
        public void A_customer_key_with_only_the_default_policy_fails()
        {
            const string defaultPolicy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::123456789012:root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"}]}";
            var result = SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: "alias/rootguard", key: Key(defaultPolicy))));
            AssertVerdict(result, FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID");
            Assert.Contains("events.amazonaws.com", result.Reason);
        }

        [Fact]
        public void An_unreadable_key_policy_is_a_warning_with_the_denied_action()
        {
            var result = SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: "alias/rootguard", key: Key(policyRead: Denied<string>("kms:GetKeyPolicy")))));
            AssertVerdict(result, FindingStatus.Warning, "SNS_TOPIC_KEY_NOT_VERIFIABLE");
            Assert.Contains("kms:GetKeyPolicy", result.Reason);
            Assert.Contains("kms:GetKeyPolicy", result.Remediation);
        }

        [Fact]
        public void An_undescribable_key_is_a_warning_and_a_missing_disabled_or_AWS_managed_key_fails()
        {
            AssertVerdict(SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: "alias/rootguard", key: Key(metadata: Denied<KeyMetadata>("kms:DescribeKey"))))),
                FindingStatus.Warning, "SNS_TOPIC_KEY_NOT_VERIFIABLE");
            var missing = SourceResult<KeyMetadata>.Failed(new SourceFailure("kms:DescribeKey", "NotFoundException", "Alias is not found.", false, true));
            AssertVerdict(SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: "alias/rootguard", key: Key(metadata: missing)))), FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID");
            AssertVerdict(SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: "alias/rootguard", key: Key(keyState: "Disabled")))), FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID");
            AssertVerdict(SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: KeyArn, key: Key(keyManager: "AWS")))), FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID");
        }

        // ---- RG.ROOT.6: the alarm fires on one root event ----------------------------------------------------------

        private static UsageMonitorEvidence UsageWith(System.Action<MetricAlarm> change, string metricValue = "1")
        {
            var topic = Topic(TopicArn("usage"));
            var alarm = Alarm(topic.TopicArn);
            change(alarm);
            var monitor = Facts.Usage(alarm: alarm, topic: topic);
            foreach (var filter in monitor.MetricFilters[LogGroupArn].Value!) filter.MetricTransformations[0].MetricValue = metricValue;
            return monitor;
        }

        public static TheoryData<string, System.Action<MetricAlarm>, string, string, string> AlarmsThatDoNotFire => new()
        {
            { "Sum > 1", a => a.ComparisonOperator = "GreaterThanThreshold", "1", "ALARM_SETTINGS_NOT_VALID", "ComparisonOperator" },
            { "Sum >= 10", a => a.Threshold = 10, "1", "ALARM_SETTINGS_NOT_VALID", "Threshold" },
            { "Sum < 1", a => a.ComparisonOperator = "LessThanThreshold", "1", "ALARM_SETTINGS_NOT_VALID", "ComparisonOperator" },
            { "metric value 0", a => { }, "0", "METRIC_VALUE_NOT_VALID", "MetricValue" },
            { "two breaching periods", a => a.EvaluationPeriods = 2, "1", "ALARM_SETTINGS_NOT_VALID", "EvaluationPeriods" },
            { "missing data as breaching", a => a.TreatMissingData = "breaching", "1", "ALARM_SETTINGS_NOT_VALID", "TreatMissingData" },
            { "p99 ignoring low sample counts", a => { a.Statistic = null; a.ExtendedStatistic = "p99"; a.EvaluateLowSampleCountPercentile = "ignore"; }, "1", "ALARM_SETTINGS_NOT_VALID", "EvaluateLowSampleCountPercentile" },
            { "percent rank of values up to 0.5", a => { a.Statistic = null; a.ExtendedStatistic = "PR(:0.5)"; }, "1", "ALARM_SETTINGS_NOT_VALID", "Threshold" },
        };

        [Theory]
        [MemberData(nameof(AlarmsThatDoNotFire))]
        public void RG_ROOT_6_fails_an_alarm_one_root_event_does_not_raise_and_names_the_setting(string what, System.Action<MetricAlarm> change, string metricValue, string code, string setting)
        {
            var result = Usage(UsageWith(change, metricValue));
            Assert.True(result.Status == FindingStatus.Fail, $"{what}: {result.Status} {result.Reason}");
            Assert.Equal(code, Evidence(result, "ReasonCode"));
            Assert.Contains(setting + ":", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_warns_about_an_alarm_that_fires_differently_and_names_the_difference()
        {
            var result = Usage(UsageWith(a => a.Period = 60));
            AssertVerdict(result, FindingStatus.Warning, "ALARM_SETTINGS_NOT_CIS");
            Assert.Contains("Period: the period is 60 seconds, not 300", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_warns_about_a_trimmed_mean_whose_value_for_one_event_is_undocumented() =>
            AssertVerdict(Usage(UsageWith(a => { a.Statistic = null; a.ExtendedStatistic = "tm90"; })), FindingStatus.Warning, "ALARM_SETTINGS_NOT_VERIFIABLE");

        [Fact]
        public void RG_ROOT_6_warns_about_metric_math_it_cannot_judge() =>
            AssertVerdict(Usage(UsageWith(a => a.Metrics.Add(new MetricDataQuery { Id = "e1", Expression = "SUM(METRICS())" }))), FindingStatus.Warning, "ALARM_SETTINGS_NOT_VERIFIABLE");

        // ---- RG.ROOT.6: trail event sources ------------------------------------------------------------------------

        [Fact]
        public void RG_ROOT_6_warns_about_excluded_management_event_sources_and_names_them()
        {
            var selectors = new GetEventSelectorsResponse
            {
                EventSelectors = { new EventSelector { ReadWriteType = "All", IncludeManagementEvents = true, ExcludeManagementEventSources = { "kms.amazonaws.com" } } },
            };
            var result = Usage(Facts.Usage(selectors: selectors));
            AssertVerdict(result, FindingStatus.Warning, "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED");
            Assert.Contains("kms.amazonaws.com", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_warns_about_an_advanced_selector_excluding_an_event_source()
        {
            var selectors = new GetEventSelectorsResponse
            {
                AdvancedEventSelectors =
                {
                    new AdvancedEventSelector
                    {
                        FieldSelectors =
                        {
                            new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } },
                            new AdvancedFieldSelector { Field = "eventSource", NotEquals = { "rdsdata.amazonaws.com" } },
                        },
                    },
                },
            };
            var result = Usage(Facts.Usage(selectors: selectors));
            AssertVerdict(result, FindingStatus.Warning, "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED");
            Assert.Contains("rdsdata.amazonaws.com", result.Reason);
        }

        // ---- RG.ROOT.6: the alarm's topic --------------------------------------------------------------------------

        [Fact]
        public void RG_ROOT_6_fails_a_topic_policy_that_denies_CloudWatch()
        {
            var topic = Topic(TopicArn("usage"), extraStatements: Statement("Deny", "{\"Service\":\"cloudwatch.amazonaws.com\"}", topic: "usage"));
            AssertVerdict(Usage(Facts.Usage(topic: topic)), FindingStatus.Fail, "SNS_TOPIC_POLICY_NOT_VALID");
        }

        [Fact]
        public void RG_ROOT_6_fails_an_alarm_action_on_a_topic_that_no_longer_exists_naming_it()
        {
            var arn = TopicArn("usage");
            var gone = new SourceFailure("sns:GetTopicAttributes", "NotFound", "Topic does not exist", false, true);
            var topic = new TopicEvidence(arn, SourceResult<IReadOnlyDictionary<string, string>>.Failed(gone),
                SourceResult<IReadOnlyList<Subscription>>.Failed(new SourceFailure("sns:ListSubscriptionsByTopic", "NotFound", "Topic does not exist", false, true)));
            var result = Usage(Facts.Usage(topic: topic));
            AssertVerdict(result, FindingStatus.Fail, "SNS_TOPIC_NOT_PRESENT");
            Assert.Contains(arn, result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_judges_the_key_for_CloudWatch()
        {
            AssertVerdict(Usage(Facts.Usage(topic: Topic(TopicArn("usage"), kmsKey: "alias/rootguard", key: Key()))), FindingStatus.Pass, null);
            var eventsOnly = KeyPolicyForBoth.Replace("\"events.amazonaws.com\",\"cloudwatch.amazonaws.com\"", "\"events.amazonaws.com\"");
            var result = Usage(Facts.Usage(topic: Topic(TopicArn("usage"), kmsKey: "alias/rootguard", key: Key(eventsOnly))));
            AssertVerdict(result, FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID");
            Assert.Contains("cloudwatch.amazonaws.com", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_keeps_alias_aws_sns_a_failure() =>
            AssertVerdict(Usage(Facts.Usage(topic: Topic(TopicArn("usage"), kmsKey: "alias/aws/sns"))), FindingStatus.Fail, "SNS_TOPIC_KEY_NOT_VALID");
    }
}
