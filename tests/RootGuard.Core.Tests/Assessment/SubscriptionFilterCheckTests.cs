using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws.Sns.Model;
using RootGuard.Core.Monitoring;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;

namespace RootGuard.Core.Tests.Assessment
{
    /// <summary>
    /// RG.ROOT.5/6 and the health count a confirmed subscription only when its filter policy lets an alert without message
    /// attributes through: none that does is a Fail when every one drops it, a Warning when it cannot be told.
    /// </summary>
    public sealed class SubscriptionFilterCheckTests
    {
        private const string Dropping = "{\"severity\": [\"high\"]}";

        private static SourceResult<IReadOnlyDictionary<string, string>> Filter(string policy, string? scope = null)
        {
            var attributes = new Dictionary<string, string> { ["FilterPolicy"] = policy };
            if (scope != null) attributes["FilterPolicyScope"] = scope;
            return Ok<IReadOnlyDictionary<string, string>>(attributes);
        }

        private static CheckResult SignIn(TopicEvidence topic) =>
            Evaluate(new RootSignInAlertCheck(), new AssessmentEvidence { SignInMonitor = Facts.SignIn(topic: topic) });

        private static CheckResult Usage(TopicEvidence topic) =>
            Evaluate(new RootUsageAlarmCheck(), new AssessmentEvidence { UsageMonitor = Facts.Usage(topic: topic) });

        /// <summary>A topic with these confirmed e-mail subscriptions, each with what GetSubscriptionAttributes gave (null: not read).</summary>
        private static TopicEvidence TopicWith(string arn, params SourceResult<IReadOnlyDictionary<string, string>>?[] reads)
        {
            var baseTopic = Topic(arn);
            var subscriptions = reads.Select((_, i) => new Subscription { TopicArn = arn, Protocol = "email", Endpoint = $"person{i}@example.com", SubscriptionArn = $"{arn}:sub-{i}" }).ToList();
            var filters = new Dictionary<string, SourceResult<IReadOnlyDictionary<string, string>>>();
            for (var i = 0; i < reads.Length; i++)
                if (reads[i] is { } read) filters[subscriptions[i].SubscriptionArn!] = read;
            return new TopicEvidence(arn, baseTopic.Attributes, Ok<IReadOnlyList<Subscription>>(subscriptions), null, filters);
        }

        [Fact]
        public void Every_confirmed_subscription_filtering_the_alert_out_fails_RG_ROOT_5_naming_each_and_the_fix()
        {
            var arn = TopicArn();
            var result = SignIn(TopicWith(arn, Filter(Dropping), Filter("{\"store\": [{\"exists\": false}]}")));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("SNS_SUBSCRIPTION_FILTERED", Evidence(result, "ReasonCode"));
            Assert.Contains($"{arn}:sub-0", result.Reason);
            Assert.Contains($"{arn}:sub-1", result.Reason);
            Assert.Contains("needs message attribute(s) severity", result.Reason);
            Assert.Contains($"aws sns set-subscription-attributes --subscription-arn {arn}:sub-0 --attribute-name FilterPolicy --attribute-value \"{{}}\"", result.Remediation);
            Assert.Contains("New-RootSignInAlert -EmailAddress", result.Remediation);
        }

        [Fact]
        public void Every_confirmed_subscription_filtering_the_alarm_out_fails_RG_ROOT_6_with_New_RootUsageAlarm_as_the_fix()
        {
            var result = Usage(TopicWith(TopicArn("usage"), Filter(Dropping)));
            Assert.Equal(FindingStatus.Fail, result.Status);
            Assert.Equal("SNS_SUBSCRIPTION_FILTERED", Evidence(result, "ReasonCode"));
            Assert.Contains("New-RootUsageAlarm -EmailAddress", result.Remediation);
        }

        [Fact]
        public void One_unfiltered_subscription_among_filtered_ones_passes()
        {
            var arn = TopicArn();
            var result = SignIn(TopicWith(arn, Filter(Dropping), Ok<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>()), null));
            Assert.Equal(FindingStatus.Pass, result.Status);
            Assert.Equal(new[] { $"{arn}:sub-0" }, Evidence(result, "FilteredSubscriptions"));
        }

        [Fact]
        public void A_policy_on_the_message_body_is_a_warning_never_a_pass()
        {
            var result = SignIn(TopicWith(TopicArn(), Filter("{\"detail\": {\"userIdentity\": {\"type\": [\"Root\"]}}}", "MessageBody")));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
            Assert.Contains("message body", result.Reason);
            Assert.Contains("Send-RootMonitoringTest", result.Remediation);
        }

        [Fact]
        public void A_body_policy_and_a_dropping_one_together_are_a_warning_not_a_fail()
        {
            var result = Usage(TopicWith(TopicArn("usage"), Filter(Dropping), Filter("{\"AlarmName\": [\"x\"]}", "MessageBody")));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
        }

        [Fact]
        public void A_denied_GetSubscriptionAttributes_is_a_warning_naming_the_action_never_a_pass()
        {
            var result = SignIn(TopicWith(TopicArn(), Denied<IReadOnlyDictionary<string, string>>("sns:GetSubscriptionAttributes")));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
            Assert.Contains("AWS denied sns:GetSubscriptionAttributes", result.Reason);
            Assert.Contains("Grant the caller sns:GetSubscriptionAttributes", result.Remediation);
        }

        [Fact]
        public void A_subscription_whose_attributes_were_never_read_is_not_taken_as_unfiltered()
        {
            var result = SignIn(TopicWith(TopicArn(), new SourceResult<IReadOnlyDictionary<string, string>>?[] { null }));
            Assert.Equal(FindingStatus.Warning, result.Status);
            Assert.Equal("SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", Evidence(result, "ReasonCode"));
        }

        [Fact]
        public void The_health_of_a_RootGuard_monitor_names_the_filtered_subscription_with_the_fix()
        {
            var monitor = Facts.SignIn(topic: TopicWith(TopicArn(), Filter(Dropping)));
            var health = MonitorHealthEvaluator.SignInAlert(monitor, "root-signin", Context());
            var problem = Assert.Single(health.Problems);
            Assert.Equal("SNS_SUBSCRIPTION_FILTERED", problem.Code);
            Assert.Contains("--attribute-name FilterPolicy", problem.Fix);
        }

        [Fact]
        public void The_health_lists_an_unverifiable_filter_as_a_problem_not_a_note()
        {
            var monitor = Facts.SignIn(topic: TopicWith(TopicArn(), Filter("{\"a\": [\"x\"]}", "MessageBody")));
            var health = MonitorHealthEvaluator.SignInAlert(monitor, "root-signin", Context());
            Assert.Equal("SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", Assert.Single(health.Problems).Code);
        }
    }
}
