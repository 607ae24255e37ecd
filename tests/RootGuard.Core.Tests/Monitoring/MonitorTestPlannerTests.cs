using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Planning;
using RootGuard.Core.Tests.Aws;
using RootGuard.Core.UsageAlarm;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Monitoring
{
    /// <summary>
    /// Send-RootMonitoringTest's planner against moto: it reads the monitors itself, plans one send per monitor that can be
    /// tested, and sends nothing until its change is applied. (Pattern tests and pending subscriptions, which moto cannot
    /// show, are in the module tests.)
    /// </summary>
    [Collection("moto")]
    public sealed class MonitorTestPlannerTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);

        private readonly MotoServerFixture moto;
        private readonly RecordingHandler handler = new();
        private readonly AwsClientFactory factory;

        public MonitorTestPlannerTests(MotoServerFixture moto)
        {
            this.moto = moto;
            moto.Reset();
            factory = TestClients.ForMoto(moto, handler);
        }

        public void Dispose()
        {
            factory.Dispose();
            handler.Dispose();
        }

        private static MonitorTestSelection Select(string component)
        {
            var selection = new MonitorTestSelection();
            selection.Components.Add(component);
            return selection;
        }

        [Fact]
        public async Task An_unknown_component_is_refused_before_any_AWS_call()
        {
            var offline = TestClients.Offline();
            using var clients = TestClients.ForStubs(offline);

            var failure = await Assert.ThrowsAsync<RootGuardException>(() => new MonitorTestPlanner(clients).PlanAsync(Select("Alarms")));

            Assert.Equal(ErrorIds.UnknownComponent, failure.ErrorId);
            Assert.Equal(FailureKind.InvalidArgument, failure.Kind);
            Assert.Empty(offline.Calls);
        }

        [Fact]
        public async Task With_no_monitor_it_plans_no_send_and_says_where_it_looked()
        {
            var plan = await new MonitorTestPlanner(factory).PlanAsync(Select("UsageAlarm"));

            Assert.Empty(plan.Tests);
            Assert.Empty(plan.Changes);
            Assert.Equal(new[] { "us-east-1" }, plan.Regions);
            Assert.Equal("No RootGuard monitor (UsageAlarm) was found in us-east-1: run New-RootSignInAlert or New-RootUsageAlarm first.", Assert.Single(plan.Warnings));
        }

        [Fact]
        public async Task A_healthy_alarm_is_planned_as_one_send_that_only_applying_makes()
        {
            moto.Seeder.CreateTrailWithLogs();
            var alarm = await new UsageAlarmPlanner(factory).PlanAsync(new UsageAlarmRequest(new UsageAlarmSettings(),
                new UsageAlarmNotification { EmailAddresses = new[] { "security@example.com" } }));
            PlanExecutor.Execute(alarm.Changes, _ => true, CancellationToken.None);
            handler.Clear();

            var plan = await new MonitorTestPlanner(factory, () => Now).PlanAsync(Select("UsageAlarm"));

            var test = Assert.Single(plan.Tests);
            Assert.True(test.CanSend, string.Join(" ", plan.Warnings));
            Assert.Empty(plan.Warnings);
            var send = Assert.Single(plan.Changes);
            Assert.Same(test.Change, send);
            Assert.Equal(("CloudWatch alarm", "RootGuard-RootAccountUsage", "Set the alarm to ALARM as a test"), (send.ResourceType, send.ResourceName, send.Description));
            Assert.Equal(new[] { "cloudwatch:SetAlarmState" }, send.Permissions);
            Assert.Empty(handler.MutatingCalls);
            Assert.False(test.Sent);

            PlanExecutor.Execute(plan.Changes, _ => true, CancellationToken.None);

            Assert.True(test.Sent);
            Assert.Null(test.MessageId);
            var set = Assert.Single(handler.CallsTo("monitoring", "SetAlarmState"));
            Assert.Equal(("ALARM", TestMessages.AlarmReason(Now)), (set.FormParameters["StateValue"], set.FormParameters["StateReason"]));
        }
    }
}
