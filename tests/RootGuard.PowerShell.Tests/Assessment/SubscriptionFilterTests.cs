using System.Linq;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>
    /// Subscription filter policies against moto, which stores FilterPolicy and FilterPolicyScope and answers
    /// GetSubscriptionAttributes with them: a monitor whose every subscriber filters the alert out alerts nobody.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class SubscriptionFilterTests : AssessmentTestBase
    {
        public SubscriptionFilterTests(ModuleBackend backend) : base(backend)
        {
        }

        /// <summary>Sets the filter policy (and scope) of every subscription of the topic, as a user would with the CLI.</summary>
        private void FilterAll(string topicArn, string policy, string? scope = null) => Backend.Seeder.RunBoto3("""
sns = client("sns")
for s in sns.list_subscriptions_by_topic(TopicArn=ARGS["topic"])["Subscriptions"]:
    if ARGS["scope"]:
        sns.set_subscription_attributes(SubscriptionArn=s["SubscriptionArn"], AttributeName="FilterPolicyScope", AttributeValue=ARGS["scope"])
    sns.set_subscription_attributes(SubscriptionArn=s["SubscriptionArn"], AttributeName="FilterPolicy", AttributeValue=ARGS["policy"])
""", new { topic = topicArn, policy, scope });

        [Fact]
        public void A_filter_policy_on_message_attributes_fails_both_monitors_with_the_subscription_and_the_fix()
        {
            var (signIn, usage) = AssessmentScenario.Seed(Backend);
            FilterAll(signIn!, "{\"severity\": [\"high\"]}");
            FilterAll(usage, "{\"store\": [{\"exists\": false}]}");

            foreach (var (check, command) in new[] { ("RG.ROOT.5", "New-RootSignInAlert"), ("RG.ROOT.6", "New-RootUsageAlarm") })
            {
                var finding = Finding(check);
                Assert.Equal("Fail", Status(finding));
                Assert.Equal("SNS_SUBSCRIPTION_FILTERED", Evidence(finding, "ReasonCode"));
                Assert.Contains("email:security@example.com", Reason(finding));
                var remediation = (string)finding.Properties["Remediation"].Value;
                Assert.Contains("--attribute-name FilterPolicy --attribute-value \"{}\"", remediation);
                Assert.Contains(command + " -EmailAddress", remediation);
            }

            Assert.Contains(Backend.Handler.Calls, c => c.Operation == "GetSubscriptionAttributes");
        }

        [Fact]
        public void A_filter_policy_on_the_message_body_is_a_warning_not_a_pass()
        {
            var (signIn, _) = AssessmentScenario.Seed(Backend);
            FilterAll(signIn!, "{\"detail\": {\"userIdentity\": {\"type\": [\"Root\"]}}}", "MessageBody");
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Warning", Status(finding));
            Assert.Equal("SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", Evidence(finding, "ReasonCode"));
        }

        [Fact]
        public void A_denied_GetSubscriptionAttributes_is_a_warning_naming_the_action()
        {
            AssessmentScenario.Seed(Backend);
            Backend.Handler.On("sns", "GetSubscriptionAttributes").Fail("AuthorizationError", HttpStatusCode.Forbidden);
            var finding = Finding("RG.ROOT.5");
            Assert.Equal("Warning", Status(finding));
            Assert.Equal("SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", Evidence(finding, "ReasonCode"));
            Assert.Contains("sns:GetSubscriptionAttributes", Reason(finding));
        }

        [Fact]
        public void An_unfiltered_subscription_passes_with_one_attribute_read_per_subscriber()
        {
            AssessmentScenario.Seed(Backend);
            Assert.Equal("Pass", Status(Finding("RG.ROOT.5")));
            Assert.Single(Backend.Handler.Calls, c => c.Operation == "GetSubscriptionAttributes");
        }

        [Fact]
        public void Get_RootMonitoring_reports_a_RootGuard_alert_whose_subscriber_filters_it_out_as_unhealthy()
        {
            Backend.Seeder.CreateTrailWithLogs();
            using var session = Backend.NewSession();
            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();
            FilterAll("arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn", "{\"severity\": [\"high\"]}");
            var monitor = Assert.Single(session.Run("Get-RootMonitoring @aws -Component SignInAlert").ThrowIfErrors().Output);
            Assert.Equal(false, monitor.Properties["Healthy"].Value);
            Assert.Contains("SNS_SUBSCRIPTION_FILTERED", ((System.Collections.IEnumerable)monitor.Properties["ReasonCodes"].Value).Cast<object>().Select(o => o.ToString()));
        }

        [Fact]
        public void Send_RootMonitoringTest_publishes_as_EventBridge_does_and_warns_that_the_filter_drops_it()
        {
            Backend.Seeder.CreateTrailWithLogs();
            using var session = Backend.NewSession();
            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();
            FilterAll("arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn", "{\"severity\": [\"high\"]}");
            Backend.Handler.Clear();

            var test = Assert.Single(session.Run("Send-RootMonitoringTest @aws -Component SignInAlert").ThrowIfErrors().Output);
            // Filtered alike (no message attributes), so sending misleads nobody; the warning says nobody receives it.
            Assert.Equal(true, test.Properties["Sent"].Value);
            Assert.False((bool)test.Properties["Succeeded"].Value);
            Assert.Contains((string[])test.Properties["Warnings"].Value, w => w.Contains("filters the alert out") && w.Contains("security@example.com"));
            Assert.Single(Backend.Handler.Calls, c => c.Operation == "Publish");
        }

        [Fact]
        public void New_RootSignInAlert_warns_when_the_address_is_subscribed_but_filtered_and_leaves_the_policy_alone()
        {
            using var session = Backend.NewSession();
            const string run = "New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false";
            session.Run(run).ThrowIfErrors();
            const string topic = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn";
            FilterAll(topic, "{\"severity\": [\"high\"]}");
            Backend.Handler.Clear();

            var result = session.Run(run).ThrowIfErrors();
            Assert.Contains(result.Warnings, w => w.Message.Contains("security@example.com") && w.Message.Contains("never receive")
                                                  && w.Message.Contains("--attribute-name FilterPolicy"));
            Assert.DoesNotContain(Backend.Handler.Calls, c => c.Operation == "SetSubscriptionAttributes" || c.Operation == "Unsubscribe");
            var policy = Backend.Seeder.RunBoto3("""
sns = client("sns")
s = sns.list_subscriptions_by_topic(TopicArn=ARGS["topic"])["Subscriptions"][0]
print(sns.get_subscription_attributes(SubscriptionArn=s["SubscriptionArn"])["Attributes"].get("FilterPolicy"))
""", new { topic });
            Assert.Contains("severity", policy);
        }
    }
}
