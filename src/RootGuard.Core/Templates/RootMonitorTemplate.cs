using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.UsageAlarm;
using static RootGuard.Core.Templates.CloudFormationFunctions;

namespace RootGuard.Core.Templates
{
    /// <summary>
    /// RootGuard's two root user monitors as one CloudFormation template, for StackSets to roll out across an
    /// organization. Every fact comes from where the live cmdlets read it (the sign-in pattern and messages, the CIS
    /// filter, the alarm design, the tags, the topic policy statement), so the stack makes what the cmdlets make.
    /// </summary>
    public static class RootMonitorTemplate
    {
        public const string EmailParameter = "NotificationEmail";
        public const string LogGroupParameter = "LogGroupName";
        public const string PartitionMap = "RootGuardPartitions";
        public const string HasEmailCondition = "HasNotificationEmail";
        public const string HomeRegionCondition = "IsHomeRegion";
        public const string LogGroupCondition = "HasLogGroup";
        public const string AnyMonitorCondition = "HasMonitor";
        public const string TopicId = "NotificationTopic";
        public const string TopicPolicyId = "NotificationTopicPolicy";
        public const string RuleId = "RootSignInRule";
        public const string FilterId = "RootUsageMetricFilter";
        public const string AlarmId = "RootUsageAlarm";

        /// <summary>The partitions a StackSet may deploy to; each needs a home region for the sign-in condition.</summary>
        public static readonly IReadOnlyList<string> Partitions = new[] { "aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b" };

        // Stand-ins handed to the shared designers, then swapped for Ref / Fn::Sub in the template.
        private const string LogGroupPlaceholder = "${" + LogGroupParameter + "}";
        private const string TopicArnPlaceholder = "arn:rootguard:template:topic";

        /// <summary>The template as indented JSON text.</summary>
        public static string ToJson(RootMonitorTemplateOptions options) =>
            Build(options).ToJsonString(new JsonSerializerOptions { WriteIndented = true });

        public static JsonObject Build(RootMonitorTemplateOptions options)
        {
            var signIn = options.Components.Contains(RootGuardTags.SignInAlertComponent);
            var usage = options.Components.Contains(RootGuardTags.UsageAlarmComponent);
            if (!signIn && !usage || options.Components.Any(c => c != RootGuardTags.SignInAlertComponent && c != RootGuardTags.UsageAlarmComponent))
            {
                throw new ArgumentException("Components must name SignInAlert, UsageAlarm or both.", nameof(options));
            }

            var settings = new UsageAlarmSettings { ExcludeCentralizedRootSession = options.ExcludeCentralizedRootSession };
            var parameters = new JsonObject
            {
                [EmailParameter] = new JsonObject
                {
                    ["Type"] = "String",
                    ["Default"] = "",
                    ["Description"] = "An e-mail address to subscribe to the alert topic (it must confirm the subscription). Empty: no subscription; subscribe other endpoints to the TopicArn output.",
                },
            };
            var conditions = new JsonObject { [HasEmailCondition] = Not(EqualsTo(Ref(EmailParameter), "")) };
            var resources = new JsonObject();
            var outputs = new JsonObject();
            var statements = new List<JsonNode>();
            var publishConditions = new List<string>();

            resources[TopicId] = Topic(signIn ? RootGuardTags.SignInAlertComponent : RootGuardTags.UsageAlarmComponent);
            outputs["TopicArn"] = Output("The SNS topic the monitors publish to.", Ref(TopicId));

            JsonObject? mappings = null;
            if (signIn)
            {
                mappings = new JsonObject { [PartitionMap] = PartitionMapping() };
                conditions[HomeRegionCondition] = EqualsTo(Ref("AWS::Region"), FindInMap(PartitionMap, Ref("AWS::Partition"), "HomeRegion"));
                resources[RuleId] = SignInRule(options);
                statements.Add(PublishStatement(SignInAlertNames.StatementSid(SignInAlertNames.DefaultName), SignInAlertNames.ServicePrincipal, RuleId));
                publishConditions.Add(HomeRegionCondition);
                outputs["RuleArn"] = Output("The EventBridge rule on root console sign-ins (home region only).", GetAtt(RuleId, "Arn"), HomeRegionCondition);
            }

            if (usage)
            {
                parameters[LogGroupParameter] = new JsonObject
                {
                    ["Type"] = "String",
                    ["Default"] = "",
                    ["Description"] = "The CloudWatch Logs group your multi-Region CloudTrail trail delivers to, in this account and Region. Empty: no root usage alarm here.",
                };
                conditions[LogGroupCondition] = Not(EqualsTo(Ref(LogGroupParameter), ""));
                var filter = MetricFilterChoice.Decide(LogGroupPlaceholder, Array.Empty<MetricFilter>(), settings, new Dictionary<string, string>());
                var alarm = new AlarmDesign(settings.AlarmName, filter, settings, TopicArnPlaceholder);
                resources[FilterId] = MetricFilterResource(filter);
                resources[AlarmId] = AlarmResource(alarm);
                statements.Add(PublishStatement(UsageAlarmPlanner.StatementSid(settings.AlarmName), UsageAlarmPlanner.CloudWatchPrincipal, AlarmId));
                publishConditions.Add(LogGroupCondition);
                outputs["AlarmName"] = Output("The CloudWatch alarm on the CIS root usage metric.", Ref(AlarmId), LogGroupCondition);
            }

            string policyCondition;
            if (publishConditions.Count > 1)
            {
                conditions[AnyMonitorCondition] = Or(publishConditions.ToArray());
                policyCondition = AnyMonitorCondition;
                // Each statement only where its publisher exists: a statement naming a missing rule or alarm would still be valid, but misleading.
                statements = statements.Select((s, i) => (JsonNode)If(publishConditions[i], s, NoValue)).ToList();
            }
            else
            {
                policyCondition = publishConditions[0];
            }

            resources[TopicPolicyId] = new JsonObject
            {
                ["Type"] = "AWS::SNS::TopicPolicy",
                ["Condition"] = policyCondition,
                ["Properties"] = new JsonObject
                {
                    ["Topics"] = new JsonArray(Ref(TopicId)),
                    ["PolicyDocument"] = new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray(statements.ToArray()) },
                },
            };

