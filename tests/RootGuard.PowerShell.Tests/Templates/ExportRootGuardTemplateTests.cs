using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Templates
{
    [Collection(ModuleBackendCollection.Name)]
    public sealed class ExportRootGuardTemplateTests
    {
        // moto 5.2 creates SNS topics and EventBridge rules from a template, and skips (with a warning) the types it
        // does not know: AWS::SNS::TopicPolicy, AWS::Logs::MetricFilter and AWS::CloudWatch::Alarm. It also ignores the
        // topic's Tags property. The filter and alarm are compared with what New-RootUsageAlarm makes instead.
        private const string CreateStack = """
logs = client("logs"); cfn = client("cloudformation"); events = client("events"); sns = client("sns")
logs.create_log_group(logGroupName=ARGS["logGroup"])
cfn.create_stack(StackName="RootGuard", TemplateBody=ARGS["template"], Parameters=[
    {"ParameterKey": "NotificationEmail", "ParameterValue": "security@example.com"},
    {"ParameterKey": "LogGroupName", "ParameterValue": ARGS["logGroup"]}])
stack = cfn.describe_stacks(StackName="RootGuard")["Stacks"][0]
outputs = {o["OutputKey"]: o.get("OutputValue") for o in stack.get("Outputs", [])}
def made(c, name):
    # moto lists the resource types it skipped as nameless entries; count only what it made.
    return sorted(r["LogicalResourceId"] for r in c.list_stack_resources(StackName=name)["StackResourceSummaries"] if r["LogicalResourceId"])
resources = made(cfn, "RootGuard")
# Another region of the same partition: no sign-in rule there (console sign-in events arrive only in us-east-1), and no alarm without a log group.
away = client("cloudformation", region_name="eu-west-1")
away.create_stack(StackName="RootGuard", TemplateBody=ARGS["template"], Parameters=[
    {"ParameterKey": "NotificationEmail", "ParameterValue": "security@example.com"}, {"ParameterKey": "LogGroupName", "ParameterValue": ""}])
away_outputs = sorted(o["OutputKey"] for o in away.describe_stacks(StackName="RootGuard")["Stacks"][0].get("Outputs", []))
def rule(name):
    r = events.describe_rule(Name=name)
    t = events.list_targets_by_rule(Rule=name)["Targets"]
    tags = events.list_tags_for_resource(ResourceARN=r["Arn"])["Tags"]
    return {"Arn": r["Arn"], "Pattern": r["EventPattern"], "State": r["State"], "Description": r.get("Description"), "Targets": t,
            "Tags": sorted(x["Key"] + "=" + x["Value"] for x in tags)}
topic = outputs["TopicArn"]
out({"Status": stack["StackStatus"], "Outputs": outputs, "Resources": resources, "AwayResources": made(away, "RootGuard"), "AwayOutputs": away_outputs,
     "Stack": rule("RootGuard-RootSignIn"), "Live": rule("LiveSignIn"),
     "Subscriptions": [s["Protocol"] + ":" + s["Endpoint"] for s in sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]]})
""";

        private readonly ModuleBackend backend;

        public ExportRootGuardTemplateTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void The_exported_template_deploys_and_its_rule_is_the_one_New_RootSignInAlert_makes()
        {
            using var session = backend.NewSession();
            var template = (string)session.Run("Export-RootGuardTemplate").ThrowIfErrors().Output.Single().BaseObject;
            Assert.Empty(backend.Handler.Calls);
            session.Run("New-RootSignInAlert @aws -Name LiveSignIn -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();

            var result = backend.Seeder.RunBoto3Json(CreateStack, new { template, logGroup = "org-cloudtrail" });

            Assert.Equal("CREATE_COMPLETE", result.GetProperty("Status").GetString());
            Assert.Equal(new[] { "NotificationTopic", "RootSignInRule" },
                result.GetProperty("Resources").EnumerateArray().Select(r => r.GetString()).ToArray());
            var stack = result.GetProperty("Stack");
            var live = result.GetProperty("Live");
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(live.GetProperty("Pattern").GetString()!), JsonNode.Parse(stack.GetProperty("Pattern").GetString()!)));
            Assert.Equal(live.GetProperty("State").GetString(), stack.GetProperty("State").GetString());
            Assert.Equal(live.GetProperty("Description").GetString(), stack.GetProperty("Description").GetString());

            var stackTarget = stack.GetProperty("Targets").EnumerateArray().Single();
            var liveTarget = live.GetProperty("Targets").EnumerateArray().Single();
            Assert.Equal(liveTarget.GetProperty("Id").GetString(), stackTarget.GetProperty("Id").GetString());
            Assert.Equal(result.GetProperty("Outputs").GetProperty("TopicArn").GetString(), stackTarget.GetProperty("Arn").GetString());
            Assert.Equal(result.GetProperty("Outputs").GetProperty("RuleArn").GetString(), stack.GetProperty("Arn").GetString());
            // The message, console link and region included, is the live cmdlet's once CloudFormation has filled in the stack's region.
            Assert.Equal(liveTarget.GetProperty("InputTransformer").GetProperty("InputTemplate").GetString(),
                stackTarget.GetProperty("InputTransformer").GetProperty("InputTemplate").GetString());
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(liveTarget.GetProperty("InputTransformer").GetProperty("InputPathsMap").GetRawText()),
                JsonNode.Parse(stackTarget.GetProperty("InputTransformer").GetProperty("InputPathsMap").GetRawText())));

            // The stack's rule says a stack made it (so Remove-RootMonitoring leaves it to the stack); otherwise the tags are the live cmdlet's.
            Assert.Equal(live.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()),
                stack.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()).Where(t => t != "RootGuard:DeployedBy=CloudFormation"));
            Assert.Contains("RootGuard:DeployedBy=CloudFormation", stack.GetProperty("Tags").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(new[] { "NotificationTopic" }, result.GetProperty("AwayResources").EnumerateArray().Select(r => r.GetString()).ToArray());
            Assert.Equal(new[] { "TopicArn" }, result.GetProperty("AwayOutputs").EnumerateArray().Select(r => r.GetString()).ToArray());
            Assert.Equal(new[] { "email:security@example.com" }, result.GetProperty("Subscriptions").EnumerateArray().Select(s => s.GetString()).ToArray());
        }

        [Fact]
        public void The_template_filter_and_alarm_are_the_ones_New_RootUsageAlarm_makes()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();
            var template = (JsonObject)JsonNode.Parse((string)session.Run("Export-RootGuardTemplate -Component UsageAlarm").ThrowIfErrors().Output.Single().BaseObject)!;
            session.Run("New-RootUsageAlarm @aws -EmailAddress security@example.com -Confirm:$false").ThrowIfErrors();

            var live = backend.Seeder.RunBoto3Json("""
f = client("logs").describe_metric_filters(logGroupName="rootguard-cloudtrail")["metricFilters"][0]
a = client("cloudwatch").describe_alarms(AlarmNames=["RootGuard-RootAccountUsage"])["MetricAlarms"][0]
out({"Filter": {k: f[k] for k in ["filterName", "filterPattern", "metricTransformations"]},
     "Alarm": {k: a.get(k) for k in ["AlarmName", "AlarmDescription", "ActionsEnabled", "Namespace", "MetricName", "Statistic", "Period",
                                     "EvaluationPeriods", "Threshold", "ComparisonOperator", "TreatMissingData"]}})
""");
            var filter = template["Resources"]!["RootUsageMetricFilter"]!["Properties"]!;
            Assert.Equal(live.GetProperty("Filter").GetProperty("filterName").GetString(), (string?)filter["FilterName"]);
            Assert.Equal("{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }",
                (string?)filter["FilterPattern"]);
            Assert.Equal(live.GetProperty("Filter").GetProperty("filterPattern").GetString(), (string?)filter["FilterPattern"]);
            var transformation = live.GetProperty("Filter").GetProperty("metricTransformations")[0];
            Assert.Equal(transformation.GetProperty("metricNamespace").GetString(), (string?)filter["MetricTransformations"]![0]!["MetricNamespace"]);
            Assert.Equal(transformation.GetProperty("metricName").GetString(), (string?)filter["MetricTransformations"]![0]!["MetricName"]);
            Assert.Equal(transformation.GetProperty("metricValue").GetString(), (string?)filter["MetricTransformations"]![0]!["MetricValue"]);

            var alarm = (JsonObject)template["Resources"]!["RootUsageAlarm"]!["Properties"]!;
            foreach (var setting in live.GetProperty("Alarm").EnumerateObject())
            {
                Assert.True(JsonNode.DeepEquals(JsonNode.Parse(setting.Value.GetRawText()), alarm[setting.Name]),
                    $"{setting.Name}: live {setting.Value.GetRawText()}, template {alarm[setting.Name]?.ToJsonString()}");
            }
        }
    }
}
