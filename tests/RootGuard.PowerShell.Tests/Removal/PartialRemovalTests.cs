using System.Linq;
using System.Net;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Removal
{
    /// <summary>
    /// Remove-RootMonitoring stopped part-way: the error says, per resource, what was removed and what is still in place,
    /// and the order leaves no monitor that looks alive but alerts no one.
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
        public void A_denied_rule_deletion_leaves_a_disabled_rule_and_says_what_was_removed_and_what_is_left()
        {
            backend.Handler.On("events", "DeleteRule").Fail("AccessDeniedException", HttpStatusCode.BadRequest, "User is not authorized to perform events:DeleteRule");
            using var session = backend.NewSession();

            var error = session.Run("Remove-RootMonitoring @aws -Force").SingleError();

            var message = error.ErrorDetails.Message;
            Assert.Contains("Removed: EventBridge targets 'RootGuard-RootSignIn'", message);
            Assert.Contains("Changed, and not undone: EventBridge rule 'RootGuard-RootSignIn' (Disable EventBridge rule before removing it)", message);
            Assert.Contains("Still in place: EventBridge rule 'RootGuard-RootSignIn' (this step failed); CloudWatch alarm 'RootGuard-RootAccountUsage'", message);
            Assert.Contains("SNS topic 'arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn'", message);
            Assert.DoesNotContain("removed again", message);
            Assert.Contains("events:DeleteRule", error.ErrorDetails.RecommendedAction);

            // The rule that is left says it alerts no one: it is disabled, not an enabled rule without targets.
            var state = backend.Seeder.RunBoto3Json(ReadRule);
            Assert.True(state.GetProperty("exists").GetBoolean());
            Assert.Equal("DISABLED", state.GetProperty("state").GetString());
            Assert.Empty(state.GetProperty("targets").EnumerateArray());
            Assert.Contains("RootGuard-RootAccountUsage", Strings(state, "alarms"));
        }

        [Fact]
        public void A_denied_disable_changes_nothing_and_leaves_the_alert_working()
        {
            backend.Handler.On("events", "DisableRule").Fail("AccessDeniedException", HttpStatusCode.BadRequest, "not authorized");
            using var session = backend.NewSession();

            var error = session.Run("Remove-RootMonitoring @aws -Force").SingleError();

            Assert.Contains("Nothing had been changed before it.", error.ErrorDetails.Message);
            Assert.Contains("events:DisableRule", error.ErrorDetails.RecommendedAction);
            var state = backend.Seeder.RunBoto3Json(ReadRule);
            Assert.Equal("ENABLED", state.GetProperty("state").GetString());
            Assert.Equal(new[] { "RootGuard-SNS" }, Strings(state, "targets"));
        }

        [Fact]
        public void A_denied_topic_deletion_says_the_rule_alarm_and_filter_are_gone_and_the_topics_stay()
        {
            backend.Handler.On("sns", "DeleteTopic").Fail("AuthorizationError", HttpStatusCode.Forbidden, "not authorized").Times(1);
            using var session = backend.NewSession();

            var error = session.Run("Remove-RootMonitoring @aws -Force").SingleError();

            var message = error.ErrorDetails.Message;
            var removed = message.Substring(message.IndexOf("Removed: ", System.StringComparison.Ordinal));
            Assert.Contains("EventBridge rule 'RootGuard-RootSignIn'", removed);
            Assert.Contains("CloudWatch alarm 'RootGuard-RootAccountUsage'", removed);
            Assert.Contains("CloudWatch Logs metric filter 'trail-logs/RootAccountUsage'", removed);
            Assert.Contains("(this step failed)", message.Substring(message.IndexOf("Still in place: ", System.StringComparison.Ordinal)));
            Assert.DoesNotContain("removed again", message);

            var state = backend.Seeder.RunBoto3Json(ReadRule);
            Assert.False(state.GetProperty("exists").GetBoolean());
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "alarms"));
            Assert.Contains("RootGuard-RootSignIn", Strings(state, "topics"));
            Assert.Contains("RootGuard-RootAccountUsage", Strings(state, "topics"));
        }

        [Fact]
        public void The_AWS_message_and_RootGuards_sentences_are_separated()
        {
            backend.Handler.On("monitoring", "DeleteAlarms").Fail("AccessDenied", HttpStatusCode.Forbidden, "User is not authorized");
            using var session = backend.NewSession();

            var message = session.Run("Remove-RootMonitoring @aws -Force").SingleError().ErrorDetails.Message;

            Assert.Contains("AWS answered AccessDenied: User is not authorized. Removed: ", message);
        }

        private static string[] Strings(JsonElement state, string name) => state.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
