using System.Linq;
using System.Text.Json;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Patterns;
using Xunit;

namespace RootGuard.Core.Tests.MonitorDefinitions
{
    public class RootMonitorDefinitionsTests
    {
        [Fact]
        public void The_CIS_pattern_is_the_benchmark_text_character_for_character() =>
            Assert.Equal("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }",
                RootMonitorDefinitions.CisRootUsageFilterPattern);

        [Fact]
        public void The_names_are_the_CIS_and_RootGuard_defaults()
        {
            Assert.Equal("CloudTrailMetrics", RootMonitorDefinitions.MetricNamespace);
            Assert.Equal("RootAccountUsageCount", RootMonitorDefinitions.MetricName);
            Assert.Equal("RootAccountUsage", RootMonitorDefinitions.DefaultFilterName);
            Assert.Equal("RootGuard-RootAccountUsage", RootMonitorDefinitions.DefaultAlarmName);
            Assert.Equal("AWS Console Sign In via CloudTrail", RootMonitorDefinitions.SignInDetailType);
            Assert.Equal("aws.signin", RootMonitorDefinitions.SignInSource);
        }

        [Fact]
        public void The_sign_in_pattern_matches_root_sign_ins_of_every_outcome()
        {
            Assert.Equal("""{"source":["aws.signin"],"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}""",
                RootMonitorDefinitions.BuildSignInEventPattern());
        }

        [Fact]
        public void The_success_only_sign_in_pattern_adds_the_console_login_result()
        {
            Assert.Equal("""{"source":["aws.signin"],"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]},"responseElements":{"ConsoleLogin":["Success"]}}}""",
                RootMonitorDefinitions.BuildSignInEventPattern(successOnly: true));
        }

        [Fact]
        public void The_sign_in_pattern_matches_exactly_the_root_sign_in_samples()
        {
            var matcher = EventPatternMatcher.Parse(RootMonitorDefinitions.BuildSignInEventPattern());
            Assert.All(RootMonitorSamples.RootSignIns, s => Assert.True(matcher.Matches(s.Json), s.Name));
            Assert.False(matcher.Matches(RootMonitorSamples.IamUserSignInSuccess.Json));
        }

        [Fact]
        public void Every_sample_is_valid_JSON_with_a_unique_name()
        {
            var all = RootMonitorSamples.AllSignIns.Concat(RootMonitorSamples.AllUsageRecords).ToList();
            Assert.Equal(all.Count, all.Select(s => s.Name).Distinct().Count());
            foreach (var sample in all)
            {
                using var document = JsonDocument.Parse(sample.Json);
                Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
                Assert.False(string.IsNullOrWhiteSpace(sample.Description));
            }
        }

        [Fact]
        public void Sign_in_samples_have_the_EventBridge_envelope_and_the_CloudTrail_detail()
        {
            using var document = JsonDocument.Parse(RootMonitorSamples.RootSignInFailure.Json);
            var root = document.RootElement;
            Assert.Equal("aws.signin", root.GetProperty("source").GetString());
            Assert.Equal("AWS Console Sign In via CloudTrail", root.GetProperty("detail-type").GetString());
            var detail = root.GetProperty("detail");
            Assert.Equal("Root", detail.GetProperty("userIdentity").GetProperty("type").GetString());
            Assert.Equal("ConsoleLogin", detail.GetProperty("eventName").GetString());
            Assert.Equal("Failure", detail.GetProperty("responseElements").GetProperty("ConsoleLogin").GetString());
            Assert.Equal("Failed authentication", detail.GetProperty("errorMessage").GetString());
            Assert.Equal("AwsConsoleSignIn", detail.GetProperty("eventType").GetString());
        }

        [Fact]
        public void The_CIS_pattern_counts_root_usage_and_leaves_out_service_activity_and_IAM_users()
        {
            var cis = LogFilterPattern.Parse(RootMonitorDefinitions.CisRootUsageFilterPattern);
            Assert.True(cis.Matches(RootMonitorSamples.RootConsoleApiCall.Json));
            Assert.True(cis.Matches(RootMonitorSamples.RootAccessKeyApiCall.Json));
            Assert.True(cis.Matches(RootMonitorSamples.RootConsoleSignInRecord.Json));
            Assert.True(cis.Matches(RootMonitorSamples.AssumeRootTaskSessionCall.Json));
            Assert.False(cis.Matches(RootMonitorSamples.RootCallInvokedByService.Json));
            Assert.False(cis.Matches(RootMonitorSamples.RootServiceEvent.Json));
            Assert.False(cis.Matches(RootMonitorSamples.IamUserApiCall.Json));
            Assert.False(cis.Matches(RootMonitorSamples.IamUserNamedRootadminApiCall.Json));
        }

        [Fact]
        public void The_AssumeRoot_variant_differs_from_CIS_only_on_AssumeRoot_task_sessions()
        {
            var cis = LogFilterPattern.Parse(RootMonitorDefinitions.CisRootUsageFilterPattern);
            var variant = LogFilterPattern.Parse(RootMonitorDefinitions.CisRootUsageWithoutAssumeRootFilterPattern);
            foreach (var sample in RootMonitorSamples.AllUsageRecords)
            {
                var expected = sample == RootMonitorSamples.AssumeRootTaskSessionCall ? false : cis.Matches(sample.Json);
                Assert.True(expected == variant.Matches(sample.Json), sample.Name);
            }
        }

        [Fact]
        public void The_AssumeRoot_variant_still_counts_a_root_event_marked_assumedRoot_false()
        {
            var variant = LogFilterPattern.Parse(RootMonitorDefinitions.CisRootUsageWithoutAssumeRootFilterPattern);
            var record = RootMonitorSamples.AssumeRootTaskSessionCall.Json.Replace("\"assumedRoot\":\"true\"", "\"assumedRoot\":\"false\"");
            Assert.True(variant.Matches(record));
        }
    }
}
