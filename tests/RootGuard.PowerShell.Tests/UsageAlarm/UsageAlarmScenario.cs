using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;

namespace RootGuard.PowerShell.Tests.UsageAlarm
{
    /// <summary>Seeding and reading back the account for the New-RootUsageAlarm tests, in boto3 against moto.</summary>
    internal static class UsageAlarmScenario
    {
        public const string CisPattern =
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }";

        /// <summary>Everything New-RootUsageAlarm could touch: topics with policies, tags and subscriptions, metric filters, alarms with tags.</summary>
        public static string Snapshot(ModuleBackend backend) => backend.Seeder.RunBoto3("""
logs = client("logs"); cw = client("cloudwatch"); sns = client("sns")
state = {"filters": [], "alarms": [], "topics": []}
for g in logs.describe_log_groups()["logGroups"]:
    for f in logs.describe_metric_filters(logGroupName=g["logGroupName"])["metricFilters"]:
        state["filters"].append([g["logGroupName"], f["filterName"], f["filterPattern"], f["metricTransformations"]])
for a in cw.describe_alarms()["MetricAlarms"]:
    tags = cw.list_tags_for_resource(ResourceARN=a["AlarmArn"])["Tags"]
    state["alarms"].append([a["AlarmName"], a.get("MetricName"), a.get("AlarmActions"), sorted([t["Key"], t["Value"]] for t in tags)])
for t in sns.list_topics()["Topics"]:
    arn = t["TopicArn"]
    attributes = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    subs = [[s["Protocol"], s["Endpoint"]] for s in sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]]
    tags = sorted([t["Key"], t["Value"]] for t in sns.list_tags_for_resource(ResourceArn=arn)["Tags"])
    state["topics"].append([arn, attributes.get("Policy"), attributes.get("KmsMasterKeyId"), sorted(subs), tags])
out(state)
""");

        /// <summary>The alarm as CloudWatch holds it, with its tags as a "Tags" object.</summary>
        public static JsonElement Alarm(ModuleBackend backend, string name = "RootGuard-RootAccountUsage") => backend.Seeder.RunBoto3Json("""
cw = client("cloudwatch")
alarms = cw.describe_alarms(AlarmNames=[ARGS["name"]])["MetricAlarms"]
if not alarms:
    out(None)
else:
    a = alarms[0]
    a["Tags"] = {t["Key"]: t["Value"] for t in cw.list_tags_for_resource(ResourceARN=a["AlarmArn"])["Tags"]}
    out(a)
""", new { name });

        public static JsonElement Filters(ModuleBackend backend, string logGroupName) => backend.Seeder.RunBoto3Json("""
out(client("logs").describe_metric_filters(logGroupName=ARGS["group"])["metricFilters"])
""", new { group = logGroupName });

        public static JsonElement Topic(ModuleBackend backend, string topicArn) => backend.Seeder.RunBoto3Json("""
sns = client("sns")
out({"Attributes": sns.get_topic_attributes(TopicArn=ARGS["arn"])["Attributes"],
     "Tags": {t["Key"]: t["Value"] for t in sns.list_tags_for_resource(ResourceArn=ARGS["arn"])["Tags"]},
     "Subscriptions": sns.list_subscriptions_by_topic(TopicArn=ARGS["arn"])["Subscriptions"]})
""", new { arn = topicArn });
    }
}