            var template = new JsonObject
            {
                ["AWSTemplateFormatVersion"] = "2010-09-09",
                ["Description"] = Description(signIn, usage, options),
                ["Parameters"] = parameters,
            };
            if (mappings != null)
            {
                template["Mappings"] = mappings;
            }

            template["Conditions"] = conditions;
            template["Resources"] = resources;
            template["Outputs"] = outputs;
            return template;
        }

        private static string Description(bool signIn, bool usage, RootMonitorTemplateOptions options)
        {
            var parts = new List<string>();
            if (signIn)
            {
                parts.Add($"an EventBridge rule on {(options.SuccessOnly ? "successful" : "successful and failed")} root console sign-ins (created only in the partition's home region, where those events arrive)");
            }

            if (usage)
            {
                parts.Add(options.ExcludeCentralizedRootSession
                    ? "a root usage metric filter and alarm with a NON-CIS pattern that leaves out sts:AssumeRoot task sessions (Security Hub CloudWatch.1 does not accept it)"
                    : "the CIS root account usage metric filter and alarm (Security Hub CloudWatch.1; created only where LogGroupName is given)");
            }

            return "RootGuard root user monitoring: " + string.Join("; and ", parts) + ", notifying one SNS topic.";
        }

        private static JsonObject PartitionMapping()
        {
            var map = new JsonObject();
            foreach (var partition in Partitions)
            {
                map[partition] = new JsonObject
                {
                    ["HomeRegion"] = AwsPartitions.HomeRegion(partition),
                    ["ConsoleHost"] = SignInAlertMessages.ConsoleHost(partition),
                };
            }

            return map;
        }

        private static JsonObject Topic(string component)
        {
            var email = new JsonObject { ["Endpoint"] = Ref(EmailParameter), ["Protocol"] = "email" };
            return new JsonObject
            {
                ["Type"] = "AWS::SNS::Topic",
                ["Properties"] = new JsonObject
                {
                    ["Subscription"] = If(HasEmailCondition, new JsonArray(email), NoValue),
                    ["Tags"] = Tags(RootGuardTags.For(component, null)),
                },
            };
        }

