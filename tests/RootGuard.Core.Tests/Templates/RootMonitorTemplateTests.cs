using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.Templates;
using RootGuard.Core.UsageAlarm;
using Xunit;

namespace RootGuard.Core.Tests.Templates
{
    public sealed class RootMonitorTemplateTests
    {
        private static JsonObject Build(RootMonitorTemplateOptions? options = null) =>
            (JsonObject)JsonNode.Parse(RootMonitorTemplate.ToJson(options ?? new RootMonitorTemplateOptions()))!;

        private static JsonObject Resource(JsonObject template, string id) => (JsonObject)template["Resources"]![id]!;

        private static JsonObject Properties(JsonObject template, string id) => (JsonObject)Resource(template, id)["Properties"]!;

        public static IEnumerable<object[]> AllVariants()
        {
            foreach (var components in new[] { new[] { "SignInAlert", "UsageAlarm" }, new[] { "SignInAlert" }, new[] { "UsageAlarm" } })
            foreach (var format in new[] { SignInAlertMessageFormat.Readable, SignInAlertMessageFormat.Raw, SignInAlertMessageFormat.Chatbot })
            foreach (var flag in new[] { false, true })
            {
                yield return new object[]
                {
                    new RootMonitorTemplateOptions { Components = components, MessageFormat = format, SuccessOnly = flag, ExcludeCentralizedRootSession = flag },
                };
            }
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void The_rule_pattern_is_the_live_sign_in_pattern(bool successOnly)
        {
            var pattern = Properties(Build(new RootMonitorTemplateOptions { SuccessOnly = successOnly }), RootMonitorTemplate.RuleId)["EventPattern"]!;
            Assert.IsType<JsonObject>(pattern);
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse(RootMonitorDefinitions.BuildSignInEventPattern(successOnly)), pattern));
        }

        [Fact]
        public void The_filter_is_the_exact_CIS_text_and_the_alarm_names_the_CIS_control()
        {
            var template = Build();
            var filter = Properties(template, RootMonitorTemplate.FilterId);
            Assert.Equal(RootMonitorDefinitions.CisRootUsageFilterPattern, (string?)filter["FilterPattern"]);
            Assert.Equal(RootMonitorDefinitions.DefaultFilterName, (string?)filter["FilterName"]);
            var transformation = filter["MetricTransformations"]![0]!;
            Assert.Equal(RootMonitorDefinitions.MetricNamespace, (string?)transformation["MetricNamespace"]);
            Assert.Equal(RootMonitorDefinitions.MetricName, (string?)transformation["MetricName"]);
            Assert.Equal("1", (string?)transformation["MetricValue"]);

            var alarm = Properties(template, RootMonitorTemplate.AlarmId);
            Assert.Equal(RootMonitorDefinitions.DefaultAlarmName, (string?)alarm["AlarmName"]);
            Assert.Equal(AlarmDesign.CisDescription, (string?)alarm["AlarmDescription"]);
            Assert.Equal("Sum", (string?)alarm["Statistic"]);
            Assert.Equal(300, (int)alarm["Period"]!);
            Assert.Equal(1, (int)alarm["EvaluationPeriods"]!);
            Assert.Equal(1d, (double)alarm["Threshold"]!);
            Assert.Equal("GreaterThanOrEqualToThreshold", (string?)alarm["ComparisonOperator"]);
            Assert.Equal("notBreaching", (string?)alarm["TreatMissingData"]);
            Assert.Equal("{\"Ref\":\"NotificationTopic\"}", alarm["AlarmActions"]![0]!.ToJsonString());
            Assert.DoesNotContain("NON-CIS", (string?)template["Description"]);
        }

        [Fact]
        public void ExcludeCentralizedRootSession_uses_the_non_CIS_pattern_and_says_so()
        {
            var template = Build(new RootMonitorTemplateOptions { ExcludeCentralizedRootSession = true });
            Assert.Equal(RootMonitorDefinitions.CisRootUsageWithoutAssumeRootFilterPattern,
                (string?)Properties(template, RootMonitorTemplate.FilterId)["FilterPattern"]);
            Assert.Equal(AlarmDesign.NonCisDescription, (string?)Properties(template, RootMonitorTemplate.AlarmId)["AlarmDescription"]);
            Assert.Contains("NON-CIS", (string?)template["Description"]);
        }

