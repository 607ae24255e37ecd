using System;
using System.Linq;
using System.Net;
using System.Threading;
using RootGuard.Core.Aws;
using RootGuard.Core.NotificationTopic;
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
            return new UsageAlarmPlanner(clients).PlanAsync(new UsageAlarmRequest(settings ?? new UsageAlarmSettings(),
                new UsageAlarmNotification { EmailAddresses = new[] { "security@example.com" }, TopicArn = topicArn }), CancellationToken.None).GetAwaiter().GetResult();
        }

        private void PlanAndApply(UsageAlarmSettings? settings = null)
        {
            using var clients = TestClients.ForMoto(moto, new RecordingHandler());
            var plan = new UsageAlarmPlanner(clients).PlanAsync(new UsageAlarmRequest(settings ?? new UsageAlarmSettings(),
                new UsageAlarmNotification { EmailAddresses = new[] { "security@example.com" } }), CancellationToken.None).GetAwaiter().GetResult();
            PlanExecutor.Execute(plan.Changes, _ => true, CancellationToken.None);
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
            var fresh = Plan(new RecordingHandler());
            seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", "{ $.userIdentity.type = \"Root\" }", "Old", "Old");
            seeder.PutAlarm("RootGuard-RootAccountUsage", "Old", "Old", topicArn);

            var existing = Plan(new RecordingHandler(), new UsageAlarmSettings { AdoptExisting = true }, topicArn: topicArn);

            var named = fresh.Changes.Concat(existing.Changes).SelectMany(c => c.Permissions).Distinct().ToList();
            Assert.NotEmpty(named);
            Assert.All(named, p => Assert.Contains(p, UsageAlarmPermissions.Actions));
            Assert.Contains(existing.Changes, c => c.ResourceType == UsageAlarmPlanner.FilterResourceType && c.Action == ChangeAction.Update);
            Assert.Contains(existing.Changes, c => c.ResourceType == UsageAlarmPlanner.AlarmResourceType && c.Action == ChangeAction.Update);
        }

        [Theory]
        [InlineData("filter")]
        [InlineData("alarm")]
        public void A_same_named_filter_or_alarm_RootGuard_did_not_make_is_refused_while_planning_with_no_mutating_call(string which)
        {
            seeder.CreateTrailWithLogs();
            var topicArn = seeder.CreateTopic("team");
            if (which == "filter") seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", "{ $.userIdentity.type = \"Root\" }", "Team", "Team");
            else seeder.PutAlarm("RootGuard-RootAccountUsage", "Team", "Team", topicArn);
            var handler = new RecordingHandler();

            var e = Assert.Throws<RootGuardException>(() => Plan(handler));

            Assert.Equal(which == "filter" ? ErrorIds.MetricFilterNotManaged : ErrorIds.AlarmNotManaged, e.ErrorId);
            Assert.Empty(handler.MutatingCalls);
        }

        [Fact]
        public void Two_alarms_on_different_namespaces_each_get_their_own_filter_and_the_first_is_not_repointed()
        {
            seeder.CreateTrailWithLogs();
            PlanAndApply();

            var second = Plan(new RecordingHandler(), new UsageAlarmSettings { AlarmName = "second", MetricNamespace = "Other" });

            Assert.Equal(ChangeAction.Create, second.Filter.Action);
            Assert.Equal("RootAccountUsage-Other", second.Filter.FilterName);
            Assert.Equal("Other", second.Filter.MetricNamespace);
            Assert.DoesNotContain(second.Changes, c => c.ResourceType == UsageAlarmPlanner.FilterResourceType && c.ResourceName.EndsWith(":RootAccountUsage") && c.IsMutating);
        }

        [Fact]
        public void A_second_alarm_naming_the_first_alarms_filter_is_refused_as_in_use()
        {
            seeder.CreateTrailWithLogs();
            PlanAndApply();
            var handler = new RecordingHandler();

            var e = Assert.Throws<RootGuardException>(() =>
                Plan(handler, new UsageAlarmSettings { AlarmName = "second", MetricNamespace = "Other", FilterName = "RootAccountUsage" }));

            Assert.Equal(ErrorIds.MetricFilterInUse, e.ErrorId);
            Assert.Contains("'RootGuard-RootAccountUsage'", e.Message);
            Assert.Empty(handler.MutatingCalls);
        }

        /// <summary>
        /// A plan given up part-way (a read failed, or trails kept from an earlier call were stale and it planned again)
        /// leaves no read behind: the planner's task ends only after every call it started has ended, and no call starts
        /// after it. The reads the plan no longer needs are held far longer than the test waits, so only cancelling them ends them.
        /// </summary>
        [Theory]
        [InlineData("the account read fails while the trails are read")]
        [InlineData("the alarm read fails while the filters and the topic are read")]
        [InlineData("the kept trails lead to a log group that is gone")]
        public void A_plan_given_up_part_way_leaves_no_call_in_flight(string situation)
        {
            seeder.CreateTrailWithLogs();
            var handler = new RecordingHandler();
            var connection = TestClients.Connection(MotoServerFixture.Region, moto.Endpoint).WithReadCache(new SessionReadCache());
            using var clients = new AwsClientFactory(connection, new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory() });
            var planner = new UsageAlarmPlanner(clients);
            var request = new UsageAlarmRequest(new UsageAlarmSettings(), new UsageAlarmNotification { EmailAddresses = new[] { "security@example.com" } });
            var held = TimeSpan.FromMinutes(2);
            string[] heldReads;
            switch (situation)
            {
                case "the account read fails while the trails are read":
                    handler.On("sts", "GetCallerIdentity").Fail("AccessDenied", HttpStatusCode.Forbidden);
                    handler.On("cloudtrail", "DescribeTrails").Delay(held);
                    heldReads = new[] { "DescribeTrails" };
                    break;
                case "the alarm read fails while the filters and the topic are read":
                    handler.On("monitoring", "DescribeAlarms").Fail("AccessDenied", HttpStatusCode.Forbidden);
                    handler.On("logs", "DescribeMetricFilters").Delay(held);
                    handler.On("sns", "GetTopicAttributes").Delay(held);
                    heldReads = new[] { "DescribeMetricFilters", "GetTopicAttributes" };
                    break;
                default:
                    // The session keeps the trails of a first plan; then the log group they deliver to goes.
                    planner.PlanAsync(request, CancellationToken.None).GetAwaiter().GetResult();
                    seeder.RunBoto3("""client("logs").delete_log_group(logGroupName="rootguard-cloudtrail")""");
                    handler.Clear();
                    handler.On("logs", "DescribeMetricFilters").Delay(held);
                    handler.On("monitoring", "DescribeAlarms").Delay(held);
                    heldReads = new[] { "DescribeMetricFilters", "DescribeAlarms" };
                    break;
            }

            var planning = planner.PlanAsync(request, CancellationToken.None);
            var failure = Record.Exception(() => planning.GetAwaiter().GetResult());

            // Checked before the clients are disposed, which would end any call still running.
            var inFlight = handler.InFlight;
            var seen = handler.Calls.Count;
            Thread.Sleep(300);
            Assert.Equal(0, inFlight);
            Assert.Equal(seen, handler.Calls.Count);
            Assert.All(heldReads, operation => Assert.Contains(handler.Calls, c => c.Operation == operation));
            // The failure reported is the one that gave the plan up, never the cancellation of the reads it made moot.
            Assert.NotNull(failure);
            Assert.IsNotAssignableFrom<OperationCanceledException>(failure);
            if (situation.StartsWith("the kept trails", StringComparison.Ordinal))
            {
                Assert.Equal(ErrorIds.LogGroupNotFound, Assert.IsType<RootGuardException>(failure).ErrorId);
                // Planned again from a fresh read of the trails, after the kept ones led to the missing log group.
                Assert.Single(handler.CallsTo("cloudtrail", "DescribeTrails"));
                Assert.Equal(2, handler.CallsTo("logs", "DescribeLogGroups").Count);
            }
        }
    }
}
