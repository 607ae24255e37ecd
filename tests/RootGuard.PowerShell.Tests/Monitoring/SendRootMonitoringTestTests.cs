using System.Linq;
using System.Net;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Monitoring
{
    /// <summary>
    /// Send-RootMonitoringTest where moto cannot answer as AWS does: EventBridge's TestEventPattern (moto answers without a
    /// Result), pending subscriptions (moto confirms every one at once) and a denied Publish, injected through the
    /// recording handler. The behaviour moto can show is pinned in tests/Pester/SendRootMonitoringTest.Tests.ps1.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class SendRootMonitoringTestTests
    {
        private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn";
        private readonly ModuleBackend backend;

        public SendRootMonitoringTestTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        /// <summary>Both monitors on one topic, as README's example makes them; then the recorded calls are cleared.</summary>
        private PowerShellSession DeployBoth()
        {
            backend.Seeder.CreateTrailWithLogs();
            var session = backend.NewSession();
            session.Run("$alert = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue; " +
                        "$null = $alert | New-RootUsageAlarm @aws -Confirm:$false -WarningAction SilentlyContinue").ThrowIfErrors();
            backend.Handler.Clear();
            return session;
        }

        // EventBridge's documented answer (API_TestEventPattern): {"Result": boolean}.
        private static StubResponse EventBridgeAnswers(bool result) => StubResponse.Json(result ? "{\"Result\":true}" : "{\"Result\":false}");

        private static string Text(ScriptResult result, string component, string property) =>
            string.Join("\n", result.Output.Where(o => (string)o.Properties["Component"].Value == component)
                .SelectMany(o => o.Properties[property].Value is string[] list ? list : new[] { o.Properties[property].Value?.ToString() ?? string.Empty }));

        [Fact]
        public void EventBridge_judges_the_live_pattern_with_a_successful_and_a_failed_root_sign_in_in_this_account()
        {
            using var session = DeployBoth();
            backend.Handler.Stub("events", "TestEventPattern", EventBridgeAnswers(true));

            var result = session.Run("Send-RootMonitoringTest -Component SignInAlert @aws").ThrowIfErrors();

            Assert.Equal(true, result.Property("Succeeded"));
            Assert.All((string[])result.Property("PatternTests")!, p => Assert.EndsWith("(EventBridge TestEventPattern)", p));
            var calls = backend.Handler.CallsTo("events", "TestEventPattern");
            Assert.Equal(2, calls.Count);
            foreach (var call in calls) Assert.Empty(ServiceModelContract.Check(call));
            var events = calls.Select(c => JsonDocument.Parse(JsonDocument.Parse(c.RequestBody).RootElement.GetProperty("Event").GetString()!).RootElement).ToList();
            Assert.All(events, e => Assert.Equal("123456789012", e.GetProperty("account").GetString()));
            Assert.Equal(new[] { "Success", "Failure" }, events.Select(e => e.GetProperty("detail").GetProperty("responseElements").GetProperty("ConsoleLogin").GetString()));
            // The pattern tested is the rule's own, as EventBridge holds it.
            var pattern = JsonDocument.Parse(calls[0].RequestBody).RootElement.GetProperty("EventPattern").GetString()!;
            Assert.Contains("AWS Console Sign In via CloudTrail", pattern);
            Assert.Single(backend.Handler.CallsTo("sns", "Publish"));
        }

        [Fact]
        public void When_EventBridge_says_the_pattern_misses_a_successful_root_sign_in_nothing_is_published_and_it_warns()
        {
            using var session = DeployBoth();
            // RootGuard's own matcher would say it matches: EventBridge's word decides.
            backend.Handler.Stub("events", "TestEventPattern", EventBridgeAnswers(false));

            var result = session.Run("Send-RootMonitoringTest -Component SignInAlert @aws").ThrowIfErrors();

            Assert.Equal(false, result.Property("Sent"));
            Assert.Equal(false, result.Property("Succeeded"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("RootGuard-RootSignIn's pattern does not match a successful root sign-in with MFA (EventBridge TestEventPattern)"));
            Assert.Empty(backend.Handler.CallsTo("sns", "Publish"));
        }

        [Fact]
        public void A_pattern_that_misses_failed_sign_ins_is_sent_with_a_warning()
        {
            using var session = DeployBoth();
            backend.Handler.Stub("events", "TestEventPattern", call => EventBridgeAnswers(!call.RequestBody.Contains("Failed authentication")));

            var result = session.Run("Send-RootMonitoringTest -Component SignInAlert @aws").ThrowIfErrors();

            Assert.Equal(true, result.Property("Sent"));
            Assert.Equal(false, result.Property("Succeeded"));
            Assert.Contains("failed root sign-in attempts alert nobody", Text(result, "SignInAlert", "Warnings"));
        }

        [Fact]
        public void A_subscription_awaiting_confirmation_is_counted_as_pending_and_nobody_is_said_to_receive_the_alert()
        {
            using var session = DeployBoth();
            backend.Handler.Stub("sns", "ListSubscriptionsByTopic", RootFactStubs.SubscriptionsByTopic(TopicArn, StubSubscription.PendingEmail("security@example.com")));

            var monitors = session.Run("Get-RootMonitoring @aws").ThrowIfErrors();
            var result = session.Run("Send-RootMonitoringTest @aws").ThrowIfErrors();

            Assert.All(monitors.Output, m => Assert.Equal(false, m.Properties["Healthy"].Value));
            Assert.Contains("has no confirmed subscription (1 pending confirmation), so nobody receives the alert. Fix: Confirm the pending subscription from its inbox",
                Text(monitors, "SignInAlert", "Problems"));
            Assert.All(result.Output, r =>
            {
                Assert.Equal(0, r.Properties["ConfirmedSubscriptions"].Value);
                Assert.Equal(1, r.Properties["PendingSubscriptions"].Value);
                Assert.Equal(false, r.Properties["Succeeded"].Value);
            });
        }

        [Fact]
        public void WhatIf_reads_and_tests_the_pattern_but_makes_no_mutating_call()
        {
            using var session = DeployBoth();
            backend.Handler.Stub("events", "TestEventPattern", EventBridgeAnswers(true));

            var result = session.Run("Send-RootMonitoringTest @aws -WhatIf").ThrowIfErrors();

            Assert.Empty(result.Output);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(2, backend.Handler.CallsTo("events", "TestEventPattern").Count);
            Assert.Contains(session.HostLines, l => l.Contains("What if: Performing the operation \"Publish a test root sign-in alert\" on target \"" + TopicArn + "\""));
            Assert.Contains(session.HostLines, l => l.Contains("What if: Performing the operation \"Set the alarm to ALARM as a test\" on target \"RootGuard-RootAccountUsage\""));
        }

        [Fact]
        public void A_denied_Publish_is_an_error_naming_sns_Publish_and_the_alarm_is_still_tested()
        {
            using var session = DeployBoth();
            backend.Handler.On("sns", "Publish").Fail("AuthorizationError", HttpStatusCode.Forbidden, "not authorized to perform: SNS:Publish");

            var result = session.Run("Send-RootMonitoringTest @aws");

            var error = result.SingleError();
            // SNS's code for a denied call; the id carries it.
            Assert.Equal("RootGuard.AuthorizationError", ScriptResult.ErrorIdOf(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("sns:Publish", error.ErrorDetails.RecommendedAction);
            var usage = Assert.Single(result.Output);
            Assert.Equal("UsageAlarm", usage.Properties["Component"].Value);
            Assert.Equal(true, usage.Properties["Sent"].Value);
            Assert.Single(backend.Handler.CallsTo("monitoring", "SetAlarmState"));
        }

        /// <summary>The actions of a command's policy in docs/iam-policies.md (generated from Core's permission lists).</summary>
        private static string[] DocumentedActions(string command)
        {
            var dir = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
            while (dir != null && !System.IO.File.Exists(System.IO.Path.Combine(dir.FullName, "RootGuard.PowerShell.sln"))) dir = dir.Parent;
            var page = System.IO.File.ReadAllText(System.IO.Path.Combine(dir!.FullName, "docs", "iam-policies.md"));
            var section = page.Substring(page.IndexOf("\n## " + command + "\n", System.StringComparison.Ordinal));
            var start = section.IndexOf("```json\n", System.StringComparison.Ordinal) + 8;
            var json = JsonDocument.Parse(section.Substring(start, section.IndexOf("```", start, System.StringComparison.Ordinal) - start)).RootElement;
            return json.GetProperty("Statement")[0].GetProperty("Action").EnumerateArray().Select(a => a.GetString()!).ToArray();
        }

        [Theory]
        [InlineData("Get-RootMonitoring", "Get-RootMonitoring @aws")]
        [InlineData("Send-RootMonitoringTest", "Send-RootMonitoringTest @aws")]
        public void Every_call_is_allowed_by_the_commands_documented_IAM_policy(string command, string script)
        {
            using var session = DeployBoth();
            backend.Handler.Stub("events", "TestEventPattern", EventBridgeAnswers(true));

            session.Run(script).ThrowIfErrors();

            var allowed = DocumentedActions(command);
            // IAM names CloudWatch's actions cloudwatch:*, though its signing name is monitoring; GetCallerIdentity needs no permission.
            var used = backend.Handler.Calls.Where(c => c.Service != "sts")
                .Select(c => (c.Service == "monitoring" ? "cloudwatch" : c.Service) + ":" + c.Operation).Distinct().ToList();
            Assert.NotEmpty(used);
            Assert.All(used, action => Assert.Contains(action, allowed));
        }

        [Fact]
        public void The_test_alert_of_a_Chatbot_rule_stays_Chatbot_JSON_with_the_test_in_its_title()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run("$null = New-RootSignInAlert -EmailAddress security@example.com -MessageFormat Chatbot @aws -Confirm:$false -WarningAction SilentlyContinue").ThrowIfErrors();
            backend.Handler.Clear();

            var result = session.Run("Send-RootMonitoringTest -Component SignInAlert @aws").ThrowIfErrors();

            var publish = Assert.Single(backend.Handler.CallsTo("sns", "Publish"));
            var message = JsonDocument.Parse(publish.FormParameters["Message"]).RootElement;
            Assert.Equal("[TEST from RootGuard] :rotating_light: AWS root user console sign-in: Success (account 123456789012)",
                message.GetProperty("content").GetProperty("title").GetString());
            Assert.Equal(result.Property("Message"), publish.FormParameters["Message"]);
        }
    }
}