        [Fact]
        public void The_rule_exists_only_in_the_home_region_and_the_alarm_only_with_a_log_group()
        {
            var template = Build();
            Assert.Equal(RootMonitorTemplate.HomeRegionCondition, (string?)Resource(template, RootMonitorTemplate.RuleId)["Condition"]);
            Assert.Equal(RootMonitorTemplate.LogGroupCondition, (string?)Resource(template, RootMonitorTemplate.FilterId)["Condition"]);
            Assert.Equal(RootMonitorTemplate.LogGroupCondition, (string?)Resource(template, RootMonitorTemplate.AlarmId)["Condition"]);
            Assert.Equal(RootMonitorTemplate.AnyMonitorCondition, (string?)Resource(template, RootMonitorTemplate.TopicPolicyId)["Condition"]);
            Assert.Equal(
                "{\"Fn::Equals\":[{\"Ref\":\"AWS::Region\"},{\"Fn::FindInMap\":[\"RootGuardPartitions\",{\"Ref\":\"AWS::Partition\"},\"HomeRegion\"]}]}",
                template["Conditions"]![RootMonitorTemplate.HomeRegionCondition]!.ToJsonString());
            Assert.Equal("{\"Fn::Not\":[{\"Fn::Equals\":[{\"Ref\":\"LogGroupName\"},\"\"]}]}",
                template["Conditions"]![RootMonitorTemplate.LogGroupCondition]!.ToJsonString());
        }

        [Theory]
        [InlineData("aws", "us-east-1")]
        [InlineData("aws-cn", "cn-north-1")]
        [InlineData("aws-us-gov", "us-gov-west-1")]
        public void Each_partition_maps_to_its_home_region(string partition, string homeRegion)
        {
            var map = Build()["Mappings"]![RootMonitorTemplate.PartitionMap]![partition]!;
            Assert.Equal(homeRegion, (string?)map["HomeRegion"]);
            Assert.Equal(AwsPartitions.HomeRegion(partition), (string?)map["HomeRegion"]);
        }

        [Theory]
        [InlineData(SignInAlertMessageFormat.Readable, "us-east-1")]
        [InlineData(SignInAlertMessageFormat.Readable, "cn-north-1")]
        [InlineData(SignInAlertMessageFormat.Chatbot, "us-gov-west-1")]
        public void The_message_is_the_live_cmdlets_message_once_CloudFormation_fills_in_the_region(SignInAlertMessageFormat format, string region)
        {
            var template = Build(new RootMonitorTemplateOptions { MessageFormat = format });
            var transformer = Properties(template, RootMonitorTemplate.RuleId)["Targets"]![0]!["InputTransformer"]!;
            var sub = (JsonArray)transformer["InputTemplate"]!["Fn::Sub"]!;
            var host = (string)template["Mappings"]![RootMonitorTemplate.PartitionMap]![AwsPartitions.PartitionOf(region)]!["ConsoleHost"]!;
            var filled = ((string)sub[0]!).Replace("${AWS::Region}", region).Replace("${ConsoleHost}", host);

            var live = SignInAlertMessages.TransformerFor(format, region)!;
            Assert.Equal(live.InputTemplate, filled);
            Assert.DoesNotContain("${", filled);
            Assert.Equal(live.InputPathsMap.OrderBy(p => p.Key), ((JsonObject)transformer["InputPathsMap"]!)
                .Select(p => new KeyValuePair<string, string>(p.Key, (string)p.Value!)).OrderBy(p => p.Key));
        }

        [Fact]
        public void Raw_sends_the_event_without_a_transformer()
        {
            var target = Properties(Build(new RootMonitorTemplateOptions { MessageFormat = SignInAlertMessageFormat.Raw }), RootMonitorTemplate.RuleId)["Targets"]![0]!;
            Assert.Null(target["InputTransformer"]);
            Assert.Equal(SignInAlertNames.TargetId, (string?)target["Id"]);
        }

        [Fact]
        public void The_topic_policy_lets_each_service_publish_only_for_its_own_rule_or_alarm()
        {
            var statements = (JsonArray)Properties(Build(), RootMonitorTemplate.TopicPolicyId)["PolicyDocument"]!["Statement"]!;
            var signIn = statements[0]!["Fn::If"]!;
            Assert.Equal(RootMonitorTemplate.HomeRegionCondition, (string?)signIn[0]);
            var expected = TopicPolicyDocument.ServicePublishStatement(SignInAlertNames.StatementSid(SignInAlertNames.DefaultName),
                SignInAlertNames.ServicePrincipal, "TOPIC", "SOURCE");
            expected["Resource"] = new JsonObject { ["Ref"] = RootMonitorTemplate.TopicId };
            expected["Condition"]!["ArnEquals"]!["aws:SourceArn"] = new JsonObject { ["Fn::GetAtt"] = new JsonArray(RootMonitorTemplate.RuleId, "Arn") };
            Assert.True(JsonNode.DeepEquals(expected, signIn[1]), signIn[1]!.ToJsonString());

            var usage = statements[1]!["Fn::If"]!;
            Assert.Equal(RootMonitorTemplate.LogGroupCondition, (string?)usage[0]);
            Assert.Equal(UsageAlarmPlanner.StatementSid(RootMonitorDefinitions.DefaultAlarmName), (string?)usage[1]!["Sid"]);
            Assert.Equal(UsageAlarmPlanner.CloudWatchPrincipal, (string?)usage[1]!["Principal"]!["Service"]);
            Assert.Equal("{\"Fn::GetAtt\":[\"RootUsageAlarm\",\"Arn\"]}", usage[1]!["Condition"]!["ArnEquals"]!["aws:SourceArn"]!.ToJsonString());
        }

