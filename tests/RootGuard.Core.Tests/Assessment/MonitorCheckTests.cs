using System.Collections.Generic;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.MonitorDefinitions;
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
    }
}
