using System.Linq;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.UsageAlarm
{
    /// <summary>
    /// New-RootUsageAlarm never changes what RootGuard did not make: a user's filter or alarm that merely has RootGuard's
    /// default name stays as it was, unless -AdoptExisting hands it over; two RootGuard alarms never share a filter.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class NewRootUsageAlarmOwnershipTests
    {
        private const string Run = "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false";
        private const string UserPattern = "{ $.userIdentity.type = \"Root\" && $.eventName = \"ConsoleLogin\" }";
        private readonly ModuleBackend backend;

        public NewRootUsageAlarmOwnershipTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void A_users_filter_with_RootGuards_default_name_is_left_byte_for_byte_unchanged_and_the_call_stops_with_the_way_out()
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", UserPattern, "ConsoleLogins", "Team");
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.Clear();
            using var session = backend.NewSession();

            var error = session.Run(Run).SingleError();

            Assert.Equal("RootGuard.MetricFilterNotManaged", ScriptResult.ErrorIdOf(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("'RootAccountUsage'", error.ErrorDetails.Message);
            Assert.Contains("rootguard-cloudtrail", error.ErrorDetails.Message);
            Assert.Contains("-FilterName", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-AdoptExisting", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
        }

        [Fact]
        public void A_users_alarm_with_RootGuards_default_name_is_left_byte_for_byte_unchanged_and_the_call_stops_with_the_way_out()
        {
            backend.Seeder.CreateTrailWithLogs();
            var topicArn = backend.Seeder.CreateTopic("ops");
            backend.Seeder.PutAlarm("RootGuard-RootAccountUsage", "Other", "Other", topicArn);
            var alarmBefore = UsageAlarmScenario.Alarm(backend).GetRawText();
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.Clear();
            using var session = backend.NewSession();

            var error = session.Run(Run).SingleError();

            Assert.Equal("RootGuard.AlarmNotManaged", ScriptResult.ErrorIdOf(error));
            Assert.Contains("'RootGuard-RootAccountUsage'", error.ErrorDetails.Message);
            Assert.Contains("-AlarmName", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-AdoptExisting", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
            Assert.Equal(alarmBefore, UsageAlarmScenario.Alarm(backend).GetRawText());
        }

        [Fact]
        public void Another_FilterName_leaves_the_users_filter_alone_and_makes_RootGuards_own_beside_it()
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", UserPattern, "ConsoleLogins", "Team");
            using var session = backend.NewSession();

            var result = session.Run(Run + " -FilterName RootGuard-RootAccountUsage").ThrowIfErrors();

            Assert.Equal("RootGuard-RootAccountUsage", result.Property("FilterName"));
            var filters = UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray().ToList();
            var users = filters.Single(f => f.GetProperty("filterName").GetString() == "RootAccountUsage");
            Assert.Equal(UserPattern, users.GetProperty("filterPattern").GetString());
            Assert.Equal("Team", users.GetProperty("metricTransformations")[0].GetProperty("metricNamespace").GetString());
        }

        [Fact]
        public void AdoptExisting_takes_over_the_users_filter_and_alarm_and_Remove_RootMonitoring_then_deletes_them()
        {
            backend.Seeder.CreateTrailWithLogs();
            var topicArn = backend.Seeder.CreateTopic("ops");
            backend.Seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", UserPattern, "ConsoleLogins", "Team");
            backend.Seeder.PutAlarm("RootGuard-RootAccountUsage", "Other", "Other", topicArn);
            using var session = backend.NewSession();

            var result = session.Run(Run + " -AdoptExisting").ThrowIfErrors();

            Assert.Equal(false, result.Property("FilterReused"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("-AdoptExisting") && w.Message.Contains("RootGuard-RootAccountUsage"));
            using (var put = JsonDocument.Parse(Assert.Single(backend.Handler.CallsTo("logs", "PutMetricFilter")).RequestBody))
            {
                Assert.Equal("RootAccountUsage", put.RootElement.GetProperty("filterName").GetString());
                Assert.Equal(UsageAlarmScenario.CisPattern, put.RootElement.GetProperty("filterPattern").GetString());
            }

            var alarm = UsageAlarmScenario.Alarm(backend);
            Assert.Equal("RootAccountUsageCount", alarm.GetProperty("MetricName").GetString());
            Assert.Equal("RootGuard", alarm.GetProperty("Tags").GetProperty("ManagedBy").GetString());
            Assert.Equal("rootguard-cloudtrail:RootAccountUsage", alarm.GetProperty("Tags").GetProperty("RootGuard:MetricFilter").GetString());

            backend.Handler.Clear();
            session.Run("Remove-RootMonitoring @aws -Component UsageAlarm -Force").ThrowIfErrors();

            Assert.Equal(JsonValueKind.Null, UsageAlarmScenario.Alarm(backend).ValueKind);
            using var delete = JsonDocument.Parse(Assert.Single(backend.Handler.CallsTo("logs", "DeleteMetricFilter")).RequestBody);
            Assert.Equal("RootAccountUsage", delete.RootElement.GetProperty("filterName").GetString());
        }

        [Fact]
        public void AdoptExisting_claims_a_users_filter_that_is_already_as_wanted_without_changing_it()
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", UsageAlarmScenario.CisPattern, "RootAccountUsageCount", "CloudTrailMetrics");
            using var session = backend.NewSession();

            var plain = session.Run(Run).ThrowIfErrors();
            Assert.Equal(true, plain.Property("FilterReused"));
            Assert.False(UsageAlarmScenario.Alarm(backend).GetProperty("Tags").TryGetProperty("RootGuard:MetricFilter", out _));

            var adopted = session.Run(Run + " -AdoptExisting").ThrowIfErrors();

            Assert.Equal(false, adopted.Property("FilterReused"));
            Assert.Empty(backend.Handler.CallsTo("logs", "PutMetricFilter"));
            Assert.Equal("rootguard-cloudtrail:RootAccountUsage",
                UsageAlarmScenario.Alarm(backend).GetProperty("Tags").GetProperty("RootGuard:MetricFilter").GetString());
        }

        [Fact]
        public void Two_alarms_with_different_namespaces_get_a_filter_each_and_the_first_filter_is_not_repointed()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();

            var second = session.Run(Run + " -AlarmName RootGuard-Other -MetricNamespace Other").ThrowIfErrors();

            Assert.Equal("RootAccountUsage-Other", second.Property("FilterName"));
            var filters = UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray()
                .ToDictionary(f => f.GetProperty("filterName").GetString()!, f => f.GetProperty("metricTransformations")[0].GetProperty("metricNamespace").GetString());
            Assert.Equal("CloudTrailMetrics", filters["RootAccountUsage"]);
            Assert.Equal("Other", filters["RootAccountUsage-Other"]);
            Assert.Equal("CloudTrailMetrics", UsageAlarmScenario.Alarm(backend).GetProperty("Namespace").GetString());
            Assert.Equal("Other", UsageAlarmScenario.Alarm(backend, "RootGuard-Other").GetProperty("Namespace").GetString());
        }

        [Fact]
        public void A_second_alarm_given_the_first_alarms_filter_name_is_refused_and_the_filter_is_not_repointed()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.Clear();

            var error = session.Run(Run + " -AlarmName RootGuard-Other -MetricNamespace Other -FilterName RootAccountUsage -AdoptExisting").SingleError();

            Assert.Equal("RootGuard.MetricFilterInUse", ScriptResult.ErrorIdOf(error));
            Assert.Contains("'RootGuard-RootAccountUsage'", error.ErrorDetails.Message);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
        }
    }
}
