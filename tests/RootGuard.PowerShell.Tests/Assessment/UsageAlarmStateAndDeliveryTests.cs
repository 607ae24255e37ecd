using System;
using System.Globalization;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>
    /// RG.ROOT.6 on what moto does not give: a trail whose CloudWatch Logs delivery fails (moto's GetTrailStatus has no
    /// LatestCloudWatchLogsDeliveryError), and alarm states with their history (moto sets no StateTransitionedTimestamp
    /// and only ever "now"). Both are stubbed with AWS's documented answers over moto's seeded account; see MOTO-NOTES.md.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class UsageAlarmStateAndDeliveryTests : AssessmentTestBase
    {
        public UsageAlarmStateAndDeliveryTests(ModuleBackend backend) : base(backend)
        {
        }

        [Fact]
        public void A_logging_trail_whose_CloudWatch_Logs_delivery_fails_fails_RG_ROOT_6_with_the_error_and_the_role_to_check()
        {
            AssessmentScenario.Seed(Backend);
            var lastDelivery = DateTimeOffset.UtcNow.AddDays(-3).ToUnixTimeSeconds();
            Backend.Handler.Stub("cloudtrail", "GetTrailStatus", StubResponse.Json(
                "{\"IsLogging\":true,\"LatestCloudWatchLogsDeliveryError\":\"Access denied. Verify in IAM that the role has adequate permissions.\","
                + $"\"LatestCloudWatchLogsDeliveryTime\":{lastDelivery},\"LatestDeliveryTime\":{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}}}"));

            var finding = Finding("RG.ROOT.6");

            Assert.True("Fail" == Status(finding), Reason(finding));
            Assert.Equal("TRAIL_CLOUDWATCH_LOGS_DELIVERY_FAILED", Evidence(finding, "ReasonCode"));
            Assert.Contains("failed (Access denied. Verify in IAM that the role has adequate permissions.)", Reason(finding));
            var remediation = (string)finding.Properties["Remediation"].Value;
            Assert.Contains("role/rootguard-trail-logs", remediation);
            Assert.Contains("logs:PutLogEvents", remediation);
            AssertStubsAreAwsShaped();
        }

        [Fact]
        public void A_CIS_built_alarm_in_INSUFFICIENT_DATA_for_days_without_TreatMissingData_passes_RG_ROOT_6()
        {
            var (_, usageTopic) = AssessmentScenario.Seed(Backend);
            var days = DateTime.UtcNow.AddDays(-12);
            StubAlarm(usageTopic, "INSUFFICIENT_DATA", transitioned: days, updated: days);

            var finding = Finding("RG.ROOT.6");

            Assert.True("Pass" == Status(finding), Reason(finding));
            Assert.Equal("INSUFFICIENT_DATA", Evidence(finding, "StateValue"));
            AssertStubsAreAwsShaped();
        }

        [Fact]
        public void An_alarm_that_changed_to_ALARM_ten_days_ago_warns_RG_ROOT_6_though_its_state_was_updated_an_hour_ago()
        {
            var (_, usageTopic) = AssessmentScenario.Seed(Backend);
            var transitioned = DateTime.UtcNow.AddDays(-10);
            StubAlarm(usageTopic, "ALARM", transitioned, updated: DateTime.UtcNow.AddHours(-1));

            var finding = Finding("RG.ROOT.6");

            Assert.True("Warning" == Status(finding), Reason(finding));
            Assert.Equal("ALARM_STATE_STALE", Evidence(finding, "ReasonCode"));
            Assert.Contains("has been in ALARM since " + transitioned.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Reason(finding));
            AssertStubsAreAwsShaped();
        }

        /// <summary>The seeded CIS alarm (no TreatMissingData, as put-metric-alarm without --treat-missing-data leaves it) in a given state.</summary>
        private void StubAlarm(string topicArn, string state, DateTime transitioned, DateTime updated)
        {
            static string Time(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            Backend.Handler.Stub("monitoring", "DescribeAlarms", StubResponse.QueryResult("monitoring", "DescribeAlarms",
                "<MetricAlarms><member>"
                + "<AlarmName>RootGuard-RootAccountUsage</AlarmName>"
                + $"<AlarmArn>arn:aws:cloudwatch:us-east-1:{AssessmentScenario.AccountId}:alarm:RootGuard-RootAccountUsage</AlarmArn>"
                + $"<ActionsEnabled>true</ActionsEnabled><AlarmActions><member>{topicArn}</member></AlarmActions><OKActions/><InsufficientDataActions/>"
                + $"<StateValue>{state}</StateValue><StateReason>Threshold Crossed</StateReason>"
                + $"<StateUpdatedTimestamp>{Time(updated)}</StateUpdatedTimestamp><StateTransitionedTimestamp>{Time(transitioned)}</StateTransitionedTimestamp>"
                + "<MetricName>RootAccountUsageCount</MetricName><Namespace>CloudTrailMetrics</Namespace><Statistic>Sum</Statistic><Dimensions/>"
                + "<Period>300</Period><EvaluationPeriods>1</EvaluationPeriods><Threshold>1.0</Threshold><ComparisonOperator>GreaterThanOrEqualToThreshold</ComparisonOperator>"
                + "</member></MetricAlarms><CompositeAlarms/>"));
        }

        private void AssertStubsAreAwsShaped()
        {
            foreach (var call in Backend.Handler.Calls)
                Assert.True(ServiceModelContract.Check(call).Count == 0, $"{call.Service} {call.Operation}: {string.Join("; ", ServiceModelContract.Check(call))}");
        }
    }
}
