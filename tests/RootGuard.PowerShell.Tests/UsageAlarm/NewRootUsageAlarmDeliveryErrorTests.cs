using System;
using System.Globalization;
using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.UsageAlarm
{
    /// <summary>
    /// New-RootUsageAlarm on a trail whose GetTrailStatus reports a CloudWatch Logs delivery error, which moto never
    /// does: the status is stubbed with AWS's documented answer over moto's trail (see MOTO-NOTES.md). With a delivery
    /// within the hour the error may predate a fix, as Test-RootAccountSecurity judges it, so the alarm is built with a
    /// warning; without one the trail is refused.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class NewRootUsageAlarmDeliveryErrorTests
    {
        private const string Run = "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false";
        private const string DeliveryError = "Access denied. Verify in IAM that the role has adequate permissions.";
        private readonly ModuleBackend backend;

        public NewRootUsageAlarmDeliveryErrorTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void A_trail_that_reports_a_delivery_error_but_delivered_within_the_hour_is_built_on_with_a_warning()
        {
            backend.Seeder.CreateTrailWithLogs();
            var delivered = StubDeliveryError(DateTimeOffset.UtcNow.AddMinutes(-5));
            using var session = backend.NewSession();

            var result = session.Run(Run).ThrowIfErrors();

            var output = result.Output.Single();
            Assert.Equal("rootguard-trail", output.Properties["TrailName"].Value);
            Assert.Equal("rootguard-cloudtrail", output.Properties["LogGroupName"].Value);
            var filter = UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray().Single();
            Assert.Equal(UsageAlarmScenario.CisPattern, filter.GetProperty("filterPattern").GetString());
            Assert.Equal("RootAccountUsageCount", UsageAlarmScenario.Alarm(backend).GetProperty("MetricName").GetString());
            var warning = Assert.Single(result.Warnings, w => w.Message.Contains(DeliveryError)).Message;
            Assert.Contains("Trail 'rootguard-trail'", warning);
            Assert.Contains("log group 'rootguard-cloudtrail' at " + delivered, warning);
            Assert.Contains("role/rootguard-trail-logs", warning);
            Assert.Contains("logs:PutLogEvents", warning);
            AssertStubsAreAwsShaped();
        }

        [Fact]
        public void A_trail_that_reports_a_delivery_error_and_has_not_delivered_for_hours_is_refused_and_nothing_is_made()
        {
            backend.Seeder.CreateTrailWithLogs();
            StubDeliveryError(DateTimeOffset.UtcNow.AddHours(-3));
            using var session = backend.NewSession();

            var error = session.Run(Run).SingleError();

            Assert.Equal("RootGuard.NoSuitableTrail", ScriptResult.ErrorIdOf(error));
            Assert.Contains($"failed ({DeliveryError})", error.ErrorDetails.Message);
            Assert.Contains("logs:PutLogEvents", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Empty(UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray());
            AssertStubsAreAwsShaped();
        }

        [Fact]
        public void A_named_log_group_fed_by_a_trail_that_delivered_within_the_hour_gets_the_same_warning()
        {
            backend.Seeder.CreateTrailWithLogs();
            var delivered = StubDeliveryError(DateTimeOffset.UtcNow.AddMinutes(-5));
            using var session = backend.NewSession();

            var result = session.Run(Run + " -LogGroupName rootguard-cloudtrail").ThrowIfErrors();

            Assert.Equal("rootguard-trail", result.Property("TrailName"));
            var warning = Assert.Single(result.Warnings, w => w.Message.Contains(DeliveryError)).Message;
            Assert.Contains("at " + delivered + ", within the hour", warning);
            Assert.DoesNotContain("is not suitable", warning);
        }

        [Fact]
        public void Trails_kept_from_the_first_call_are_read_again_before_the_second_warns()
        {
            backend.Seeder.CreateTrailWithLogs();
            StubDeliveryError(DateTimeOffset.UtcNow.AddMinutes(-5));
            using var session = backend.NewSession();
            Assert.Contains(session.Run(Run).ThrowIfErrors().Warnings, w => w.Message.Contains(DeliveryError));
            // The error is gone since: the session keeps the status that reported it, the second call must not trust that.
            backend.Handler.RemoveStub("cloudtrail", "GetTrailStatus");
            backend.Handler.Clear();

            var second = session.Run(Run).ThrowIfErrors();

            Assert.DoesNotContain(second.Warnings, w => w.Message.Contains(DeliveryError));
            Assert.NotEmpty(backend.Handler.CallsTo("cloudtrail", "GetTrailStatus"));
        }

        /// <summary>Every GetTrailStatus answers logging with the delivery error, last delivered at <paramref name="delivered"/>; returns that time as messages give it.</summary>
        private string StubDeliveryError(DateTimeOffset delivered)
        {
            var seconds = delivered.ToUnixTimeSeconds();
            backend.Handler.Stub("cloudtrail", "GetTrailStatus", StubResponse.Json(
                $"{{\"IsLogging\":true,\"LatestCloudWatchLogsDeliveryError\":\"{DeliveryError}\","
                + $"\"LatestCloudWatchLogsDeliveryTime\":{seconds},\"LatestDeliveryTime\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}"));
            return DateTimeOffset.FromUnixTimeSeconds(seconds).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        }

        private void AssertStubsAreAwsShaped()
        {
            foreach (var call in backend.Handler.Calls)
                Assert.True(ServiceModelContract.Check(call).Count == 0, $"{call.Service} {call.Operation}: {string.Join("; ", ServiceModelContract.Check(call))}");
        }
    }
}
