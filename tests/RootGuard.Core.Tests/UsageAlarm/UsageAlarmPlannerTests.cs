using System.Linq;
using System.Threading;
using RootGuard.Core.Planning;
using RootGuard.Core.Tests.Aws;
using RootGuard.Core.UsageAlarm;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.UsageAlarm
{
    /// <summary>The planner against moto: planning only reads, and every step names permissions from the one list.</summary>
    [Collection("moto")]
    public sealed class UsageAlarmPlannerTests
    {
        private readonly MotoServerFixture moto;
        private readonly MotoSeeder seeder;

        public UsageAlarmPlannerTests(MotoServerFixture moto)
        {
            this.moto = moto;
            moto.Reset();
            seeder = new MotoSeeder(moto.Endpoint);
        }

        private UsageAlarmPlan Plan(RecordingHandler handler, UsageAlarmSettings? settings = null, string? topicArn = null)
        {
            using var clients = TestClients.ForMoto(moto, handler);
            return new UsageAlarmPlanner(clients).PlanAsync(settings ?? new UsageAlarmSettings(),
                new UsageAlarmNotification { EmailAddresses = new[] { "security@example.com" }, TopicArn = topicArn }, CancellationToken.None).GetAwaiter().GetResult();
        }

        [Fact]
        public void Planning_a_fresh_account_only_reads_and_orders_topic_filter_alarm_then_subscription()
        {
            seeder.CreateTrailWithLogs();
            var handler = new RecordingHandler();

            var plan = Plan(handler);

            Assert.Empty(handler.MutatingCalls);
            Assert.Equal(new[] { "SNS topic", UsageAlarmPlanner.FilterResourceType, UsageAlarmPlanner.AlarmResourceType, "SNS e-mail subscription" },
                plan.Changes.Select(c => c.ResourceType));
            Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.Create, c.Action));
        }

        [Fact]
        public void Every_step_names_only_permissions_from_the_one_list()
        {
            seeder.CreateTrailWithLogs();
            var topicArn = seeder.CreateTopic("team");
            seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", "{ $.userIdentity.type = \"Root\" }", "Old", "Old");
            seeder.PutAlarm("RootGuard-RootAccountUsage", "Old", "Old", topicArn);

            var fresh = Plan(new RecordingHandler());
            var existing = Plan(new RecordingHandler(), topicArn: topicArn);

            var named = fresh.Changes.Concat(existing.Changes).SelectMany(c => c.Permissions).Distinct().ToList();
            Assert.NotEmpty(named);
            Assert.All(named, p => Assert.Contains(p, UsageAlarmPermissions.Actions));
            Assert.Contains(existing.Changes, c => c.ResourceType == UsageAlarmPlanner.FilterResourceType && c.Action == ChangeAction.Update);
            Assert.Contains(existing.Changes, c => c.ResourceType == UsageAlarmPlanner.AlarmResourceType && c.Action == ChangeAction.Update);
        }
    }
}
