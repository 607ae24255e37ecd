using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>RG.ROOT.5 and RG.ROOT.6: the two monitors, judged end to end and link by link.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class MonitorChecksTests : AssessmentTestBase
    {
        public MonitorChecksTests(ModuleBackend backend) : base(backend)
        {
        }

        // ---- RG.ROOT.5 ------------------------------------------------------------------------------

        [Fact]
        public void A_working_sign_in_alert_passes_RG_ROOT_5()
        {
            AssessmentScenario.Seed(Backend);
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Pass", Status(finding));
            Assert.Equal("us-east-1", finding.Properties["Region"].Value);
            Assert.Equal("RootGuard-RootSignIn", Evidence(finding, "RuleName"));
        }

        [Fact]
        public void No_sign_in_rule_fails_RG_ROOT_5_and_names_New_RootSignInAlert()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { SignInRule = false });
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("RULE_NOT_PRESENT", Evidence(finding, "ReasonCode"));
            Assert.Contains("New-RootSignInAlert", (string)finding.Properties["Remediation"].Value);
        }

        [Fact]
        public void A_rule_whose_pattern_matches_IAM_users_only_fails_RG_ROOT_5_with_the_reason()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { SignInPattern = AssessmentScenario.IamUserSignInPattern });
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("RULE_PATTERN_NOT_VALID", Evidence(finding, "ReasonCode"));
            Assert.Contains("no root console sign-in", Reason(finding));
        }

        [Fact]
        public void A_disabled_rule_fails_RG_ROOT_5()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { SignInRuleEnabled = false });
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Contains("DISABLED", Reason(finding));
        }

        [Fact]
        public void A_topic_that_EventBridge_may_not_publish_to_fails_RG_ROOT_5()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { SignInTopicAllowsEvents = false });
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("SNS_TOPIC_POLICY_NOT_VALID", Evidence(finding, "ReasonCode"));
            Assert.Contains("events.amazonaws.com", Reason(finding));
        }

        [Fact]
        public void A_sign_in_topic_with_only_a_pending_subscription_fails_RG_ROOT_5()
        {
            var (signIn, _) = AssessmentScenario.Seed(Backend);
            Backend.Handler.Stub("sns", "ListSubscriptionsByTopic",
                RootFactStubs.SubscriptionsByTopic(signIn!, StubSubscription.PendingEmail("security@example.com")));
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("SNS_SUBSCRIPTION_NOT_PRESENT", Evidence(finding, "ReasonCode"));
            Assert.Contains("1 pending confirmation", Reason(finding));
        }

        [Fact]
        public void Denied_ListRules_makes_RG_ROOT_5_Error()
        {
            AssessmentScenario.Seed(Backend);
            Backend.Handler.On("events", "ListRules").Fail("AccessDeniedException", HttpStatusCode.BadRequest);
            AssertError(Finding("RG.ROOT.5"), "events:ListRules");
        }

        // ---- RG.ROOT.6 ------------------------------------------------------------------------------

        [Fact]
        public void The_exact_CIS_chain_passes_RG_ROOT_6()
        {
            AssessmentScenario.Seed(Backend);
            var finding = Finding("RG.ROOT.6");
            Assert.Equal("Pass", Status(finding));
            Assert.Contains("exact CIS pattern", Reason(finding));
            Assert.Equal("ExactCis", Evidence(finding, "PatternVerdict"));
            Assert.Equal(new[] { "CIS 4.3 (v1.4/v3.0; 3.3 in v1.2)", "FSBP CloudWatch.1" }, (string[])finding.Properties["Compliance"].Value);
        }

        [Fact]
        public void An_equivalent_filter_written_differently_is_a_Warning_naming_Security_Hub()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { FilterPattern = AssessmentScenario.EquivalentPattern });
            var finding = Finding("RG.ROOT.6");
            Assert.Equal("Warning", Status(finding));
            Assert.Equal("METRIC_FILTER_NOT_EXACT_CIS", Evidence(finding, "ReasonCode"));
            Assert.Contains("Security Hub control CloudWatch.1 accepts only the exact text", Reason(finding));
            Assert.Contains("put-metric-filter", (string)finding.Properties["Remediation"].Value);
        }

        public static TheoryData<string, AccountShape, string> BrokenLinks => new()
        {
            { "no trail", new AccountShape { Trail = false }, "TRAIL_MULTI_REGION_NOT_PRESENT" },
            { "single-region trail", new AccountShape { MultiRegion = false }, "TRAIL_MULTI_REGION_NOT_PRESENT" },
            { "trail not logging", new AccountShape { Logging = false }, "TRAIL_NOT_LOGGING" },
            { "management events excluded", new AccountShape { ManagementEvents = false }, "TRAIL_MANAGEMENT_EVENTS_EXCLUDED" },
            { "no CloudWatch Logs", new AccountShape { CloudWatchLogs = false }, "TRAIL_CLOUDWATCH_LOGS_NOT_PRESENT" },
            { "no metric filter", new AccountShape { FilterPattern = null }, "METRIC_FILTER_NOT_PRESENT" },
            { "filter missing the Root condition", new AccountShape { FilterPattern = "{ $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }" }, "METRIC_FILTER_NOT_VALID" },
            { "filter on another identity type", new AccountShape { FilterPattern = "{ $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" && $.userIdentity.type = \"IAMUser\" }" }, "METRIC_FILTER_NOT_VALID" },
            { "filter with != Root", new AccountShape { FilterPattern = AssessmentScenario.TypeNotRootPattern }, "METRIC_FILTER_NOT_VALID" },
            { "no alarm", new AccountShape { Alarm = false }, "ALARM_NOT_PRESENT" },
            { "alarm on the metric name in another namespace", new AccountShape { AlarmNamespace = "SomethingElse" }, "ALARM_NOT_PRESENT" },
            { "alarm without action", new AccountShape { AlarmAction = false }, "ALARM_ACTION_NOT_VALID" },
        };

        [Theory]
        [MemberData(nameof(BrokenLinks))]
        public void Each_broken_link_of_the_usage_chain_fails_RG_ROOT_6_with_its_reason_code(string link, AccountShape shape, string reasonCode)
        {
            AssessmentScenario.Seed(Backend, shape);
            var finding = Finding("RG.ROOT.6");
            Assert.True("Fail" == Status(finding), $"{link}: {Status(finding)} {Reason(finding)}");
            Assert.Equal(reasonCode, Evidence(finding, "ReasonCode"));
            Assert.Contains("New-RootUsageAlarm", (string)finding.Properties["Remediation"].Value);
        }

        [Fact]
        public void A_usage_topic_without_a_confirmed_subscriber_fails_RG_ROOT_6()
        {
            var (_, usage) = AssessmentScenario.Seed(Backend);
            Backend.Handler.Stub("sns", "ListSubscriptionsByTopic",
                RootFactStubs.SubscriptionsByTopic(usage, StubSubscription.PendingEmail("security@example.com")));
            var finding = Finding("RG.ROOT.6");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("SNS_SUBSCRIPTION_NOT_PRESENT", Evidence(finding, "ReasonCode"));
        }

        [Fact]
        public void Denied_DescribeMetricFilters_makes_RG_ROOT_6_Error_and_leaves_the_other_checks_alone()
        {
            AssessmentScenario.Seed(Backend);
            Backend.Handler.On("logs", "DescribeMetricFilters").Fail("AccessDeniedException", HttpStatusCode.BadRequest);
            var findings = ById(Assess("-CheckId RG.ROOT.5, RG.ROOT.6"));
            AssertError(findings["RG.ROOT.6"], "logs:DescribeMetricFilters");
            Assert.Equal("Pass", Status(findings["RG.ROOT.5"]));
        }
    }
}
