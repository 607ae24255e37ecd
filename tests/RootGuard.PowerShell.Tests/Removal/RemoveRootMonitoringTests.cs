using System;
using System.Linq;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Removal
{
    /// <summary>Remove-RootMonitoring removes exactly what RootGuard made: by its tags, target ids, statement ids and filter marker.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class RemoveRootMonitoringTests
    {
        private readonly ModuleBackend backend;

        public RemoveRootMonitoringTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        // What New-RootSignInAlert and New-RootUsageAlarm leave behind, next to a team's own monitoring that looks alike.
        internal const string SeedAccount = """
import json
sns, ev, logs, cw = client("sns"), client("events"), client("logs"), client("cloudwatch")
rg = lambda c: [{"Key": "ManagedBy", "Value": "RootGuard"}, {"Key": "RootGuard:Component", "Value": c}]
signin_topic = sns.create_topic(Name="RootGuard-RootSignIn", Tags=rg("SignInAlert"))["TopicArn"]
rule_arn = ev.put_rule(Name="RootGuard-RootSignIn", EventPattern=json.dumps({"detail-type": ["AWS Console Sign In via CloudTrail"]}), State="ENABLED", Tags=rg("SignInAlert"))["RuleArn"]
ev.put_targets(Rule="RootGuard-RootSignIn", Targets=[{"Id": "RootGuard-SNS", "Arn": signin_topic}])
usage_topic = sns.create_topic(Name="RootGuard-RootAccountUsage", Tags=rg("UsageAlarm"))["TopicArn"]
logs.create_log_group(logGroupName="trail-logs")
for name, metric in [("RootAccountUsage", "RootAccountUsageCount"), ("TeamFilter", "TeamFilter")]:
    logs.put_metric_filter(logGroupName="trail-logs", filterName=name, filterPattern='{ $.userIdentity.type = "Root" }',
        metricTransformations=[{"metricName": metric, "metricNamespace": "CloudTrailMetrics", "metricValue": "1"}])
cw.put_metric_alarm(AlarmName="RootGuard-RootAccountUsage", MetricName="RootAccountUsageCount", Namespace="CloudTrailMetrics", Statistic="Sum",
    Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[usage_topic],
    Tags=rg("UsageAlarm") + [{"Key": "RootGuard:MetricFilter", "Value": "trail-logs:RootAccountUsage"}])
team_topic = sns.create_topic(Name="team-alerts")["TopicArn"]
policy = {"Version": "2012-10-17", "Statement": [
    {"Sid": "TeamPublish", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sns:Publish", "Resource": team_topic},
    {"Sid": "RootGuardSignInAlertRootGuardRootSignIn", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": team_topic,
     "Condition": {"ArnEquals": {"aws:SourceArn": rule_arn}}}]}
sns.set_topic_attributes(TopicArn=team_topic, AttributeName="Policy", AttributeValue=json.dumps(policy))
ev.put_rule(Name="team-rule", EventPattern=json.dumps({"source": ["aws.ec2"]}), State="ENABLED")
cw.put_metric_alarm(AlarmName="team-alarm", MetricName="TeamFilter", Namespace="CloudTrailMetrics", Statistic="Sum",
    Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[team_topic])
out({"team_topic": team_topic})
""";

        private const string ReadAccount = """
import json
sns, ev, logs, cw = client("sns"), client("events"), client("logs"), client("cloudwatch")
topics = [t["TopicArn"].split(":")[-1] for t in sns.list_topics()["Topics"]]
team = [t["TopicArn"] for t in sns.list_topics()["Topics"] if t["TopicArn"].endswith(":team-alerts")]
sids = [s.get("Sid") for s in json.loads(sns.get_topic_attributes(TopicArn=team[0])["Attributes"]["Policy"])["Statement"]] if team else []
out({
  "topics": sorted(topics),
  "rules": sorted(r["Name"] for r in ev.list_rules()["Rules"]),
  "alarms": sorted(a["AlarmName"] for a in cw.describe_alarms()["MetricAlarms"]),
  "filters": sorted(f["filterName"] for f in logs.describe_metric_filters(logGroupName="trail-logs")["metricFilters"]),
  "team_sids": sids,
})
""";

        private static string[] Strings(JsonElement state, string name) => state.GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

        [Fact]
        public void Removes_everything_RootGuard_made_and_leaves_the_teams_own_monitoring_as_it_was()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            using var session = backend.NewSession();
            var result = session.Run("Remove-RootMonitoring @aws -Force -PassThru").ThrowIfErrors();

            var state = backend.Seeder.RunBoto3Json(ReadAccount);
            Assert.Equal(new[] { "team-alerts" }, Strings(state, "topics"));
            Assert.Equal(new[] { "team-rule" }, Strings(state, "rules"));
            Assert.Equal(new[] { "team-alarm" }, Strings(state, "alarms"));
            Assert.Equal(new[] { "TeamFilter" }, Strings(state, "filters"));
            Assert.Equal(new[] { "TeamPublish" }, Strings(state, "team_sids"));
            Assert.Contains(result.Output, o => o.Properties["Name"].Value.ToString() == "RootGuard-RootSignIn" && o.Properties["Change"].Value.ToString() == "Deleted");
        }

        [Fact]
        public void WhatIf_lists_the_removals_and_makes_no_mutating_call()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            backend.Handler.Clear();
            using var session = backend.NewSession();
            var result = session.Run("Remove-RootMonitoring @aws -WhatIf").ThrowIfErrors();

            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Empty(result.Output);
            var whatIf = session.HostLines.Where(l => l.StartsWith("What if:")).ToList();
            Assert.Contains(whatIf, l => l.Contains("Delete EventBridge rule") && l.Contains("RootGuard-RootSignIn"));
            Assert.Contains(whatIf, l => l.Contains("Delete CloudWatch alarm") && l.Contains("RootGuard-RootAccountUsage"));
            Assert.Contains(whatIf, l => l.Contains("Delete the metric filter RootGuard created") && l.Contains("trail-logs/RootAccountUsage"));
            Assert.Contains(whatIf, l => l.Contains("RootGuardSignInAlertRootGuardRootSignIn") && l.Contains("team-alerts"));
            Assert.DoesNotContain(whatIf, l => l.Contains("team-rule") || l.Contains("team-alarm") || l.Contains("TeamFilter"));
            Assert.Contains("RootGuard-RootSignIn", Strings(backend.Seeder.RunBoto3Json(ReadAccount), "rules"));
        }

        [Fact]
        public void WhatIf_shows_no_deletion_of_an_alarm_someone_added_an_action_to_nor_of_its_filter_and_topic_and_says_why()
        {
            var team = backend.Seeder.RunBoto3Json(SeedAccount).GetProperty("team_topic").GetString()!;
            backend.Seeder.RunBoto3("""
cw = client("cloudwatch")
a = cw.describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0]
cw.put_metric_alarm(AlarmName=a["AlarmName"], MetricName=a["MetricName"], Namespace=a["Namespace"], Statistic=a["Statistic"], Period=a["Period"],
    EvaluationPeriods=a["EvaluationPeriods"], Threshold=a["Threshold"], ComparisonOperator=a["ComparisonOperator"],
    AlarmActions=a["AlarmActions"], OKActions=[ARGS["team"]])
""", new { team });
            backend.Handler.Clear();
            using var session = backend.NewSession();

            var result = session.Run("Remove-RootMonitoring @aws -WhatIf").ThrowIfErrors();

            Assert.Empty(backend.Handler.MutatingCalls);
            var whatIf = session.HostLines.Where(l => l.StartsWith("What if:")).ToList();
            Assert.Contains(whatIf, l => l.Contains("Delete EventBridge rule") && l.Contains("RootGuard-RootSignIn"));
            Assert.DoesNotContain(whatIf, l => l.Contains("RootGuard-RootAccountUsage") || l.Contains("trail-logs/RootAccountUsage"));
            Assert.Contains(result.Warnings, w => w.Message.StartsWith("CloudWatch alarm 'RootGuard-RootAccountUsage' in us-east-1", StringComparison.Ordinal)
                                                  && w.Message.Contains("but not its OK action " + team));
        }

        [Fact]
        public void Confirm_asks_once_per_removal_and_a_No_keeps_that_resource_and_what_only_it_uses()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            using var session = backend.NewSession();
            // Seven steps in this order: disable rule, targets, delete rule, alarm, filter, policy statement, topic (usage);
            // sign-in topic. No to the rule deletion: the sign-in topic it sent to is kept, without asking.
            foreach (var answer in new[] { "Yes", "Yes", "No", "Yes", "Yes", "Yes", "Yes" })
            {
                session.Host.Recorder.ConfirmAnswers.Enqueue(answer);
            }

            var result = session.Run("Remove-RootMonitoring @aws").ThrowIfErrors();

            Assert.Equal(7, session.Host.Recorder.Prompts.Count);
            var state = backend.Seeder.RunBoto3Json(ReadAccount);
            Assert.Contains("RootGuard-RootSignIn", Strings(state, "rules"));
            Assert.Contains("RootGuard-RootSignIn", Strings(state, "topics"));
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "alarms"));
            Assert.Contains(result.Warnings, w => w.Message.StartsWith("SNS topic 'arn:aws:sns:us-east-1:", StringComparison.Ordinal)
                                                  && w.Message.Contains("'Delete EventBridge rule' on EventBridge rule 'RootGuard-RootSignIn', which was declined"));
        }

        [Fact]
        public void Removing_one_component_leaves_the_other_monitor_in_place()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            using var session = backend.NewSession();
            session.Run("Remove-RootMonitoring @aws -Component UsageAlarm -Confirm:$false").ThrowIfErrors();

            var state = backend.Seeder.RunBoto3Json(ReadAccount);
            Assert.Contains("RootGuard-RootSignIn", Strings(state, "rules"));
            Assert.Contains("RootGuard-RootSignIn", Strings(state, "topics"));
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "alarms"));
            Assert.DoesNotContain("RootAccountUsage", Strings(state, "filters"));
            Assert.Contains("RootGuardSignInAlertRootGuardRootSignIn", Strings(state, "team_sids"));
        }

        [Fact]
        public void A_metric_filter_RootGuard_only_reused_survives_the_removal_of_its_alarm()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            // The alarm no longer says RootGuard created the filter: it was an existing, equivalent filter.
            backend.Seeder.RunBoto3("""client("cloudwatch").untag_resource(ResourceARN=client("cloudwatch").describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0]["AlarmArn"], TagKeys=["RootGuard:MetricFilter"])""");
            using var session = backend.NewSession();
            session.Run("Remove-RootMonitoring @aws -Component UsageAlarm -Force").ThrowIfErrors();

            var state = backend.Seeder.RunBoto3Json(ReadAccount);
            Assert.Contains("RootAccountUsage", Strings(state, "filters"));
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(state, "alarms"));
        }

        [Fact]
        public void A_filter_recreated_under_RootGuards_name_for_another_metric_is_neither_listed_nor_removed()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            // The alarm still names trail-logs:RootAccountUsage, but the filter of that name now belongs to someone else's metric.
            backend.Seeder.RunBoto3("""
logs = client("logs")
logs.delete_metric_filter(logGroupName="trail-logs", filterName="RootAccountUsage")
logs.put_metric_filter(logGroupName="trail-logs", filterName="RootAccountUsage", filterPattern='{ $.eventName = "ConsoleLogin" }',
    metricTransformations=[{"metricName": "Logins", "metricNamespace": "Team", "metricValue": "1"}])
""");
            using var session = backend.NewSession();

            var listed = session.Run("Get-RootMonitoring -Resource @aws").ThrowIfErrors().Output;
            var result = session.Run("Remove-RootMonitoring @aws -Component UsageAlarm -Force").ThrowIfErrors();

            Assert.DoesNotContain(listed, o => (string)o.Properties["ResourceType"].Value == "CloudWatch Logs metric filter");
            Assert.Contains(result.Warnings, w => w.Message.Contains("'RootAccountUsage'") && w.Message.Contains("no longer publishes"));
            Assert.Contains("RootAccountUsage", Strings(backend.Seeder.RunBoto3Json(ReadAccount), "filters"));
            Assert.DoesNotContain("RootGuard-RootAccountUsage", Strings(backend.Seeder.RunBoto3Json(ReadAccount), "alarms"));
        }

        [Fact]
        public void Piping_a_monitor_removes_that_monitor_only()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            using var session = backend.NewSession();
            session.Run("[pscustomobject]@{ RuleName = 'RootGuard-RootSignIn'; TopicArn = 'arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn' } | Remove-RootMonitoring @aws -Force").ThrowIfErrors();

            var state = backend.Seeder.RunBoto3Json(ReadAccount);
            Assert.DoesNotContain("RootGuard-RootSignIn", Strings(state, "rules"));
            Assert.DoesNotContain("RootGuard-RootSignIn", Strings(state, "topics"));
            Assert.Contains("RootGuard-RootAccountUsage", Strings(state, "alarms"));
            Assert.Contains("RootGuard-RootAccountUsage", Strings(state, "topics"));
        }

        [Fact]
        public void A_rule_with_targets_someone_else_added_keeps_them_and_only_RootGuards_target_goes()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            backend.Seeder.RunBoto3("""client("events").put_targets(Rule="RootGuard-RootSignIn", Targets=[{"Id": "team-queue", "Arn": "arn:aws:sqs:us-east-1:123456789012:team"}])""");
            using var session = backend.NewSession();
            var result = session.Run("Remove-RootMonitoring @aws -Component SignInAlert -Force").ThrowIfErrors();

            var targets = backend.Seeder.RunBoto3Json("""out([t["Id"] for t in client("events").list_targets_by_rule(Rule="RootGuard-RootSignIn")["Targets"]])""");
            Assert.Equal(new[] { "team-queue" }, targets.EnumerateArray().Select(e => e.GetString()).ToArray());
            Assert.Contains(result.Warnings, w => w.Message.Contains("RootGuard-RootSignIn") && w.Message.Contains("did not add"));
        }

        [Fact]
        public void Resources_a_CloudFormation_stack_made_are_left_to_the_stack_with_a_warning()
        {
            backend.Seeder.RunBoto3("""
import json
sns, ev = client("sns"), client("events")
tags = [{"Key": "ManagedBy", "Value": "RootGuard"}, {"Key": "RootGuard:Component", "Value": "SignInAlert"}, {"Key": "RootGuard:DeployedBy", "Value": "CloudFormation"}]
topic = sns.create_topic(Name="stack-topic", Tags=tags)["TopicArn"]
ev.put_rule(Name="stack-rule", EventPattern=json.dumps({"detail-type": ["AWS Console Sign In via CloudTrail"]}), State="ENABLED", Tags=tags)
ev.put_targets(Rule="stack-rule", Targets=[{"Id": "RootGuard-SNS", "Arn": topic}])
""");
            backend.Handler.Clear();
            using var session = backend.NewSession();
            var result = session.Run("Remove-RootMonitoring @aws -Force").ThrowIfErrors();

            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Contains(result.Warnings, w => w.Message.Contains("stack-rule") && w.Message.Contains("CloudFormation stack"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("stack-topic") && w.Message.Contains("CloudFormation stack"));
            var listed = session.Run("Get-RootMonitoring -Resource @aws").ThrowIfErrors().Output;
            Assert.Contains(listed, o => o.Properties["Name"].Value.ToString() == "stack-rule" && o.Properties["Detail"].Value.ToString()!.Contains("CloudFormation stack"));
        }

        [Fact]
        public void An_account_without_RootGuard_resources_gets_a_warning_and_no_mutating_call()
        {
            backend.Seeder.RunBoto3("""client("sns").create_topic(Name="team-alerts")""");
            backend.Handler.Clear();
            using var session = backend.NewSession();
            var result = session.Run("Remove-RootMonitoring @aws -Force").ThrowIfErrors();

            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Contains(result.Warnings, w => w.Message.Contains("No RootGuard resources"));
        }

        [Fact]
        public void A_denied_deletion_stops_with_a_permission_error_naming_the_step_and_the_IAM_action()
        {
            backend.Seeder.RunBoto3(SeedAccount);
            backend.Handler.On("events", "DeleteRule").Fail("AccessDeniedException", System.Net.HttpStatusCode.BadRequest, "not allowed");
            using var session = backend.NewSession();
            var result = session.Run("Remove-RootMonitoring @aws -Force");

            var error = result.Errors.Single();
            Assert.Equal("RootGuard.AccessDenied", ScriptResult.ErrorIdOf(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("Delete EventBridge rule", error.Exception.Message);
            Assert.Contains("events:DeleteRule", error.ErrorDetails.RecommendedAction);
        }
    }
}