        private static JsonObject SignInRule(RootMonitorTemplateOptions options)
        {
            var target = new JsonObject { ["Id"] = SignInAlertNames.TargetId, ["Arn"] = Ref(TopicId) };
            // The region and console host are the stack's: the live cmdlet fills them in, the template leaves them to Fn::Sub.
            var transformer = SignInAlertMessages.TransformerFor(options.MessageFormat, "us-east-1");
            if (transformer != null)
            {
                var text = options.MessageFormat == SignInAlertMessageFormat.Chatbot
                    ? SignInAlertMessages.ChatbotTemplate("${AWS::Region}", "${ConsoleHost}")
                    : SignInAlertMessages.ReadableTemplate("${AWS::Region}", "${ConsoleHost}");
                var paths = new JsonObject();
                foreach (var path in transformer.InputPathsMap.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    paths[path.Key] = path.Value;
                }

                target["InputTransformer"] = new JsonObject
                {
                    ["InputPathsMap"] = paths,
                    ["InputTemplate"] = Sub(text, new JsonObject { ["ConsoleHost"] = FindInMap(PartitionMap, Ref("AWS::Partition"), "ConsoleHost") }),
                };
            }

            return new JsonObject
            {
                ["Type"] = "AWS::Events::Rule",
                ["Condition"] = HomeRegionCondition,
                ["Properties"] = new JsonObject
                {
                    ["Name"] = SignInAlertNames.DefaultName,
                    ["Description"] = SignInAlertNames.RuleDescription,
                    ["State"] = SignInAlertPlanner.EnabledState,
                    ["EventPattern"] = JsonNode.Parse(RootMonitorDefinitions.BuildSignInEventPattern(options.SuccessOnly)),
                    ["Targets"] = new JsonArray(target),
                    ["Tags"] = Tags(RootGuardTags.For(RootGuardTags.SignInAlertComponent, null)),
                },
            };
        }

        private static JsonObject MetricFilterResource(MetricFilterChoice filter)
        {
            var request = filter.ToPutRequest();
            return new JsonObject
            {
                ["Type"] = "AWS::Logs::MetricFilter",
                ["Condition"] = LogGroupCondition,
                ["Properties"] = new JsonObject
                {
                    ["LogGroupName"] = Ref(LogGroupParameter),
                    ["FilterName"] = request.FilterName,
                    ["FilterPattern"] = request.FilterPattern,
                    ["MetricTransformations"] = new JsonArray(request.MetricTransformations.Select(t => (JsonNode)new JsonObject
                    {
                        ["MetricNamespace"] = t.MetricNamespace,
                        ["MetricName"] = t.MetricName,
                        ["MetricValue"] = t.MetricValue,
                    }).ToArray()),
                },
            };
        }

        private static JsonObject AlarmResource(AlarmDesign design)
        {
            var r = design.Request;
            return new JsonObject
            {
                ["Type"] = "AWS::CloudWatch::Alarm",
                ["Condition"] = LogGroupCondition,
                // The alarm watches a metric the filter publishes; without the filter it would sit in OK forever.
                ["DependsOn"] = FilterId,
                ["Properties"] = new JsonObject
                {
                    ["AlarmName"] = r.AlarmName,
                    ["AlarmDescription"] = r.AlarmDescription,
                    ["ActionsEnabled"] = r.ActionsEnabled ?? true,
                    ["AlarmActions"] = new JsonArray(r.AlarmActions.Select(a => (JsonNode)(a == TopicArnPlaceholder ? Ref(TopicId) : JsonValue.Create(a)!)).ToArray()),
                    ["Namespace"] = r.Namespace,
                    ["MetricName"] = r.MetricName,
                    ["Statistic"] = r.Statistic,
                    ["Period"] = r.Period,
                    ["EvaluationPeriods"] = r.EvaluationPeriods,
                    ["Threshold"] = r.Threshold,
                    ["ComparisonOperator"] = r.ComparisonOperator,
                    ["TreatMissingData"] = r.TreatMissingData,
                    ["Tags"] = Tags(design.Tags),
                },
            };
        }

        /// <summary>The live cmdlets' publish statement, with the topic and the publisher's ARN as template references.</summary>
        private static JsonObject PublishStatement(string sid, string servicePrincipal, string sourceLogicalId)
        {
            var statement = TopicPolicyDocument.ServicePublishStatement(sid, servicePrincipal, TopicArnPlaceholder, sourceLogicalId);
            statement["Resource"] = Ref(TopicId);
            statement["Condition"]!["ArnEquals"]!["aws:SourceArn"] = GetAtt(sourceLogicalId, "Arn");
            return statement;
        }

        // Every stack resource also says the stack made it, so Remove-RootMonitoring leaves it to the stack.
        private static JsonArray Tags(IReadOnlyDictionary<string, string> tags) =>
            new JsonArray(tags.Concat(new[] { new KeyValuePair<string, string>(RootGuardTags.DeployedByKey, RootGuardTags.DeployedByCloudFormation) })
                .OrderBy(t => t.Key, StringComparer.Ordinal)
                .Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = Text(t.Value) }).ToArray());

        private static JsonObject Output(string description, JsonNode value, string? condition = null)
        {
            var output = new JsonObject { ["Description"] = description, ["Value"] = value };
            if (condition != null)
            {
                output["Condition"] = condition;
            }

            return output;
        }
    }
}