        [Fact]
        public void Resources_carry_RootGuards_tags_and_the_alarm_records_the_filter_it_made()
        {
            var template = Build();
            string Tags(string id) => string.Join(",", ((JsonArray)Properties(template, id)["Tags"]!).Select(t => $"{t!["Key"]}={t["Value"]!.ToJsonString()}"));
            Assert.Equal("ManagedBy=\"RootGuard\",RootGuard:Component=\"SignInAlert\",RootGuard:DeployedBy=\"CloudFormation\"", Tags(RootMonitorTemplate.TopicId));
            Assert.Equal("ManagedBy=\"RootGuard\",RootGuard:Component=\"SignInAlert\",RootGuard:DeployedBy=\"CloudFormation\"", Tags(RootMonitorTemplate.RuleId));
            Assert.Equal("ManagedBy=\"RootGuard\",RootGuard:Component=\"UsageAlarm\",RootGuard:DeployedBy=\"CloudFormation\","
                         + MetricFilterChoice.OwnershipTagKey + "={\"Fn::Sub\":\"${LogGroupName}:RootAccountUsage\"}",
                Tags(RootMonitorTemplate.AlarmId));
        }

        [Fact]
        public void One_component_leaves_out_the_other_and_its_parameter()
        {
            var signIn = Build(new RootMonitorTemplateOptions { Components = new[] { RootGuardTags.SignInAlertComponent } });
            Assert.Null(signIn["Parameters"]![RootMonitorTemplate.LogGroupParameter]);
            Assert.Null(signIn["Resources"]![RootMonitorTemplate.AlarmId]);
            Assert.Equal(RootMonitorTemplate.HomeRegionCondition, (string?)Resource(signIn, RootMonitorTemplate.TopicPolicyId)["Condition"]);

            var usage = Build(new RootMonitorTemplateOptions { Components = new[] { RootGuardTags.UsageAlarmComponent } });
            Assert.Null(usage["Resources"]![RootMonitorTemplate.RuleId]);
            Assert.Null(usage["Mappings"]);
            Assert.Null(usage["Conditions"]![RootMonitorTemplate.HomeRegionCondition]);
            Assert.NotNull(usage["Parameters"]![RootMonitorTemplate.LogGroupParameter]);
        }

        [Theory]
        [MemberData(nameof(AllVariants))]
        public void Every_reference_names_something_the_template_defines(RootMonitorTemplateOptions options)
        {
            var text = RootMonitorTemplate.ToJson(options);
            using (JsonDocument.Parse(text)) { }
            var template = (JsonObject)JsonNode.Parse(text)!;
            var resources = ((JsonObject)template["Resources"]!).Select(p => p.Key).ToHashSet();
            var parameters = ((JsonObject)template["Parameters"]!).Select(p => p.Key).ToHashSet();
            var conditions = ((JsonObject)template["Conditions"]!).Select(p => p.Key).ToHashSet();
            var maps = (template["Mappings"] as JsonObject)?.Select(p => p.Key).ToHashSet() ?? new HashSet<string>();

            foreach (var node in Walk(template))
            {
                if (node is not JsonObject o) continue;
                if (o["Ref"] is JsonValue r)
                {
                    var name = (string)r!;
                    Assert.True(name.StartsWith("AWS::") || resources.Contains(name) || parameters.Contains(name), $"Ref {name}");
                }

                if (o["Fn::GetAtt"] is JsonArray g) Assert.Contains((string)g[0]!, resources);
                if (o["Fn::If"] is JsonArray i) Assert.Contains((string)i[0]!, conditions);
                if (o["Fn::FindInMap"] is JsonArray m) Assert.Contains((string)m[0]!, maps);
                if (o["Condition"] is JsonValue c) Assert.Contains((string)c!, conditions);
                if (o["DependsOn"] is JsonValue d) Assert.Contains((string)d!, resources);
                if (o["Fn::Sub"] is JsonValue s)
                {
                    foreach (System.Text.RegularExpressions.Match v in System.Text.RegularExpressions.Regex.Matches((string)s!, @"\$\{([^}]+)\}"))
                    {
                        Assert.True(v.Groups[1].Value.StartsWith("AWS::") || parameters.Contains(v.Groups[1].Value), v.Value);
                    }
                }
            }
        }

        private static IEnumerable<JsonNode> Walk(JsonNode? node)
        {
            if (node == null) yield break;
            yield return node;
            var children = node switch
            {
                JsonObject o => o.Select(p => p.Value),
                JsonArray a => a.AsEnumerable(),
                _ => Enumerable.Empty<JsonNode?>(),
            };
            foreach (var child in children)
            foreach (var descendant in Walk(child))
                yield return descendant;
        }
    }
}
