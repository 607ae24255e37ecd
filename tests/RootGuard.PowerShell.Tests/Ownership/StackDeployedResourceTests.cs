using System.Management.Automation;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.PowerShell.Tests.SignInAlert;
using RootGuard.PowerShell.Tests.UsageAlarm;
using Xunit;

namespace RootGuard.PowerShell.Tests.Ownership
{
    /// <summary>
    /// What a CloudFormation stack made from Export-RootGuardTemplate is the stack's: New-RootSignInAlert and
    /// New-RootUsageAlarm refuse, before any change, a call that would change it (the stack's next update would undo the
    /// change), report it as it is when the call changes nothing, and never reuse a stack's topic as the region's
    /// RootGuard topic. The resources are made here with boto3 and tagged as the template tags them.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class StackDeployedResourceTests
    {
        private const string StackTopicName = "RootGuard-NotificationTopic-1A2B3C4D5E6F";
        private const string StackTopicArn = "arn:aws:sns:us-east-1:" + SignInAlertScenario.Account + ":" + StackTopicName;
        private const string Marker = "RootGuard:DeployedBy=CloudFormation";
        private readonly ModuleBackend backend;

        public StackDeployedResourceTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        /// <summary>Tags an existing rule, topic or alarm as the template's stack tags it.</summary>
        private void TagAsStacks(string service, string arn) => backend.Seeder.RunBoto3("""
tags = [{"Key": "RootGuard:DeployedBy", "Value": "CloudFormation"}]
if ARGS["service"] == "sns": client("sns").tag_resource(ResourceArn=ARGS["arn"], Tags=tags)
elif ARGS["service"] == "events": client("events").tag_resource(ResourceARN=ARGS["arn"], Tags=tags)
else: client("cloudwatch").tag_resource(ResourceARN=ARGS["arn"], Tags=tags)
""", new { service, arn });

        private static void AssertRefused(ErrorRecord error, string resource)
        {
            Assert.Equal("RootGuard.StackManagedResource", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains(resource, error.ErrorDetails.Message);
            Assert.Contains(Marker, error.ErrorDetails.Message);
            Assert.Contains("Nothing was changed", error.ErrorDetails.Message);
            Assert.Contains("through the stack", error.ErrorDetails.RecommendedAction);
        }

        [Fact]
        public void A_stacks_sign_in_rule_is_refused_before_any_change_and_the_way_out_names_the_stacks_topic()
        {
            // As the template's stack makes it: a topic of a generated name, the rule of RootGuard's default name sending to it.
            backend.Seeder.RunBoto3("""
sns, ev = client("sns"), client("events")
tags = [{"Key": "ManagedBy", "Value": "RootGuard"}, {"Key": "RootGuard:Component", "Value": "SignInAlert"}, {"Key": "RootGuard:DeployedBy", "Value": "CloudFormation"}]
topic = sns.create_topic(Name=ARGS["topic"], Tags=tags)["TopicArn"]
sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="security@example.com")
ev.put_rule(Name="RootGuard-RootSignIn", EventPattern=json.dumps({"source": ["aws.signin"], "detail-type": ["AWS Console Sign In via CloudTrail"], "detail": {"userIdentity": {"type": ["Root"]}}}),
    State="ENABLED", Description="stack", Tags=tags)
ev.put_targets(Rule="RootGuard-RootSignIn", Targets=[{"Id": "RootGuard-SNS", "Arn": topic}])
""", new { topic = StackTopicName });
            var before = SignInAlertScenario.Snapshot(backend);
            backend.Handler.Clear();
            using var session = backend.NewSession();

            var error = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false").SingleError();

            AssertRefused(error, "EventBridge rule 'RootGuard-RootSignIn'");
            Assert.Contains("-Name", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-TopicArn " + StackTopicArn, error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, SignInAlertScenario.Snapshot(backend));
        }

        [Fact]
        public void A_re_run_that_changes_nothing_on_the_stacks_alert_reports_it_and_a_changed_setting_is_refused()
        {
            using var session = backend.NewSession();
            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();
            TagAsStacks("events", SignInAlertScenario.RuleArn);
            TagAsStacks("sns", SignInAlertScenario.TopicArn);
            var before = SignInAlertScenario.Snapshot(backend);
            backend.Handler.Clear();

            var rerun = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();

            Assert.Equal("RootGuard-RootSignIn", rerun.Property("RuleName"));
            Assert.Equal(SignInAlertScenario.TopicArn, rerun.Property("TopicArn"));
            Assert.Empty(backend.Handler.MutatingCalls);

            var error = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -SuccessOnly -Confirm:$false").SingleError();

            AssertRefused(error, "EventBridge rule 'RootGuard-RootSignIn'");
            Assert.Contains("correct the event pattern", error.ErrorDetails.Message);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, SignInAlertScenario.Snapshot(backend));
        }

        [Fact]
        public void Repair_RootAccountSecurity_refuses_to_repair_a_stacks_sign_in_rule_and_changes_nothing()
        {
            using var session = backend.NewSession();
            session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();
            TagAsStacks("events", SignInAlertScenario.RuleArn);
            backend.Seeder.RunBoto3("""client("events").disable_rule(Name="RootGuard-RootSignIn")""");
            var before = SignInAlertScenario.Snapshot(backend);
            backend.Handler.Clear();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.5 -EmailAddress security@example.com -Confirm:$false");

            var error = Assert.Single(result.Errors);
            AssertRefused(error, "EventBridge rule 'RootGuard-RootSignIn'");
            Assert.Contains("enable it", error.ErrorDetails.Message);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, SignInAlertScenario.Snapshot(backend));
        }

        [Fact]
        public void A_stacks_usage_alarm_is_refused_before_any_change_and_a_re_run_on_its_topic_reports_it_as_it_is()
        {
            backend.Seeder.CreateTrailWithLogs();
            var topicArn = backend.Seeder.CreateTopic(StackTopicName);
            using var session = backend.NewSession();
            session.Run($"New-RootUsageAlarm @aws -TopicArn {topicArn} -Confirm:$false").ThrowIfErrors();
            var alarmArn = UsageAlarmScenario.Alarm(backend).GetProperty("AlarmArn").GetString()!;
            TagAsStacks("cloudwatch", alarmArn);
            TagAsStacks("sns", topicArn);
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.Clear();

            var rerun = session.Run($"New-RootUsageAlarm @aws -TopicArn {topicArn} -Confirm:$false").ThrowIfErrors();

            Assert.Equal("RootGuard-RootAccountUsage", rerun.Property("AlarmName"));
            Assert.Empty(backend.Handler.MutatingCalls);

            // Without -TopicArn the alarm would be pointed at a topic of RootGuard's own.
            var error = session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false").SingleError();

            AssertRefused(error, "CloudWatch alarm 'RootGuard-RootAccountUsage'");
            Assert.Contains("-AlarmName", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-FilterName", error.ErrorDetails.RecommendedAction);
            Assert.Contains("-TopicArn " + topicArn, error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
        }

        [Fact]
        public void The_metric_filter_a_stacks_alarm_records_is_refused_as_the_stacks_too()
        {
            backend.Seeder.CreateTrailWithLogs();
            var topicArn = backend.Seeder.CreateTopic(StackTopicName);
            using var session = backend.NewSession();
            session.Run($"New-RootUsageAlarm @aws -TopicArn {topicArn} -Confirm:$false").ThrowIfErrors();
            TagAsStacks("cloudwatch", UsageAlarmScenario.Alarm(backend).GetProperty("AlarmArn").GetString()!);
            TagAsStacks("sns", topicArn);
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.Clear();

            var error = session.Run($"New-RootUsageAlarm @aws -TopicArn {topicArn} -ExcludeCentralizedRootSession -Confirm:$false").SingleError();

            AssertRefused(error, "metric filter 'RootAccountUsage' on log group 'rootguard-cloudtrail'");
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
        }

        [Fact]
        public void A_stacks_topic_given_with_TopicArn_is_refused_when_RootGuard_would_add_its_statement()
        {
            backend.Seeder.CreateTrailWithLogs();
            var topicArn = backend.Seeder.CreateTopic(StackTopicName);
            TagAsStacks("sns", topicArn);
            var before = UsageAlarmScenario.Snapshot(backend);
            backend.Handler.Clear();
            using var session = backend.NewSession();

            var error = session.Run($"New-RootUsageAlarm @aws -TopicArn {topicArn} -Confirm:$false").SingleError();

            AssertRefused(error, $"SNS topic '{topicArn}'");
            Assert.Contains("RootGuardUsageAlarm", error.ErrorDetails.Message);
            Assert.Contains("leave out -TopicArn", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, UsageAlarmScenario.Snapshot(backend));
        }

        [Fact]
        public void A_stacks_topic_of_the_other_monitors_default_name_is_not_reused_and_stays_as_it_was()
        {
            backend.Seeder.CreateTrailWithLogs();
            backend.Seeder.RunBoto3("""
client("sns").create_topic(Name="RootGuard-RootSignIn", Tags=[{"Key": "ManagedBy", "Value": "RootGuard"}, {"Key": "RootGuard:Component", "Value": "SignInAlert"},
    {"Key": "RootGuard:DeployedBy", "Value": "CloudFormation"}])
""");
            var stackTopic = UsageAlarmScenario.Topic(backend, SignInAlertScenario.TopicArn).GetRawText();
            using var session = backend.NewSession();

            var result = session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();

            var own = "arn:aws:sns:us-east-1:" + SignInAlertScenario.Account + ":RootGuard-RootAccountUsage";
            Assert.Equal(own, result.Property("TopicArn"));
            Assert.Contains(result.Warnings, w => w.Message.Contains(SignInAlertScenario.TopicArn) && w.Message.Contains("not reused") && w.Message.Contains(Marker));
            Assert.Equal(stackTopic, UsageAlarmScenario.Topic(backend, SignInAlertScenario.TopicArn).GetRawText());
            Assert.Equal(own, UsageAlarmScenario.Alarm(backend).GetProperty("AlarmActions")[0].GetString());
            Assert.DoesNotContain(backend.Handler.CallsTo("sns", "SetTopicAttributes"), c => c.RequestBody.Contains("RootGuard-RootSignIn"));
        }
    }
}
