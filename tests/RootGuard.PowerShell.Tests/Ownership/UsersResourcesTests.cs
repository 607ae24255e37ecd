using System;
using System.Linq;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.PowerShell.Tests.Removal;
using Xunit;

namespace RootGuard.PowerShell.Tests.Ownership
{
    /// <summary>
    /// What a user made or added next to, or onto, RootGuard's resources survives RootGuard: look-alike tags and ids are
    /// not RootGuard's, and Remove-RootMonitoring keeps RootGuard's own resource while something of the user's rests on it.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class UsersResourcesTests
    {
        private readonly ModuleBackend backend;

        public UsersResourcesTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        private const string ReadAccount = """
sns, ev, logs, cw = client("sns"), client("events"), client("logs"), client("cloudwatch")
out({
  "topics": sorted(t["TopicArn"].split(":")[-1] for t in sns.list_topics()["Topics"]),
  "rules": sorted(r["Name"] for r in ev.list_rules()["Rules"]),
  "alarms": sorted(a["AlarmName"] for a in cw.describe_alarms()["MetricAlarms"]),
  "filters": sorted(f["filterName"] for g in logs.describe_log_groups()["logGroups"] for f in logs.describe_metric_filters(logGroupName=g["logGroupName"])["metricFilters"]),
})
""";

        private static string[] Strings(JsonElement state, string name) => state.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

        [Fact]
        public void Resources_of_RootGuards_default_names_with_a_look_alike_ManagedBy_tag_are_neither_listed_nor_touched()
        {
            backend.Seeder.RunBoto3("""
import json
sns, ev, logs, cw = client("sns"), client("events"), client("logs"), client("cloudwatch")
topic = sns.create_topic(Name="RootGuard-RootSignIn", Tags=[{"Key": "ManagedBy", "Value": "rootguard"}, {"Key": "RootGuard:Component", "Value": "SignInAlert"}])["TopicArn"]
ev.put_rule(Name="RootGuard-RootSignIn", EventPattern=json.dumps({"detail-type": ["AWS Console Sign In via CloudTrail"]}), State="ENABLED",
    Tags=[{"Key": "ManagedBy", "Value": "RootGuard "}, {"Key": "RootGuard:Component", "Value": "SignInAlert"}])
ev.put_targets(Rule="RootGuard-RootSignIn", Targets=[{"Id": "RootGuard-SNS", "Arn": topic}])
usage = sns.create_topic(Name="RootGuard-RootAccountUsage", Tags=[{"Key": "managedby", "Value": "RootGuard"}])["TopicArn"]
logs.create_log_group(logGroupName="trail-logs")
logs.put_metric_filter(logGroupName="trail-logs", filterName="RootAccountUsage", filterPattern='{ $.userIdentity.type = "Root" }',
    metricTransformations=[{"metricName": "RootAccountUsageCount", "metricNamespace": "CloudTrailMetrics", "metricValue": "1"}])
cw.put_metric_alarm(AlarmName="RootGuard-RootAccountUsage", MetricName="RootAccountUsageCount", Namespace="CloudTrailMetrics", Statistic="Sum",
    Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[usage],
    Tags=[{"Key": "ManagedBy ", "Value": "RootGuard"}, {"Key": "RootGuard:MetricFilter", "Value": "trail-logs:RootAccountUsage"}])
""");
            var before = backend.Seeder.RunBoto3Json(ReadAccount).GetRawText();
            backend.Handler.Clear();
            using var session = backend.NewSession();

            var listed = session.Run("Get-RootMonitoring -Resource @aws").ThrowIfErrors().Output;
            var removal = session.Run("Remove-RootMonitoring @aws -Force").ThrowIfErrors();
            var signIn = session.Run("New-RootSignInAlert @aws -EmailAddress a@example.com -Confirm:$false");

            Assert.Empty(listed);
            Assert.Contains(removal.Warnings, w => w.Message.Contains("No RootGuard resources"));
            Assert.Equal("RootGuard.RuleNotManaged", ScriptResult.ErrorIdOf(signIn.SingleError()));
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, backend.Seeder.RunBoto3Json(ReadAccount).GetRawText());
        }

