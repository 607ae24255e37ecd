using System;
using System.Linq;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Removal
{
    /// <summary>
    /// E-mail subscriptions RootGuard adds to a topic it did not create: recorded on the rule or alarm that uses the topic,
    /// listed by Get-RootMonitoring, and removed by Remove-RootMonitoring, exactly those and never one it did not add.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class ForeignTopicSubscriptionTests
    {
        private readonly ModuleBackend backend;

        public ForeignTopicSubscriptionTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        private string[] Endpoints(string topicArn) => backend.Seeder.RunBoto3Json("""
out(sorted(s["Endpoint"] for s in client("sns").list_subscriptions_by_topic(TopicArn=ARGS["arn"])["Subscriptions"]))
""", new { arn = topicArn }).EnumerateArray().Select(e => e.GetString()!).ToArray();

        private string SetUp(PowerShellSession session)
        {
            backend.Seeder.CreateTrailWithLogs();
            var topicArn = backend.Seeder.CreateTopicWithSubscriptions("team-alerts", ("email", "team@example.com"));
            session.SetVariable("topicArn", topicArn);
            // team@example.com was subscribed by the team, before RootGuard: RootGuard keeps it and never records it.
            session.Run("New-RootSignInAlert @aws -TopicArn $topicArn -EmailAddress signin@example.com, team@example.com -Confirm:$false").ThrowIfErrors();
            session.Run("New-RootUsageAlarm @aws -TopicArn $topicArn -EmailAddress usage@example.com -Confirm:$false").ThrowIfErrors();
            Assert.Equal(new[] { "signin@example.com", "team@example.com", "usage@example.com" }, Endpoints(topicArn));
            return topicArn;
        }

        [Fact]
        public void Get_RootMonitoring_lists_the_subscriptions_RootGuard_added_to_a_topic_it_did_not_create_and_no_other()
        {
            using var session = backend.NewSession();
            var topicArn = SetUp(session);

            var listed = session.Run("Get-RootMonitoring -Resource @aws").ThrowIfErrors().Output
                .Where(o => (string)o.Properties["ResourceType"].Value == "SNS e-mail subscription")
                .Select(o => $"{o.Properties["Component"].Value}|{o.Properties["Name"].Value}")
                .OrderBy(s => s, System.StringComparer.Ordinal).ToArray();

            Assert.Equal(new[] { "SignInAlert|signin@example.com", "UsageAlarm|usage@example.com" }, listed);
        }

        [Fact]
        public void Remove_RootMonitoring_removes_exactly_the_subscriptions_each_monitor_added()
        {
            using var session = backend.NewSession();
            var topicArn = SetUp(session);

            session.Run("Remove-RootMonitoring @aws -Component SignInAlert -Force").ThrowIfErrors();
            Assert.Equal(new[] { "team@example.com", "usage@example.com" }, Endpoints(topicArn));

            session.Run("Remove-RootMonitoring @aws -Force").ThrowIfErrors();
            Assert.Equal(new[] { "team@example.com" }, Endpoints(topicArn));
            var remaining = session.Run("Get-RootMonitoring -Resource @aws").ThrowIfErrors().Output;
            Assert.Empty(remaining);
        }

        [Fact]
        public void Piping_one_monitor_to_Remove_RootMonitoring_removes_only_its_subscriptions()
        {
            using var session = backend.NewSession();
            var topicArn = SetUp(session);

            session.Run("[pscustomobject]@{ AlarmName = 'RootGuard-RootAccountUsage' } | Remove-RootMonitoring @aws -Force").ThrowIfErrors();

            Assert.Equal(new[] { "signin@example.com", "team@example.com" }, Endpoints(topicArn));
        }

        [Theory]
        [InlineData("UsageAlarm", "monitoring", "DeleteAlarms", "AccessDenied", "usage@example.com")]
        [InlineData("SignInAlert", "events", "DeleteRule", "AccessDeniedException", "signin@example.com")]
        public void A_monitor_that_cannot_be_deleted_keeps_the_subscriptions_it_added_and_their_record(string component, string service, string operation,
            string errorCode, string address)
        {
            using var session = backend.NewSession();
            var topicArn = SetUp(session);
            backend.Handler.On(service, operation).Fail(errorCode, HttpStatusCode.BadRequest, $"User is not authorized to perform {operation}");

            var result = session.Run($"Remove-RootMonitoring @aws -Component {component} -Force");

            Assert.Contains(operation, result.SingleError().ErrorDetails.Message);
            var summary = Assert.Single(result.Warnings, w => w.Message.StartsWith("Not everything was removed.", StringComparison.Ordinal)).Message;
            Assert.Contains($"SNS e-mail subscription '{address}'", summary[summary.IndexOf("Still in place: ", StringComparison.Ordinal)..]);
            // The people on the topic are still told, and the monitor still records them: a later removal takes them away.
            Assert.Equal(new[] { "signin@example.com", "team@example.com", "usage@example.com" }, Endpoints(topicArn));
            Assert.Contains(session.Run("Get-RootMonitoring -Resource @aws").ThrowIfErrors().Output,
                o => (string)o.Properties["ResourceType"].Value == "SNS e-mail subscription" && (string)o.Properties["Name"].Value == address);

            backend.Handler.ClearFaults();
            session.Run($"Remove-RootMonitoring @aws -Component {component} -Force").ThrowIfErrors();
            Assert.DoesNotContain(address, Endpoints(topicArn));
        }
    }
}
