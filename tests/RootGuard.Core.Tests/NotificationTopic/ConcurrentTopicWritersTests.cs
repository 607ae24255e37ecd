using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Planning;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.Tests.Aws;
using RootGuard.Core.UsageAlarm;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.NotificationTopic
{
    /// <summary>
    /// Three RootGuard calls at once on one topic RootGuard did not create, against moto: two sign-in alerts and a usage
    /// alarm, each adding its own statement to the topic policy. SetTopicAttributes replaces the whole policy, so
    /// without a check a later write erases the statements of the writes before it.
    /// </summary>
    [Collection("moto")]
    public sealed class ConcurrentTopicWritersTests
    {
        private readonly MotoServerFixture moto;
        private readonly MotoSeeder seeder;

        public ConcurrentTopicWritersTests(MotoServerFixture moto)
        {
            this.moto = moto;
            moto.Reset();
            seeder = new MotoSeeder(moto.Endpoint);
        }

        [Fact]
        public void Three_calls_at_once_on_one_topic_all_end_with_their_statement_in_the_policy()
        {
            seeder.CreateTrailWithLogs();
            var topicArn = seeder.CreateTopic("team-alerts");
            var handler = new RecordingHandler();
            using var clients = TestClients.ForMoto(moto, handler);
            const string region = MotoServerFixture.Region;

            // Each call plans (reads the policy), then the three apply at the same moment.
            var plans = new List<(string Sid, IReadOnlyList<PlannedChange> Changes)>();
            foreach (var name in new[] { "alert-a", "alert-b" })
            {
                var request = new SignInAlertRequest(region, MotoServerFixture.AccountId) { Name = name, TopicArn = topicArn };
                var plan = new SignInRulePlanner(clients.CreateEventBridge(region), clients.CreateSns(region), clients.CreateKms(region)).PlanAsync(request).GetAwaiter().GetResult();
                plans.Add((SignInAlertNames.StatementSid(name), plan.Changes));
            }

            var usage = new UsageAlarmPlanner(clients).PlanAsync(new UsageAlarmRequest(new UsageAlarmSettings(), new UsageAlarmNotification { TopicArn = topicArn }),
                CancellationToken.None).GetAwaiter().GetResult();
            plans.Add((UsageAlarmPlanner.StatementSid(RootGuard.Core.MonitorDefinitions.RootMonitorDefinitions.DefaultAlarmName), usage.Changes));

            // Every write is held long enough that all three have read the policy before any write lands: the race, every time.
            handler.On("sns", "SetTopicAttributes").Delay(TimeSpan.FromMilliseconds(400)).Times(3);
            using var start = new Barrier(plans.Count);
            var outcomes = Task.WhenAll(plans.Select(p => Task.Run(() =>
            {
                start.SignalAndWait();
                try
                {
                    PlanExecutor.Execute(p.Changes, _ => true, CancellationToken.None);
                    return (Exception?)null;
                }
                catch (RootGuardException e)
                {
                    return e;
                }
            }))).GetAwaiter().GetResult();

            var sids = StatementIds(topicArn);
            for (var i = 0; i < plans.Count; i++)
            {
                // Success means the statement is there; the only acceptable failure says the statement could not be kept.
                if (outcomes[i] is RootGuardException failure)
                {
                    Assert.Equal(ErrorIds.TopicPolicyConflict, failure.ErrorId);
                }
                else
                {
                    Assert.Contains(plans[i].Sid, sids);
                }
            }

            Assert.All(outcomes, Assert.Null);
            Assert.True(handler.CallsTo("sns", "SetTopicAttributes").Count > 3, "the three writes raced, so at least one statement had to be applied again");
        }

        private string[] StatementIds(string topicArn)
        {
            var policy = seeder.RunBoto3Json("""out(client("sns").get_topic_attributes(TopicArn=ARGS["arn"])["Attributes"]["Policy"])""", new { arn = topicArn })
                .GetString()!;
            using var document = JsonDocument.Parse(policy);
            return document.RootElement.GetProperty("Statement").EnumerateArray()
                .Select(s => s.TryGetProperty("Sid", out var sid) ? sid.GetString()! : string.Empty).ToArray();
        }
    }
}
