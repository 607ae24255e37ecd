using System;
using System.Linq;
using System.Net;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Removal
{
    /// <summary>
    /// Remove-RootMonitoring past a resource it cannot remove: each failure is an error, the independent steps go on, a
    /// closing warning says per resource what was removed and what is still in place, and the order leaves no monitor
    /// that looks alive but alerts no one.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class PartialRemovalTests
    {
        private const string ReadRule = """
ev = client("events")
rules = [r for r in ev.list_rules()["Rules"] if r["Name"] == "RootGuard-RootSignIn"]
out({"exists": bool(rules), "state": rules[0]["State"] if rules else None,
     "targets": [t["Id"] for t in ev.list_targets_by_rule(Rule="RootGuard-RootSignIn")["Targets"]] if rules else [],
     "alarms": [a["AlarmName"] for a in client("cloudwatch").describe_alarms()["MetricAlarms"]],
     "topics": sorted(t["TopicArn"].split(":")[-1] for t in client("sns").list_topics()["Topics"])})
""";

        private readonly ModuleBackend backend;

        public PartialRemovalTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
            backend.Seeder.RunBoto3(RemoveRootMonitoringTests.SeedAccount);
        }

        [Fact]
        public void A_denied_rule_deletion_leaves_a_disabled_rule_and_the_warning_says_what_was_removed_and_what_is_left()
        {
            backend.Handler.On("events", "DeleteRule").Fail("AccessDeniedException", HttpStatusCode.BadRequest, "User is not authorized to perform events:DeleteRule");
            using var session = backend.NewSession();

            var result = session.Run("Remove-RootMonitoring @aws -Force");

            var error = result.SingleError();
            Assert.Contains("Step 'Delete EventBridge rule' on EventBridge rule 'RootGuard-RootSignIn' failed", error.ErrorDetails.Message);
            Assert.Contains("events:DeleteRule", error.ErrorDetails.RecommendedAction);
            var summary = Assert.Single(result.Warnings, w => w.Message.StartsWith("Not everything was removed.", StringComparison.Ordinal)).Message;
            Assert.Contains("Removed: EventBridge targets 'RootGuard-RootSignIn'", summary);
            Assert.Contains("CloudWatch alarm 'RootGuard-RootAccountUsage'", Section(summary, "Removed: "));
            Assert.Contains("Changed: EventBridge rule 'RootGuard-RootSignIn' (Disable EventBridge rule before removing it)", summary);
            var left = Section(summary, "Still in place: ");
            Assert.Contains("EventBridge rule 'RootGuard-RootSignIn' (failed)", left);
            Assert.Contains("SNS topic 'arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn' (Delete SNS topic and its subscriptions) (skipped", left);
            Assert.DoesNotContain("removed again", summary + error.ErrorDetails.Message);

            // What is left says it alerts no one: a disabled rule, not an enabled rule without targets; the topic it sent to stays.
            var state = backend.Seeder.RunBoto3Json(ReadRule);
            Assert.True(state.GetProperty("exists").GetBoolean());
            Assert.Equal("DISABLED", state.GetProperty("state").GetString());
            Assert.Empty(state.GetProperty("targets").EnumerateArray());
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "alarms"));
            Assert.Contains("RootGuard-RootSignIn", Strings(state, "topics"));
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "topics"));
        }

        [Fact]
        public void A_denied_disable_leaves_the_sign_in_alert_working_and_removes_the_independent_usage_alarm()
        {
            backend.Handler.On("events", "DisableRule").Fail("AccessDeniedException", HttpStatusCode.BadRequest, "not authorized");
            using var session = backend.NewSession();

            var result = session.Run("Remove-RootMonitoring @aws -Force");

            Assert.Contains("events:DisableRule", result.SingleError().ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.CallsTo("events", "RemoveTargets"));
            var state = backend.Seeder.RunBoto3Json(ReadRule);
            Assert.Equal("ENABLED", state.GetProperty("state").GetString());
            Assert.Equal(new[] { "RootGuard-SNS" }, Strings(state, "targets"));
            Assert.Contains("RootGuard-RootSignIn", Strings(state, "topics"));
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "alarms"));
        }

        [Fact]
        public void A_denied_topic_deletion_says_the_rule_alarm_and_filter_are_gone_and_which_topic_stays()
        {
            backend.Handler.On("sns", "DeleteTopic").Fail("AuthorizationError", HttpStatusCode.Forbidden, "not authorized").Times(1);
            using var session = backend.NewSession();

            var result = session.Run("Remove-RootMonitoring @aws -Force");

            var failedTopic = result.SingleError().TargetObject?.ToString();
            var summary = Assert.Single(result.Warnings, w => w.Message.StartsWith("Not everything was removed.", StringComparison.Ordinal)).Message;
            var removed = Section(summary, "Removed: ");
            Assert.Contains("EventBridge rule 'RootGuard-RootSignIn'", removed);
            Assert.Contains("CloudWatch alarm 'RootGuard-RootAccountUsage'", removed);
            Assert.Contains("CloudWatch Logs metric filter 'trail-logs/RootAccountUsage'", removed);
            Assert.Contains("(failed)", Section(summary, "Still in place: "));
            Assert.Single(Section(summary, "Still in place: ").Split("; "));

            var state = backend.Seeder.RunBoto3Json(ReadRule);
            Assert.False(state.GetProperty("exists").GetBoolean());
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "alarms"));
            Assert.Single(Strings(state, "topics"), t => t.StartsWith("RootGuard-", StringComparison.Ordinal));
        }

        [Fact]
        public void The_AWS_message_and_RootGuards_sentences_are_separated()
        {
            backend.Handler.On("monitoring", "DeleteAlarms").Fail("AccessDenied", HttpStatusCode.Forbidden, "User is not authorized");
            using var session = backend.NewSession();

            var message = session.Run("Remove-RootMonitoring @aws -Force").SingleError().ErrorDetails.Message;

            Assert.EndsWith("AWS answered AccessDenied: User is not authorized. The steps that need it were skipped; the others went on.", message);
        }

        // The list after a heading of the summary, up to the next sentence.
        private static string Section(string summary, string heading)
        {
            var start = summary.IndexOf(heading, StringComparison.Ordinal);
            Assert.True(start >= 0, $"No '{heading}' in: {summary}");
            var rest = summary.Substring(start + heading.Length);
            var end = rest.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? rest.TrimEnd('.') : rest.Substring(0, end);
        }

        private static string[] Strings(JsonElement state, string name) => state.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
