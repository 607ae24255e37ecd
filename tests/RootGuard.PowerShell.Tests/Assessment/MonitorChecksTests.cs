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
        public void A_rule_narrowed_to_one_address_range_fails_RG_ROOT_5_and_names_a_sign_in_it_drops()
        {
            // Matches the sample sign-in (from 198.51.100.24) but not a root sign-in from anywhere else.
            AssessmentScenario.Seed(Backend, new AccountShape
            {
                SignInPattern = "{\"source\":[\"aws.signin\"],\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]},\"sourceIPAddress\":[{\"cidr\":\"198.51.100.0/24\"}]}}",
            });
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("RULE_PATTERN_NOT_VALID", Evidence(finding, "ReasonCode"));
            Assert.Contains("a successful root sign-in with MFA from 203.0.113.7 would not match", Reason(finding));
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

        [Fact]
        public void A_working_rule_without_any_trail_fails_RG_ROOT_5_because_no_sign_in_reaches_EventBridge()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { Trail = false });
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("TRAIL_NOT_PRESENT", Evidence(finding, "ReasonCode"));
            Assert.Contains("reach EventBridge only through CloudTrail", Reason(finding));
            Assert.Contains("aws cloudtrail create-trail", (string)finding.Properties["Remediation"].Value);
        }

        [Fact]
        public void A_trail_stopped_with_StopLogging_fails_RG_ROOT_5_with_the_command_that_starts_it()
        {
            AssessmentScenario.Seed(Backend);
            Backend.Seeder.RunBoto3("""client("cloudtrail").stop_logging(Name="rootguard-trail")""");
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("TRAIL_NOT_LOGGING", Evidence(finding, "ReasonCode"));
            Assert.Contains("aws cloudtrail start-logging --name rootguard-trail", (string)finding.Properties["Remediation"].Value);
        }

        [Fact]
        public void A_trail_that_records_read_events_only_fails_RG_ROOT_5()
        {
            AssessmentScenario.Seed(Backend);
            Backend.Seeder.RunBoto3("""
client("cloudtrail").put_event_selectors(TrailName="rootguard-trail", EventSelectors=[{"ReadWriteType": "ReadOnly", "IncludeManagementEvents": True}])
""");
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("TRAIL_SIGNIN_EVENTS_EXCLUDED", Evidence(finding, "ReasonCode"));
        }

        [Fact]
        public void A_multi_region_logging_trail_lets_RG_ROOT_5_pass_and_is_named()
        {
            AssessmentScenario.Seed(Backend);
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Pass", Status(finding));
            Assert.Equal("rootguard-trail", Evidence(finding, "TrailName"));
        }

        [Fact]
        public void A_single_region_trail_in_the_home_region_is_enough_for_RG_ROOT_5_but_not_for_RG_ROOT_6()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { MultiRegion = false });
            var findings = ById(Assess("-CheckId RG.ROOT.5, RG.ROOT.6"));
            Assert.Equal("Pass", Status(findings["RG.ROOT.5"]));
            Assert.Equal("TRAIL_MULTI_REGION_NOT_PRESENT", Evidence(findings["RG.ROOT.6"], "ReasonCode"));
        }

        [Theory]
        [InlineData("DescribeTrails")]
        [InlineData("GetTrailStatus")]
        [InlineData("GetEventSelectors")]
        public void A_denied_trail_read_is_a_Warning_naming_the_action_never_a_Pass(string operation)
        {
            AssessmentScenario.Seed(Backend);
            // CloudTrail's documented denial (Common Errors): AccessDeniedException, 400.
            Backend.Handler.On("cloudtrail", operation).Fail("AccessDeniedException", HttpStatusCode.BadRequest);
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Warning", Status(finding));
            Assert.Equal("TRAIL_NOT_VERIFIABLE", Evidence(finding, "ReasonCode"));
            Assert.Contains("cloudtrail:" + operation, Reason(finding));
            Assert.Contains("cloudtrail:" + operation, (string)finding.Properties["Remediation"].Value);
        }

        [Fact]
        public void Both_monitors_are_judged_from_one_read_of_the_trails()
        {
            AssessmentScenario.Seed(Backend);
            var findings = ById(Assess("-CheckId RG.ROOT.5, RG.ROOT.6"));
            Assert.Equal("Pass", Status(findings["RG.ROOT.5"]));
            Assert.Equal("Pass", Status(findings["RG.ROOT.6"]));
            Assert.Single(Backend.Handler.CallsTo("cloudtrail", "DescribeTrails"));
            Assert.Single(Backend.Handler.CallsTo("cloudtrail", "GetTrailStatus"));
            Assert.Single(Backend.Handler.CallsTo("cloudtrail", "GetEventSelectors"));
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

        [Fact]
        public void A_filter_narrowed_to_one_region_fails_RG_ROOT_6_instead_of_a_Security_Hub_note()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { FilterPattern = AssessmentScenario.CisPattern.Replace(" }", " && $.awsRegion = \"us-east-1\" }") });
            var finding = Finding("RG.ROOT.6");
            Assert.Equal("Fail", Status(finding));
            Assert.Equal("METRIC_FILTER_NOT_VALID", Evidence(finding, "ReasonCode"));
            Assert.Equal("MissesRootUsage", Evidence(finding, "PatternVerdict"));
            Assert.Contains("would not count a root API call from the console in eu-west-1", Reason(finding));
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
