using System.Collections.Generic;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Trails;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;

namespace RootGuard.Core.Tests.Assessment
{
    public sealed class MonitorCheckTests
    {
        private static CheckResult SignIn(SignInMonitorEvidence monitor) => Evaluate(new RootSignInAlertCheck(), new AssessmentEvidence { SignInMonitor = monitor });

        private static CheckResult Usage(UsageMonitorEvidence monitor) => Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = monitor });

        [Fact]
        public void RG_ROOT_5_passes_a_working_rule_topic_and_subscription() => Assert.Equal(FindingStatus.Pass, SignIn(Facts.SignIn()).Status);

        [Fact]
        public void RG_ROOT_5_judges_the_pattern_not_the_rule_name()
        {
            var result = SignIn(Facts.SignIn(pattern: "{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[{\"anything-but\":\"Root\"}]}}}"));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("RULE_PATTERN_NOT_VALID", Evidence(result, "ReasonCode"));
        }

        [Theory]
        [InlineData("\"sourceIPAddress\":[{\"cidr\":\"198.51.100.0/24\"}]", "from 203.0.113.7")]
        [InlineData("\"sourceIPAddress\":[{\"anything-but\":\"203.0.113.9\"}]", "from 203.0.113.9")]
        [InlineData("\"additionalEventData\":{\"MobileVersion\":[\"No\"]}", "from the mobile console (MobileVersion \"Yes\")")]
        public void RG_ROOT_5_fails_a_rule_narrowed_to_the_samples_values_and_names_a_sign_in_it_drops(string narrowing, string dropped)
        {
            var pattern = "{\"source\":[\"aws.signin\"],\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}," + narrowing + "}}";
            var result = SignIn(Facts.SignIn(pattern: pattern));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("RULE_PATTERN_NOT_VALID", Evidence(result, "ReasonCode"));
            Assert.Contains("not every root sign-in", result.Reason);
            Assert.Contains(dropped + " would not match", result.Reason);
        }

        [Fact]
        public void RG_ROOT_5_warns_that_a_pattern_requiring_an_unknown_field_absent_cannot_be_verified()
        {
            var result = SignIn(Facts.SignIn(pattern: "{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]},\"additionalEventData\":{\"SamlProviderArn\":[{\"exists\":false}]}}}"));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("RULE_PATTERN_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
            Assert.Contains("detail.additionalEventData.SamlProviderArn", result.Reason);
        }

        [Fact]
        public void RG_ROOT_5_warns_about_a_success_only_pattern()
        {
            var result = SignIn(Facts.SignIn(pattern: RootMonitorDefinitions.BuildSignInEventPattern(successOnly: true)));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Contains("failed root sign-in attempts alert nobody", result.Reason);
        }

        [Fact]
        public void RG_ROOT_5_fails_a_rule_without_SNS_target() =>
            Assert.Equal("TARGET_NOT_PRESENT", Evidence(SignIn(Facts.SignIn(target: false)), "ReasonCode"));

        [Fact]
        public void RG_ROOT_5_fails_a_topic_encrypted_with_the_AWS_managed_key() =>
            Assert.Equal("SNS_TOPIC_KEY_NOT_VALID", Evidence(SignIn(Facts.SignIn(topic: Topic(TopicArn(), kmsKey: "alias/aws/sns"))), "ReasonCode"));

        [Fact]
        public void RG_ROOT_5_warns_when_the_topic_is_in_another_account()
        {
            var result = SignIn(Facts.SignIn(topic: Topic(TopicArn(account: "999999999999"))));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Contains("another account (999999999999)", result.Reason);
        }

        [Fact]
        public void A_pending_subscription_does_not_count()
        {
            var result = SignIn(Facts.SignIn(topic: Topic(TopicArn(), confirmed: false)));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("SNS_SUBSCRIPTION_NOT_PRESENT", Evidence(result, "ReasonCode"));
        }

        [Fact]
        public void RG_ROOT_6_passes_the_exact_CIS_chain() => Assert.Equal(FindingStatus.Pass, Usage(Facts.Usage()).Status);

        [Fact]
        public void RG_ROOT_6_warns_for_an_equivalent_filter_and_names_Security_Hub()
        {
            var result = Usage(Facts.Usage(filterPattern: "{ $.eventType != \"AwsServiceEvent\" && $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS }"));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Contains("CloudWatch.1", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_fails_a_filter_that_lacks_the_Root_condition_because_it_counts_everyone()
        {
            var result = Usage(Facts.Usage(filterPattern: "{ $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }"));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("METRIC_FILTER_NOT_VALID", Evidence(result, "ReasonCode"));
            Assert.Contains("$.userIdentity.type = \"Root\"", result.Reason);
            Assert.Contains("every IAM user's activity", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_fails_a_filter_that_misses_root_usage_with_the_analysis_reason()
        {
            var result = Usage(Facts.Usage(filterPattern: "{ $.userIdentity.type != \"Root\" && $.eventType != \"AwsServiceEvent\" }"));
            Assert.Equal("METRIC_FILTER_NOT_VALID", Evidence(result, "ReasonCode"));
            Assert.Contains("excludes root calls", result.Reason);
        }

        [Theory]
        [InlineData(" && $.awsRegion = \"us-east-1\"", "in eu-west-1")]
        [InlineData(" && $.sourceIPAddress != \"192.0.2.9\"", "from 192.0.2.9")]
        public void RG_ROOT_6_fails_a_filter_narrowed_to_the_samples_values_instead_of_noting_it_as_not_exact_CIS(string narrowing, string missed)
        {
            var pattern = RootMonitorDefinitions.CisRootUsageFilterPattern.Replace(" }", narrowing + " }");
            var result = Usage(Facts.Usage(filterPattern: pattern));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("METRIC_FILTER_NOT_VALID", Evidence(result, "ReasonCode"));
            Assert.Contains("would not count a root API call from the console " + missed, result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_warns_that_a_filter_requiring_an_unknown_property_absent_cannot_be_verified()
        {
            var result = Usage(Facts.Usage(filterPattern: RootMonitorDefinitions.CisRootUsageFilterPattern.Replace(" }", " && $.requestParameters.roleName NOT EXISTS }")));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("METRIC_FILTER_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
            Assert.Contains("$.requestParameters.roleName NOT EXISTS", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_requires_the_alarm_to_watch_the_filter_metric_namespace_too()
        {
            var topic = Topic(TopicArn("usage"));
            var result = Usage(Facts.Usage(alarm: Alarm(topic.TopicArn, ns: "Other"), topic: topic));
            Assert.Equal("ALARM_NOT_PRESENT", Evidence(result, "ReasonCode"));
            Assert.Contains("another namespace", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_fails_an_alarm_whose_actions_are_disabled()
        {
            var topic = Topic(TopicArn("usage"));
            Assert.Equal("ALARM_ACTION_NOT_VALID", Evidence(Usage(Facts.Usage(alarm: Alarm(topic.TopicArn, actionsEnabled: false), topic: topic)), "ReasonCode"));
        }

        [Fact]
        public void RG_ROOT_6_warns_when_the_alarm_topic_is_in_another_region()
        {
            var result = Usage(Facts.Usage(topic: Topic(TopicArn("usage", region: "eu-west-1"))));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Contains("another region (eu-west-1)", result.Reason);
        }

        [Fact]
        public void RG_ROOT_6_warns_for_an_organization_trail_delivering_to_another_account()
        {
            var trail = Trail(logGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:org-trail:*", account: "111111111111");
            var result = Usage(Facts.Usage(trail: trail));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("TRAIL_IN_OTHER_ACCOUNT", Evidence(result, "ReasonCode"));
        }

        [Fact]
        public void RG_ROOT_6_reports_the_working_trail_among_broken_ones()
        {
            var monitor = Facts.Usage();
            var broken = Trail("broken", logGroupArn: null);
            var trails = new List<Trail>(monitor.Trails.Value!) { broken };
            var withBoth = new UsageMonitorEvidence(Region, Ok<IReadOnlyList<Trail>>(trails));
            foreach (var pair in monitor.TrailDetails) withBoth.TrailDetails[pair.Key] = pair.Value;
            foreach (var pair in monitor.MetricFilters) withBoth.MetricFilters[pair.Key] = pair.Value;
            foreach (var pair in monitor.Alarms) withBoth.Alarms[pair.Key] = pair.Value;
            foreach (var pair in monitor.MuteRules) withBoth.MuteRules[pair.Key] = pair.Value;
            foreach (var pair in monitor.Topics) withBoth.Topics[pair.Key] = pair.Value;
            Add(withBoth, broken);
            Assert.Equal(FindingStatus.Pass, Usage(withBoth).Status);
        }

        [Fact]
        public void RG_ROOT_6_names_the_missing_permission_of_a_denied_link()
        {
            var monitor = Facts.Usage();
            monitor.Alarms[Region] = Denied<IReadOnlyList<MetricAlarm>>("cloudwatch:DescribeAlarms");
            var result = Usage(monitor);
            Assert.Equal(FindingStatus.Error, result.Status);
            Assert.Contains("cloudwatch:DescribeAlarms", result.Reason);
        }

        [Fact]
        public void A_management_events_excluded_trail_fails_with_its_code()
        {
            var result = Usage(Facts.Usage(selectors: new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "WriteOnly", IncludeManagementEvents = true } } }));
            Assert.Equal("TRAIL_MANAGEMENT_EVENTS_EXCLUDED", Evidence(result, "ReasonCode"));
        }

        private static SourceResult<TrailSnapshot> NoTrails() => SignInTrails(System.Array.Empty<(Trail, object, GetEventSelectorsResponse?)>());

        [Fact]
        public void RG_ROOT_5_fails_a_working_rule_when_no_trail_brings_sign_ins_to_EventBridge()
        {
            var result = SignIn(Facts.SignIn(trails: NoTrails()));

            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("TRAIL_NOT_PRESENT", Evidence(result, "ReasonCode"));
            Assert.StartsWith("No CloudTrail trail records management events in us-east-1 (there is no trail)", result.Reason);
            Assert.Contains("aws cloudtrail create-trail", result.Remediation);
        }

        [Fact]
        public void RG_ROOT_5_fails_when_the_only_trail_records_another_region()
        {
            var elsewhere = Trail("eu-only", multiRegion: false);
            elsewhere.HomeRegion = "eu-west-1";
            var result = SignIn(Facts.SignIn(trails: SignInTrails((elsewhere, true, null))));
            Assert.Equal("TRAIL_NOT_PRESENT", Evidence(result, "ReasonCode"));
            Assert.Contains("trail(s) eu-only record only another region", result.Reason);
        }

        [Fact]
        public void RG_ROOT_5_fails_a_stopped_trail_with_the_command_that_starts_it()
        {
            var result = SignIn(Facts.SignIn(trails: SignInTrails((Trail(), false, null))));
            Assert.Equal("TRAIL_NOT_LOGGING", Evidence(result, "ReasonCode"));
            Assert.Equal("Start logging (aws cloudtrail start-logging --name main).", result.Remediation);
        }

        [Fact]
        public void RG_ROOT_5_fails_a_trail_that_records_read_events_only()
        {
            var readOnly = new GetEventSelectorsResponse { EventSelectors = { new EventSelector { ReadWriteType = "ReadOnly", IncludeManagementEvents = true } } };
            Assert.Equal("TRAIL_SIGNIN_EVENTS_EXCLUDED", Evidence(SignIn(Facts.SignIn(trails: SignInTrails((Trail(), true, readOnly)))), "ReasonCode"));
        }

        [Fact]
        public void RG_ROOT_5_fails_a_trail_whose_advanced_selectors_leave_out_the_sign_in_event_source()
        {
            var noSignIn = new GetEventSelectorsResponse
            {
                AdvancedEventSelectors =
                {
                    new AdvancedEventSelector
                    {
                        Name = "management without sign-in",
                        FieldSelectors =
                        {
                            new AdvancedFieldSelector { Field = "eventCategory", Equals = { "Management" } },
                            new AdvancedFieldSelector { Field = "eventSource", NotEquals = { "signin.amazonaws.com" } },
                        },
                    },
                },
            };
            var result = SignIn(Facts.SignIn(trails: SignInTrails((Trail(), true, noSignIn))));
            Assert.Equal("TRAIL_SIGNIN_EVENTS_EXCLUDED", Evidence(result, "ReasonCode"));
            Assert.Contains("signin.amazonaws.com", result.Reason);
        }

        [Fact]
        public void RG_ROOT_5_passes_when_one_of_several_trails_records_sign_ins_and_names_it()
        {
            var result = SignIn(Facts.SignIn(trails: SignInTrails((Trail("stopped"), false, null), (Trail("working"), true, null))));
            Assert.Equal(FindingStatus.Pass, result.Status);
            Assert.Equal("working", Evidence(result, "TrailName"));
        }

        [Fact]
        public void RG_ROOT_5_names_the_trail_before_a_missing_rule()
        {
            var monitor = new SignInMonitorEvidence(Region, Ok<IReadOnlyList<RootGuard.Core.Aws.EventBridge.Model.Rule>>(System.Array.Empty<RootGuard.Core.Aws.EventBridge.Model.Rule>()), NoTrails());
            Assert.Equal("TRAIL_NOT_PRESENT", Evidence(SignIn(monitor), "ReasonCode"));
        }

        [Fact]
        public void RG_ROOT_5_never_passes_when_the_trails_could_not_be_read()
        {
            var result = SignIn(Facts.SignIn(trails: Denied<TrailSnapshot>("cloudtrail:DescribeTrails")));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("TRAIL_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
            Assert.Contains("cloudtrail:DescribeTrails", result.Remediation);
        }

        [Fact]
        public void RG_ROOT_5_never_passes_when_a_trails_status_could_not_be_read()
        {
            var denied = new Amazon.Runtime.AmazonServiceException("User is not authorized to perform: cloudtrail:GetTrailStatus")
            {
                ErrorCode = "AccessDeniedException", StatusCode = System.Net.HttpStatusCode.BadRequest,
            };
            var result = SignIn(Facts.SignIn(trails: SignInTrails((Trail(), denied, null))));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("TRAIL_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
            Assert.Contains("cloudtrail:GetTrailStatus", result.Reason);
        }

        [Fact]
        public void RG_ROOT_5_reports_a_broken_rule_over_unreadable_trails()
        {
            var result = SignIn(Facts.SignIn(target: false, trails: Denied<TrailSnapshot>("cloudtrail:DescribeTrails")));
            Assert.Equal("TARGET_NOT_PRESENT", Evidence(result, "ReasonCode"));
        }

        private const string DeliveryError = "Access denied. Verify in IAM that the role has adequate permissions.";

        private static UsageMonitorEvidence DeliveryFailing(UsageMonitorEvidence monitor, string? error = DeliveryError, System.DateTime? lastDelivered = null)
        {
            foreach (var details in monitor.TrailDetails.Values)
            {
                // GetTrailStatus of a trail whose CloudWatch Logs role lost logs:PutLogEvents: still logging, delivery failing.
                details.Status!.Value!.LatestCloudWatchLogsDeliveryError = error;
                details.Status.Value.LatestCloudWatchLogsDeliveryTime = lastDelivered ?? new System.DateTime(2026, 5, 20, 8, 0, 0, System.DateTimeKind.Utc);
            }

            return monitor;
        }

        [Fact]
        public void RG_ROOT_6_fails_a_logging_trail_whose_CloudWatch_Logs_delivery_fails_and_names_the_error_and_the_role()
        {
            var trail = Trail();
            trail.CloudWatchLogsRoleArn = "arn:aws:iam::123456789012:role/CloudTrail_CloudWatchLogs_Role";
            var result = Usage(DeliveryFailing(Facts.Usage(trail: trail)));

            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("TRAIL_CLOUDWATCH_LOGS_DELIVERY_FAILED", Evidence(result, "ReasonCode"));
            Assert.Equal(DeliveryError, Evidence(result, "LatestCloudWatchLogsDeliveryError"));
            Assert.Contains($"failed ({DeliveryError})", result.Reason);
            Assert.Contains("last delivered 2026-05-20 08:00 UTC", result.Reason);
            Assert.Contains("CloudTrail_CloudWatchLogs_Role", result.Remediation);
            Assert.Contains("logs:PutLogEvents", result.Remediation);
        }

        [Fact]
        public void RG_ROOT_6_fails_a_failing_delivery_even_to_a_log_group_in_another_account()
        {
            var trail = Trail(logGroupArn: "arn:aws:logs:us-east-1:111111111111:log-group:org-trail:*", account: "111111111111");
            var result = Usage(DeliveryFailing(Facts.Usage(trail: trail)));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("TRAIL_CLOUDWATCH_LOGS_DELIVERY_FAILED", Evidence(result, "ReasonCode"));
        }

        [Theory]
        [InlineData(10, FindingStatus.Warning)]
        [InlineData(59, FindingStatus.Warning)]
        [InlineData(61, FindingStatus.Fail)]
        public void RG_ROOT_6_doubts_rather_than_fails_a_delivery_error_when_the_trail_delivered_within_the_hour(int minutesAgo, FindingStatus expected)
        {
            // GetTrailStatus gives the latest error but not its time: a delivery since may mean it was fixed. Never a Pass.
            var delivered = Facts.Now.UtcDateTime.AddMinutes(-minutesAgo);
            var result = Usage(DeliveryFailing(Facts.Usage(), lastDelivered: delivered));

            Assert.Equal(expected, result.Status);
            Assert.Equal(expected == FindingStatus.Fail ? "TRAIL_CLOUDWATCH_LOGS_DELIVERY_FAILED" : "TRAIL_CLOUDWATCH_LOGS_DELIVERY_ERROR_REPORTED", Evidence(result, "ReasonCode"));
            Assert.Contains(DeliveryError, result.Reason);
            Assert.Contains("logs:PutLogEvents", result.Remediation);
        }

        [Theory]
        [InlineData("")]
        [InlineData(null)]
        public void RG_ROOT_6_takes_an_empty_delivery_error_for_none(string? error) =>
            Assert.Equal(FindingStatus.Pass, Usage(DeliveryFailing(Facts.Usage(), error)).Status);
    }
}
