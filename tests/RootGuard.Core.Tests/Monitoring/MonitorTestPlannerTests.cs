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


        private async Task MakeAlarmAsync()
        {
            moto.Seeder.CreateTrailWithLogs();
            var alarm = await new UsageAlarmPlanner(factory).PlanAsync(new UsageAlarmRequest(new UsageAlarmSettings(),
                new UsageAlarmNotification { EmailAddresses = new[] { "security@example.com" } }));
            PlanExecutor.Execute(alarm.Changes, _ => true, CancellationToken.None);
            handler.Clear();
        }

        // AWS's ListAlarmMuteRules answer (moto has none; see MOTO-NOTES.md).
        private void StubMuteRule(string status) =>
            handler.Stub("monitoring", "ListAlarmMuteRules", StubResponse.QueryResult("monitoring", "ListAlarmMuteRules",
                "<AlarmMuteRuleSummaries><member><AlarmMuteRuleArn>arn:aws:cloudwatch:us-east-1:123456789012:alarm-mute-rule:quiet</AlarmMuteRuleArn>"
                + $"<ExpireDate>2026-12-31T00:00:00Z</ExpireDate><Status>{status}</Status><MuteType>ONE_TIME</MuteType></member></AlarmMuteRuleSummaries>"));

        [Fact]
        public async Task A_muted_alarm_is_not_set_to_ALARM_and_the_plan_says_nobody_would_receive_the_test()
        {
            await MakeAlarmAsync();
            StubMuteRule("ACTIVE");

            var plan = await new MonitorTestPlanner(factory, () => Now).PlanAsync(Select("UsageAlarm"));

            var test = Assert.Single(plan.Tests);
            Assert.False(test.CanSend);
            Assert.Empty(plan.Changes);
            Assert.Contains(plan.Warnings, w => w.Contains("ALARM_ACTIONS_MUTED") || w.Contains("is muted by alarm mute rule(s) quiet"));
            Assert.Contains(plan.Warnings, w => w.Contains("Nobody would receive the test: an alarm mute rule mutes CloudWatch alarm RootGuard-RootAccountUsage's actions"));
        }

        [Fact]
        public async Task An_alarm_whose_mute_rule_is_only_scheduled_is_still_tested_with_a_warning()
        {
            await MakeAlarmAsync();
            StubMuteRule("SCHEDULED");

            var plan = await new MonitorTestPlanner(factory, () => Now).PlanAsync(Select("UsageAlarm"));

            var test = Assert.Single(plan.Tests);
            Assert.True(test.CanSend, string.Join(" ", plan.Warnings));
            Assert.Contains(plan.Warnings, w => w.Contains("will mute alarm RootGuard-RootAccountUsage at times"));
        }
    }
}
