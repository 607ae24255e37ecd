using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Planning;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.Tests.Aws;
using RootGuard.Core.UsageAlarm;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Monitoring
{
    /// <summary>
    /// Remove-RootMonitoring's planner against moto, after the real New-RootSignInAlert and New-RootUsageAlarm planners
    /// have deployed both monitors (one shared topic): what a user added to RootGuard's topic or alarm keeps it, and a
    /// fresh deployment is still removed whole.
    /// </summary>
    [Collection("moto")]
    public sealed class RemovalKeepsUsersConfigurationTests : IDisposable
    {
        private const string Topic = "arn:aws:sns:us-east-1:" + MotoServerFixture.AccountId + ":RootGuard-RootSignIn";
        private const string AlarmName = "RootGuard-RootAccountUsage";

        private readonly MotoServerFixture moto;
        private readonly RecordingHandler handler = new();
        private readonly AwsClientFactory factory;

        public RemovalKeepsUsersConfigurationTests(MotoServerFixture moto)
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

        private const string ReadAccount = """
import json
sns, ev, logs, cw = client("sns"), client("events"), client("logs"), client("cloudwatch")
topics = [t["TopicArn"] for t in sns.list_topics()["Topics"]]
out({
  "topics": sorted(t.split(":")[-1] for t in topics),
  "sids": {t.split(":")[-1]: [s.get("Sid") for s in json.loads(sns.get_topic_attributes(TopicArn=t)["Attributes"]["Policy"])["Statement"]] for t in topics},
  "rules": sorted(r["Name"] for r in ev.list_rules()["Rules"]),
  "alarms": sorted(a["AlarmName"] for a in cw.describe_alarms()["MetricAlarms"]),
  "filters": sorted(f["filterName"] for g in logs.describe_log_groups()["logGroups"] for f in logs.describe_metric_filters(logGroupName=g["logGroupName"])["metricFilters"]),
})
""";

        private string[] Read(string name) =>
            moto.Seeder.RunBoto3Json(ReadAccount).GetProperty(name).EnumerateArray().Select(e => e.GetString()!).ToArray();

        private string[] SidsOf(string topicName) =>
            moto.Seeder.RunBoto3Json(ReadAccount).GetProperty("sids").GetProperty(topicName).EnumerateArray().Select(e => e.GetString()!).ToArray();

        // Both monitors as New-RootSignInAlert | New-RootUsageAlarm leave them: the alarm reuses the alert's topic.
        private async Task DeployBothMonitorsAsync()
        {
            moto.Seeder.CreateTrailWithLogs();
            var alert = await new SignInAlertPlanner(factory).PlanAsync(new SignInAlertRequest(MotoServerFixture.Region, MotoServerFixture.AccountId)
            {
                EmailAddresses = new[] { "security@example.com" },
            });
            PlanExecutor.Execute(alert.Changes, _ => true, CancellationToken.None);
            var alarm = await new UsageAlarmPlanner(factory).PlanAsync(new UsageAlarmRequest(new UsageAlarmSettings(),
                new UsageAlarmNotification { EmailAddresses = new[] { "security@example.com" } }));
            PlanExecutor.Execute(alarm.Changes, _ => true, CancellationToken.None);
            Assert.Equal(new[] { "RootGuard-RootSignIn" }, Read("topics"));
        }

        private async Task<RemovalPlan> RemoveEverythingAsync()
        {
            var selection = new RemovalSelection();
            foreach (var component in RemovalSelection.AllComponents) selection.Components.Add(component);
            var plan = await new RemovalPlanner(factory).PlanAsync(selection);
            var outcomes = PlanExecutor.Execute(plan.Changes, _ => true, CancellationToken.None);
            Assert.All(outcomes, o => Assert.Equal(ChangeOutcome.Applied, o.Outcome));
            return plan;
        }

        [Fact]
        public async Task A_fresh_deployment_is_removed_whole_topic_included()
        {
            await DeployBothMonitorsAsync();
            // RootGuard wrote SNS's owner default statement next to its own two: none of them keeps the topic.
            Assert.Equal(new[] { "RootGuardSignInAlertRootGuardRootSignIn", "RootGuardUsageAlarmRootGuardRootAccountUsage", "__default_statement_ID" },
                SidsOf("RootGuard-RootSignIn").OrderBy(s => s, StringComparer.Ordinal));

            var plan = await RemoveEverythingAsync();

            Assert.Contains(plan.Changes, c => c.ResourceType == "SNS topic" && c.ResourceName == Topic);
            Assert.Empty(plan.Warnings);
            Assert.Empty(Read("topics"));
            Assert.Empty(Read("rules"));
            Assert.Empty(Read("alarms"));
            Assert.Empty(Read("filters"));
        }

        [Theory]
        [InlineData("S3Notifications", """{"Service": "s3.amazonaws.com"}""", "s3.amazonaws.com")]
        [InlineData("PartnerAccount", """{"AWS": ["arn:aws:iam::210987654321:root"]}""", "arn:aws:iam::210987654321:root")]
        [InlineData("BudgetsAlerts", """{"Service": "budgets.amazonaws.com"}""", "budgets.amazonaws.com")]
        public async Task A_statement_someone_else_wrote_that_lets_them_publish_keeps_RootGuards_topic_and_the_monitors_still_go(
            string sid, string principal, string named)
        {
            await DeployBothMonitorsAsync();
            moto.Seeder.RunBoto3("""
sns = client("sns")
policy = json.loads(sns.get_topic_attributes(TopicArn=ARGS["topic"])["Attributes"]["Policy"])
policy["Statement"].append({"Sid": ARGS["sid"], "Effect": "Allow", "Principal": json.loads(ARGS["principal"]), "Action": "SNS:Publish", "Resource": ARGS["topic"]})
sns.set_topic_attributes(TopicArn=ARGS["topic"], AttributeName="Policy", AttributeValue=json.dumps(policy))
""", new { topic = Topic, sid, principal });

            var plan = await RemoveEverythingAsync();

            Assert.DoesNotContain(plan.Changes, c => c.ResourceType == "SNS topic");
            var kept = Assert.Single(plan.Warnings);
            Assert.StartsWith($"SNS topic '{Topic}' is kept", kept, StringComparison.Ordinal);
            Assert.Contains($"'{sid}' ({named})", kept, StringComparison.Ordinal);
            Assert.Contains($"aws sns delete-topic --topic-arn {Topic}", kept, StringComparison.Ordinal);
            Assert.Equal(new[] { "RootGuard-RootSignIn" }, Read("topics"));
            Assert.Contains(sid, SidsOf("RootGuard-RootSignIn"));
            Assert.Empty(Read("rules"));
            Assert.Empty(Read("alarms"));
            Assert.Empty(Read("filters"));
        }

        [Fact]
        public async Task A_statement_someone_wrote_that_does_not_let_anyone_publish_does_not_keep_the_topic()
        {
            await DeployBothMonitorsAsync();
            moto.Seeder.RunBoto3("""
sns = client("sns")
policy = json.loads(sns.get_topic_attributes(TopicArn=ARGS["topic"])["Attributes"]["Policy"])
policy["Statement"].append({"Sid": "AuditorsSubscribe", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::210987654321:root"}, "Action": ["SNS:Subscribe"], "Resource": ARGS["topic"]})
sns.set_topic_attributes(TopicArn=ARGS["topic"], AttributeName="Policy", AttributeValue=json.dumps(policy))
""", new { topic = Topic });

            var plan = await RemoveEverythingAsync();

            Assert.Empty(plan.Warnings);
            Assert.Empty(Read("topics"));
        }
    

        [Theory]
        [InlineData("OKActions", "team-pager", "OK action")]
        [InlineData("InsufficientDataActions", "team-pager", "INSUFFICIENT_DATA action")]
        [InlineData("AlarmActions", "team-pager", "alarm action")]
        [InlineData("AlarmActions", "arn:aws:ssm:us-east-1:123456789012:opsitem:3#CATEGORY=Security", "alarm action")]
        [InlineData("AlarmActions", "arn:aws:automate:us-east-1:ec2:stop", "alarm action")]
        public async Task An_action_someone_added_to_RootGuards_alarm_keeps_the_alarm_its_filter_and_topic_and_the_rule_still_goes(
            string kind, string action, string named)
        {
            await DeployBothMonitorsAsync();
            var added = action == "team-pager" ? moto.Seeder.CreateTopic("team-pager") : action;
            moto.Seeder.RunBoto3("""
cw = client("cloudwatch")
a = cw.describe_alarms(AlarmNames=[ARGS["alarm"]])["MetricAlarms"][0]
actions = {k: a.get(k, []) for k in ("AlarmActions", "OKActions", "InsufficientDataActions")}
actions[ARGS["kind"]] = actions[ARGS["kind"]] + [ARGS["action"]]
cw.put_metric_alarm(AlarmName=a["AlarmName"], AlarmDescription=a["AlarmDescription"], MetricName=a["MetricName"], Namespace=a["Namespace"],
    Statistic=a["Statistic"], Period=a["Period"], EvaluationPeriods=a["EvaluationPeriods"], Threshold=a["Threshold"],
    ComparisonOperator=a["ComparisonOperator"], TreatMissingData=a["TreatMissingData"], **actions)
""", new { alarm = AlarmName, kind, action = added });

            var plan = await RemoveEverythingAsync();

            Assert.DoesNotContain(plan.Changes, c => c.ResourceType is "CloudWatch alarm" or "CloudWatch Logs metric filter" or "SNS topic");
            var kept = Assert.Single(plan.Warnings, w => w.StartsWith($"CloudWatch alarm '{AlarmName}'", StringComparison.Ordinal));
            Assert.Contains($"is kept: RootGuard made it, but not its {named} {added}.", kept, StringComparison.Ordinal);
            Assert.Contains("metric filter 'RootAccountUsage'", kept, StringComparison.Ordinal);
            Assert.Contains($"aws cloudwatch delete-alarms --alarm-names {AlarmName} --region us-east-1", kept, StringComparison.Ordinal);
            Assert.Contains(plan.Warnings, w => w.StartsWith($"SNS topic '{Topic}' is kept: a RootGuard rule or alarm that stays", StringComparison.Ordinal));
            Assert.Equal(new[] { AlarmName }, Read("alarms"));
            Assert.Equal(new[] { "RootAccountUsage" }, Read("filters"));
            Assert.Contains("RootGuard-RootSignIn", Read("topics"));
            Assert.Empty(Read("rules"));
        }
    }
}