        [Fact]
        public void A_users_alarm_on_RootGuards_metric_keeps_the_filter_that_feeds_it_and_a_users_filter_on_that_metric_stays()
        {
            backend.Seeder.RunBoto3(RemoveRootMonitoringTests.SeedAccount);
            backend.Seeder.PutMetricFilter("trail-logs", "TeamRootUsage", "{ $.userIdentity.type = \"Root\" }", "RootAccountUsageCount", "CloudTrailMetrics");
            var teamTopic = backend.Seeder.CreateTopic("team-pager");
            backend.Seeder.PutAlarm("team-root-usage", "RootAccountUsageCount", "CloudTrailMetrics", teamTopic);
            using var session = backend.NewSession();

            var result = session.Run("Remove-RootMonitoring @aws -Force").ThrowIfErrors();

            var state = backend.Seeder.RunBoto3Json(ReadAccount);
            Assert.Equal(new[] { "team-alarm", "team-root-usage" }, Strings(state, "alarms"));
            Assert.Equal(new[] { "RootAccountUsage", "TeamFilter", "TeamRootUsage" }, Strings(state, "filters"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("'RootAccountUsage'") && w.Message.Contains("'team-root-usage'"));
        }

        [Fact]
        public void RootGuards_topic_is_kept_while_a_subscription_or_an_alarm_of_the_users_rests_on_it()
        {
            backend.Seeder.RunBoto3(RemoveRootMonitoringTests.SeedAccount);
            backend.Seeder.RunBoto3("""
sns, sqs, cw = client("sns"), client("sqs"), client("cloudwatch")
queue = sqs.get_queue_attributes(QueueUrl=sqs.create_queue(QueueName="team-queue")["QueueUrl"], AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
sns.subscribe(TopicArn="arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn", Protocol="sqs", Endpoint=queue)
cw.put_metric_alarm(AlarmName="team-cpu", MetricName="CPUUtilization", Namespace="AWS/EC2", Statistic="Average",
    Period=300, EvaluationPeriods=1, Threshold=90, ComparisonOperator="GreaterThanThreshold", AlarmActions=["arn:aws:sns:us-east-1:123456789012:RootGuard-RootAccountUsage"])
""");
            using var session = backend.NewSession();

            var result = session.Run("Remove-RootMonitoring @aws -Force").ThrowIfErrors();

            var state = backend.Seeder.RunBoto3Json(ReadAccount);
            Assert.Equal(new[] { "RootGuard-RootAccountUsage", "RootGuard-RootSignIn", "team-alerts" }, Strings(state, "topics"));
            Assert.DoesNotContain(Strings(state, "rules"), r => r.StartsWith("RootGuard", StringComparison.Ordinal));
            Assert.Contains(result.Warnings, w => w.Message.Contains(":RootGuard-RootSignIn'") && w.Message.Contains("sqs"));
            Assert.Contains(result.Warnings, w => w.Message.Contains(":RootGuard-RootAccountUsage'") && w.Message.Contains("'team-cpu'"));
        }

        [Fact]
        public void A_users_statement_or_target_whose_id_merely_starts_with_RootGuard_is_not_RootGuards()
        {
            backend.Seeder.RunBoto3(RemoveRootMonitoringTests.SeedAccount);
            backend.Seeder.RunBoto3("""
import json
sns, ev = client("sns"), client("events")
team = [t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith(":team-alerts")][0]
policy = json.loads(sns.get_topic_attributes(TopicArn=team)["Attributes"]["Policy"])
policy["Statement"] += [
    {"Sid": "RootGuardTeamRead", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sns:GetTopicAttributes", "Resource": team},
    {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sns:Subscribe", "Resource": team}]
sns.set_topic_attributes(TopicArn=team, AttributeName="Policy", AttributeValue=json.dumps(policy))
ev.put_targets(Rule="RootGuard-RootSignIn", Targets=[{"Id": "RootGuardBackup", "Arn": "arn:aws:sqs:us-east-1:123456789012:team"}])
""");
            using var session = backend.NewSession();

            var result = session.Run("Remove-RootMonitoring @aws -Force").ThrowIfErrors();

            var after = backend.Seeder.RunBoto3Json("""
import json
sns, ev = client("sns"), client("events")
team = [t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith(":team-alerts")][0]
out({"sids": [s.get("Sid", "") for s in json.loads(sns.get_topic_attributes(TopicArn=team)["Attributes"]["Policy"])["Statement"]],
     "targets": [t["Id"] for t in ev.list_targets_by_rule(Rule="RootGuard-RootSignIn")["Targets"]]})
""");
            Assert.Equal(new[] { "TeamPublish", "RootGuardTeamRead", "" }, Strings(after, "sids"));
            Assert.Equal(new[] { "RootGuardBackup" }, Strings(after, "targets"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("RootGuard-RootSignIn") && w.Message.Contains("did not add"));
        }

        [Fact]
        public void A_rerun_of_New_RootUsageAlarm_restores_RootGuards_settings_and_keeps_the_actions_someone_added()
        {
            backend.Seeder.CreateTrailWithLogs();
            var teamTopic = backend.Seeder.CreateTopic("team-pager");
            using var session = backend.NewSession();
            session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();
            backend.Seeder.RunBoto3("""
cw = client("cloudwatch")
a = cw.describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0]
cw.put_metric_alarm(AlarmName=a["AlarmName"], AlarmDescription=a["AlarmDescription"], MetricName=a["MetricName"], Namespace=a["Namespace"],
    Statistic="Sum", Period=300, EvaluationPeriods=1, Threshold=5, ComparisonOperator="GreaterThanOrEqualToThreshold", TreatMissingData="notBreaching",
    AlarmActions=a["AlarmActions"] + ["arn:aws:ssm:us-east-1:123456789012:opsitem:3", ARGS["team"]], OKActions=[ARGS["team"]], InsufficientDataActions=[ARGS["team"]])
""", new { team = teamTopic });

            var rerun = session.Run("(New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false).Changes.Description").ThrowIfErrors();
            var changes = rerun.Output.Select(o => o.ToString()).ToList();

            var alarm = backend.Seeder.RunBoto3Json("""out(client("cloudwatch").describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0])""");
            Assert.Equal(1, alarm.GetProperty("Threshold").GetDouble());
            Assert.Equal(new[] { "arn:aws:sns:us-east-1:123456789012:RootGuard-RootAccountUsage", "arn:aws:ssm:us-east-1:123456789012:opsitem:3" },
                Strings(alarm, "AlarmActions").OrderBy(a => a, StringComparer.Ordinal));
            Assert.Equal(new[] { teamTopic }, Strings(alarm, "OKActions"));
            Assert.Equal(new[] { teamTopic }, Strings(alarm, "InsufficientDataActions"));
            Assert.Contains(changes, c => c.Contains("Threshold: 5 → 1"));
            // A second topic cannot be told from one RootGuard set before: the alarm is pointed at RootGuard's, and the warning names it.
            Assert.Contains(rerun.Warnings, w => w.Message.Contains($"also notifies '{teamTopic}'"));
        }

        [Fact]
        public void A_rerun_of_New_RootSignInAlert_enables_a_disabled_rule_says_so_and_keeps_the_target_and_tag_someone_added()
        {
            using var session = backend.NewSession();
            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();
            backend.Seeder.RunBoto3("""
ev = client("events")
ev.disable_rule(Name="RootGuard-RootSignIn")
ev.put_targets(Rule="RootGuard-RootSignIn", Targets=[{"Id": "team-queue", "Arn": "arn:aws:sqs:us-east-1:123456789012:team"}])
ev.tag_resource(ResourceARN=ev.describe_rule(Name="RootGuard-RootSignIn")["Arn"], Tags=[{"Key": "team", "Value": "sec"}])
""");

            var changes = session.Run("(New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false).Changes | Where-Object Change -ne Unchanged | ForEach-Object Description")
                .ThrowIfErrors().Output.Select(o => o.ToString()).ToList();

            var rule = backend.Seeder.RunBoto3Json("""
ev = client("events")
out({"state": ev.describe_rule(Name="RootGuard-RootSignIn")["State"],
     "targets": sorted(t["Id"] for t in ev.list_targets_by_rule(Rule="RootGuard-RootSignIn")["Targets"]),
     "tags": sorted(t["Key"] for t in ev.list_tags_for_resource(ResourceARN=ev.describe_rule(Name="RootGuard-RootSignIn")["Arn"])["Tags"])})
""");
            Assert.Equal("Update EventBridge rule: enable it (it is DISABLED)", Assert.Single(changes));
            Assert.Equal("ENABLED", rule.GetProperty("state").GetString());
            Assert.Equal(new[] { "RootGuard-SNS", "team-queue" }, Strings(rule, "targets"));
            Assert.Contains("team", Strings(rule, "tags"));
        }
    }
}
