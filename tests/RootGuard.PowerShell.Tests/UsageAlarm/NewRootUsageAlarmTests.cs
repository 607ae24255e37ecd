using System.Linq;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.UsageAlarm
{
    /// <summary>New-RootUsageAlarm against moto: the monitor it builds, idempotence, the topic it uses, reuse of a filter.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class NewRootUsageAlarmTests
    {
        private const string Run = "New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false";
        private readonly ModuleBackend backend;

        public NewRootUsageAlarmTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void Fresh_run_builds_filter_alarm_and_topic_exactly_as_specified()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var result = session.Run(Run).ThrowIfErrors();

            var output = result.Output.Single();
            Assert.Equal("RootGuard.UsageAlarm", output.TypeNames[0]);
            Assert.Equal("us-east-1", output.Properties["Region"].Value);
            Assert.Equal("rootguard-trail", output.Properties["TrailName"].Value);
            Assert.Equal("rootguard-cloudtrail", output.Properties["LogGroupName"].Value);
            Assert.Equal("RootAccountUsage", output.Properties["FilterName"].Value);
            Assert.Equal(UsageAlarmScenario.CisPattern, output.Properties["FilterPattern"].Value);
            Assert.Equal(true, output.Properties["IsCisPattern"].Value);
            Assert.Equal(false, output.Properties["FilterReused"].Value);
            var alarmArn = (string)output.Properties["AlarmArn"].Value;
            var topicArn = (string)output.Properties["TopicArn"].Value;
            Assert.Equal("arn:aws:cloudwatch:us-east-1:123456789012:alarm:RootGuard-RootAccountUsage", alarmArn);
            Assert.Equal("arn:aws:sns:us-east-1:123456789012:RootGuard-RootAccountUsage", topicArn);
            var changes = ((System.Collections.IEnumerable)output.Properties["Changes"].Value).Cast<object>().Select(c => c.ToString()).ToList();
            Assert.Contains(changes, c => c!.StartsWith("Created SNS topic"));
            Assert.Contains(changes, c => c!.StartsWith("Created CloudWatch Logs metric filter"));
            Assert.Contains(changes, c => c!.StartsWith("Created CloudWatch alarm"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("confirm"));

            var filter = UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray().Single();
            Assert.Equal("RootAccountUsage", filter.GetProperty("filterName").GetString());
            Assert.Equal(UsageAlarmScenario.CisPattern, filter.GetProperty("filterPattern").GetString());
            var transformation = filter.GetProperty("metricTransformations").EnumerateArray().Single();
            Assert.Equal("CloudTrailMetrics", transformation.GetProperty("metricNamespace").GetString());
            Assert.Equal("RootAccountUsageCount", transformation.GetProperty("metricName").GetString());
            Assert.Equal("1", transformation.GetProperty("metricValue").GetString());

            var alarm = UsageAlarmScenario.Alarm(backend);
            Assert.Equal("CloudTrailMetrics", alarm.GetProperty("Namespace").GetString());
            Assert.Equal("RootAccountUsageCount", alarm.GetProperty("MetricName").GetString());
            Assert.Equal("Sum", alarm.GetProperty("Statistic").GetString());
            Assert.Equal(300, alarm.GetProperty("Period").GetInt32());
            Assert.Equal(1, alarm.GetProperty("EvaluationPeriods").GetInt32());
            Assert.Equal(1.0, alarm.GetProperty("Threshold").GetDouble());
            Assert.Equal("GreaterThanOrEqualToThreshold", alarm.GetProperty("ComparisonOperator").GetString());
            Assert.Equal("notBreaching", alarm.GetProperty("TreatMissingData").GetString());
            Assert.Equal(new[] { topicArn }, alarm.GetProperty("AlarmActions").EnumerateArray().Select(a => a.GetString()));
            Assert.Contains("CloudWatch.1", alarm.GetProperty("AlarmDescription").GetString());
            Assert.Contains("CIS", alarm.GetProperty("AlarmDescription").GetString());
            var tags = alarm.GetProperty("Tags");
            Assert.Equal("RootGuard", tags.GetProperty("ManagedBy").GetString());
            Assert.Equal("UsageAlarm", tags.GetProperty("RootGuard:Component").GetString());
            Assert.Equal("rootguard-cloudtrail:RootAccountUsage", tags.GetProperty("RootGuard:MetricFilter").GetString());

            var topic = UsageAlarmScenario.Topic(backend, topicArn);
            Assert.Equal("RootGuard", topic.GetProperty("Tags").GetProperty("ManagedBy").GetString());
            Assert.Equal("UsageAlarm", topic.GetProperty("Tags").GetProperty("RootGuard:Component").GetString());
            using var policy = JsonDocument.Parse(topic.GetProperty("Attributes").GetProperty("Policy").GetString()!);
            var statement = policy.RootElement.GetProperty("Statement").EnumerateArray()
                .Single(s => s.GetProperty("Principal").TryGetProperty("Service", out var p) && p.GetString() == "cloudwatch.amazonaws.com");
            Assert.Equal(alarmArn, statement.GetProperty("Condition").GetProperty("ArnEquals").GetProperty("aws:SourceArn").GetString());
            Assert.Equal("security@example.com", topic.GetProperty("Subscriptions").EnumerateArray().Single().GetProperty("Endpoint").GetString());
        }

        [Fact]
        public void Every_request_sent_keeps_the_botocore_service_models()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            session.Run(Run).ThrowIfErrors();

            Assert.NotEmpty(backend.Handler.MutatingCalls);
            foreach (var call in backend.Handler.Calls)
            {
                Assert.True(ServiceModelContract.Check(call).Count == 0,
                    $"{call}: {string.Join("; ", ServiceModelContract.Check(call))}");
            }
        }

        [Fact]
        public void Second_run_makes_no_mutating_call()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            backend.Handler.Clear();

            var second = session.Run(Run).ThrowIfErrors();

            Assert.Empty(backend.Handler.MutatingCalls);
            var changes = ((System.Collections.IEnumerable)second.Property("Changes")!).Cast<object>().Select(c => c.ToString()).ToList();
            Assert.All(changes, c => Assert.StartsWith("Unchanged", c));
            Assert.Equal(false, second.Property("FilterReused"));
        }

        [Fact]
        public void WhatIf_makes_no_mutating_call_and_names_each_change()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var result = session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -WhatIf").ThrowIfErrors();

            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Empty(result.Output);
            Assert.Equal(JsonValueKind.Null, UsageAlarmScenario.Alarm(backend).ValueKind);
            var whatIf = session.HostLines.Where(l => l.StartsWith("What if:")).ToList();
            Assert.Contains(whatIf, l => l.Contains("RootAccountUsage") && l.Contains("filter", System.StringComparison.OrdinalIgnoreCase));
            Assert.Contains(whatIf, l => l.Contains("RootGuard-RootAccountUsage") && l.Contains("alarm", System.StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Piping_New_RootSignInAlert_reuses_its_topic_for_the_alarm()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var result = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false | New-RootUsageAlarm @aws -Confirm:$false")
                .ThrowIfErrors();

            var topicArn = (string)result.Property("TopicArn")!;
            Assert.Single(backend.Handler.CallsTo("sns", "CreateTopic"));
            Assert.Equal(new[] { topicArn }, UsageAlarmScenario.Alarm(backend).GetProperty("AlarmActions").EnumerateArray().Select(a => a.GetString()));
            var policy = UsageAlarmScenario.Topic(backend, topicArn).GetProperty("Attributes").GetProperty("Policy").GetString()!;
            Assert.Contains("events.amazonaws.com", policy);
            Assert.Contains("cloudwatch.amazonaws.com", policy);
        }

        [Fact]
        public void A_piped_object_with_a_TopicArn_is_used_and_no_topic_is_created()
        {
            backend.Seeder.CreateTrailWithLogs();
            var topicArn = backend.Seeder.CreateTopic("team-alerts");
            using var session = backend.NewSession();
            session.SetVariable("topicArn", topicArn);

            var result = session.Run("[pscustomobject]@{ TopicArn = $topicArn } | New-RootUsageAlarm @aws -Confirm:$false").ThrowIfErrors();

            Assert.Equal(topicArn, result.Property("TopicArn"));
            Assert.Empty(backend.Handler.CallsTo("sns", "CreateTopic"));
            var policy = UsageAlarmScenario.Topic(backend, topicArn).GetProperty("Attributes").GetProperty("Policy").GetString()!;
            Assert.Contains("cloudwatch.amazonaws.com", policy);
        }

        [Fact]
        public void A_topic_in_another_region_is_refused_with_the_fix_and_nothing_is_made()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var result = session.Run("[pscustomobject]@{ TopicArn = 'arn:aws:sns:eu-west-1:123456789012:elsewhere' } | New-RootUsageAlarm @aws -Confirm:$false");

            var error = result.SingleError();
            Assert.Equal("RootGuard.TopicInOtherRegion", ScriptResult.ErrorIdOf(error));
            Assert.Contains("-EmailAddress", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void A_topic_in_another_region_with_an_email_address_gets_a_topic_in_the_alarm_region()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var result = session.Run("New-RootUsageAlarm @aws -TopicArn arn:aws:sns:eu-west-1:123456789012:elsewhere -EmailAddress security@example.com -Confirm:$false")
                .ThrowIfErrors();

            Assert.Equal("arn:aws:sns:us-east-1:123456789012:RootGuard-RootAccountUsage", result.Property("TopicArn"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("eu-west-1") && w.Message.Contains("own region"));
        }

        [Fact]
        public void An_existing_equivalent_filter_is_reused_instead_of_duplicated()
        {
            backend.Seeder.CreateTrailWithLogs();
            const string equivalent = "{($.eventType != \"AwsServiceEvent\") && ($.userIdentity.type = \"Root\") && ($.userIdentity.invokedBy NOT EXISTS)}";
            backend.Seeder.PutMetricFilter("rootguard-cloudtrail", "CIS-3.3-RootUsage", equivalent, "RootUsage", "Security");
            using var session = backend.NewSession();

            var result = session.Run(Run).ThrowIfErrors();

            Assert.Equal("CIS-3.3-RootUsage", result.Property("FilterName"));
            Assert.Equal(true, result.Property("FilterReused"));
            Assert.Equal(false, result.Property("IsCisPattern"));
            Assert.Equal("Security", result.Property("MetricNamespace"));
            Assert.Equal("RootUsage", result.Property("MetricName"));
            Assert.Empty(backend.Handler.CallsTo("logs", "PutMetricFilter"));
            Assert.Single(UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray());
            var alarm = UsageAlarmScenario.Alarm(backend);
            Assert.Equal("RootUsage", alarm.GetProperty("MetricName").GetString());
            Assert.False(alarm.GetProperty("Tags").TryGetProperty("RootGuard:MetricFilter", out _), "the alarm must not claim a filter RootGuard did not make");
            Assert.Contains(result.Warnings, w => w.Message.Contains("Security Hub"));
        }

        [Fact]
        public void A_threshold_one_root_event_cannot_reach_is_warned_of_and_RG_ROOT_6_then_fails_as_warned()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var defaults = session.Run(Run).ThrowIfErrors();
            Assert.DoesNotContain(defaults.Warnings, w => w.Message.Contains("RG.ROOT.6"));

            var result = session.Run(Run + " -Threshold 2 -EvaluationPeriods 2").ThrowIfErrors();

            // Made as asked, with one warning per setting that keeps a single root event from raising the alarm.
            Assert.Equal(2.0, UsageAlarmScenario.Alarm(backend).GetProperty("Threshold").GetDouble());
            Assert.Contains(result.Warnings, w => w.Message.StartsWith("-Threshold 2:") && w.Message.Contains("RG.ROOT.6"));
            Assert.Contains(result.Warnings, w => w.Message.StartsWith("-EvaluationPeriods 2:") && w.Message.Contains("RG.ROOT.6"));
            var finding = session.Run("Test-RootAccountSecurity @aws -CheckId RG.ROOT.6").ThrowIfErrors().Output.Single();
            Assert.Equal("Fail", finding.Properties["Status"].Value.ToString());
            Assert.Equal("ALARM_SETTINGS_NOT_VALID", ((System.Collections.Specialized.OrderedDictionary)finding.Properties["Evidence"].Value)["ReasonCode"]);
        }

        [Fact]
        public void ExcludeCentralizedRootSession_uses_the_non_CIS_pattern_and_warns()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var result = session.Run(Run + " -ExcludeCentralizedRootSession").ThrowIfErrors();

            Assert.Equal(false, result.Property("IsCisPattern"));
            Assert.Contains("assumedRoot", (string)result.Property("FilterPattern")!);
            Assert.Contains(result.Warnings, w => w.Message.Contains("no longer the CIS pattern"));
            var filter = UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray().Single();
            Assert.Contains("assumedRoot", filter.GetProperty("filterPattern").GetString());
        }

        [Fact]
        public void A_customer_key_without_the_CloudWatch_grant_gives_a_warning()
        {
            backend.Seeder.CreateTrailWithLogs();
            var keyId = backend.Seeder.RunBoto3Json("""out(client("kms").create_key()["KeyMetadata"]["KeyId"])""").GetString()!;
            using var session = backend.NewSession();
            session.SetVariable("keyId", keyId);

            var result = session.Run(Run + " -KmsMasterKeyId $keyId").ThrowIfErrors();

            Assert.Contains(result.Warnings, w => w.Message.Contains("cloudwatch.amazonaws.com") && w.Message.Contains("kms:Decrypt"));
        }

        [Fact]
        public void The_alarm_is_made_in_the_region_of_the_trails_log_group()
        {
            // A multi-region trail homed in eu-west-1 shows in us-east-1 as a shadow trail; its log group decides the region.
            backend.Seeder.RunBoto3("""
kw = {"region_name": "eu-west-1"}
client("s3", **kw).create_bucket(Bucket="eu-trail-bucket", CreateBucketConfiguration={"LocationConstraint": "eu-west-1"})
logs = client("logs", **kw); logs.create_log_group(logGroupName="eu-trail-logs")
arn = logs.describe_log_groups(logGroupNamePrefix="eu-trail-logs")["logGroups"][0]["arn"]
role = client("iam").create_role(RoleName="eu-trail-logs", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
ct = client("cloudtrail", **kw)
ct.create_trail(Name="eu-trail", S3BucketName="eu-trail-bucket", IsMultiRegionTrail=True, CloudWatchLogsLogGroupArn=arn, CloudWatchLogsRoleArn=role)
ct.start_logging(Name="eu-trail")
""");
            using var session = backend.NewSession("us-east-1");

            var result = session.Run(Run).ThrowIfErrors();

            Assert.Equal("eu-west-1", result.Property("Region"));
            Assert.Equal("eu-trail", result.Property("TrailName"));
            Assert.StartsWith("arn:aws:sns:eu-west-1:", (string)result.Property("TopicArn")!);
            Assert.StartsWith("arn:aws:cloudwatch:eu-west-1:", (string)result.Property("AlarmArn")!);
            Assert.All(backend.Handler.MutatingCalls, c => Assert.Equal("eu-west-1", c.Region));
        }

        [Fact]
        public void Remove_RootMonitoring_deletes_the_filter_RootGuard_made_and_keeps_a_reused_one()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            session.Run("Remove-RootMonitoring @aws -Component UsageAlarm -Force").ThrowIfErrors();
            Assert.Empty(UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray());

            const string equivalent = "{($.eventType != \"AwsServiceEvent\") && ($.userIdentity.type = \"Root\") && ($.userIdentity.invokedBy NOT EXISTS)}";
            backend.Seeder.PutMetricFilter("rootguard-cloudtrail", "theirs", equivalent, "RootUsage", "Security");
            session.Run(Run).ThrowIfErrors();
            session.Run("Remove-RootMonitoring @aws -Component UsageAlarm -Force").ThrowIfErrors();
            Assert.Equal("theirs", UsageAlarmScenario.Filters(backend, "rootguard-cloudtrail").EnumerateArray().Single().GetProperty("filterName").GetString());
        }

        [Fact]
        public void A_changed_tag_on_a_second_run_is_one_TagResource_call()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            session.Run(Run).ThrowIfErrors();
            backend.Handler.Clear();

            session.Run(Run + " -Tag @{ Team = 'Security' }").ThrowIfErrors();

            var alarmTagging = backend.Handler.MutatingCalls.Where(c => c.Service == "monitoring").ToList();
            Assert.Equal("TagResource", Assert.Single(alarmTagging).Operation);
            Assert.Equal("Security", UsageAlarmScenario.Alarm(backend).GetProperty("Tags").GetProperty("Team").GetString());
        }

        [Fact]
        public void A_shared_encrypted_topic_is_checked_for_both_publishers()
        {
            backend.Seeder.CreateTrailWithLogs();
            var keyId = backend.Seeder.RunBoto3Json("""out(client("kms").create_key()["KeyMetadata"]["KeyId"])""").GetString()!;
            using var session = backend.NewSession();
            session.SetVariable("keyId", keyId);

            var result = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -KmsMasterKeyId $keyId -Confirm:$false -WarningAction SilentlyContinue | New-RootUsageAlarm @aws -Confirm:$false")
                .ThrowIfErrors();

            Assert.Contains(result.Warnings, w => w.Message.Contains("cloudwatch.amazonaws.com") && w.Message.Contains("events.amazonaws.com"));
        }
    }
}
