using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;

namespace RootGuard.PowerShell.Tests.SignInAlert
{
    /// <summary>What the sign-in alert tests read from and seed into moto, with boto3 (not with the module under test).</summary>
    internal static class SignInAlertScenario
    {
        public const string Account = MotoServerFixture.AccountId;
        public const string TopicArn = "arn:aws:sns:us-east-1:" + Account + ":RootGuard-RootSignIn";
        public const string RuleArn = "arn:aws:events:us-east-1:" + Account + ":rule/RootGuard-RootSignIn";
        public const string StatementSid = "RootGuardSignInAlertRootGuardRootSignIn";

        /// <summary>
        /// Every topic (policy, encryption, tags, subscribers) and rule (definition, tags, targets) in us-east-1, as
        /// canonical JSON: two snapshots are equal exactly when the account holds the same resources.
        /// </summary>
        public static string Snapshot(ModuleBackend backend) => backend.Seeder.RunBoto3("""
sns = client("sns"); ev = client("events")
def canon(o):
    if isinstance(o, dict): return {k: canon(v) for k, v in sorted(o.items())}
    if isinstance(o, list): return sorted((canon(v) for v in o), key=lambda v: json.dumps(v, sort_keys=True))
    return o
topics = []
for t in sns.list_topics()["Topics"]:
    arn = t["TopicArn"]
    attrs = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    topics.append({"arn": arn, "policy": json.loads(attrs.get("Policy") or "{}"), "kms": attrs.get("KmsMasterKeyId"),
        "tags": sns.list_tags_for_resource(ResourceArn=arn)["Tags"],
        "subscriptions": [[s["Protocol"], s["Endpoint"]] for s in sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]]})
rules = []
for r in ev.list_rules()["Rules"]:
    d = ev.describe_rule(Name=r["Name"]); d.pop("ResponseMetadata", None)
    rules.append({"rule": d, "tags": ev.list_tags_for_resource(ResourceARN=r["Arn"])["Tags"],
        "targets": ev.list_targets_by_rule(Rule=r["Name"])["Targets"]})
print(json.dumps(canon({"topics": topics, "rules": rules}), sort_keys=True))
""").Trim();

        /// <summary>The topic's attributes, tags and subscribers, and the rule with its tags and targets.</summary>
        public static JsonElement Read(ModuleBackend backend, string topicArn = TopicArn, string ruleName = "RootGuard-RootSignIn") =>
            backend.Seeder.RunBoto3Json("""
sns = client("sns"); ev = client("events")
attrs = sns.get_topic_attributes(TopicArn=ARGS["topic"])["Attributes"]
rule = ev.describe_rule(Name=ARGS["rule"]); rule.pop("ResponseMetadata", None)
out({"policy": json.loads(attrs["Policy"]), "kms": attrs.get("KmsMasterKeyId"),
     "topicTags": {t["Key"]: t["Value"] for t in sns.list_tags_for_resource(ResourceArn=ARGS["topic"])["Tags"]},
     "subscriptions": sorted(s["Endpoint"] for s in sns.list_subscriptions_by_topic(TopicArn=ARGS["topic"])["Subscriptions"]),
     "rule": rule, "ruleTags": {t["Key"]: t["Value"] for t in ev.list_tags_for_resource(ResourceARN=rule["Arn"])["Tags"]},
     "targets": ev.list_targets_by_rule(Rule=ARGS["rule"])["Targets"]})
""", new { topic = topicArn, rule = ruleName });

        /// <summary>A team's topic whose policy grants another service, as found in real accounts; returns its ARN.</summary>
        public static string SeedTopicWithForeignPolicy(ModuleBackend backend, string name = "team-alerts") =>
            backend.Seeder.RunBoto3Json("""
sns = client("sns")
arn = sns.create_topic(Name=ARGS["name"])["TopicArn"]
policy = json.loads(sns.get_topic_attributes(TopicArn=arn)["Attributes"]["Policy"])
policy["Statement"].append({"Sid": "AllowBudgets", "Effect": "Allow", "Principal": {"Service": "budgets.amazonaws.com"},
    "Action": "SNS:Publish", "Resource": arn})
sns.set_topic_attributes(TopicArn=arn, AttributeName="Policy", AttributeValue=json.dumps(policy))
sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="team@example.com")
out(arn)
""", new { name }).GetString()!;

        /// <summary>The statement ids of a topic's policy, in order.</summary>
        public static string[] StatementSids(JsonElement state) =>
            System.Linq.Enumerable.ToArray(System.Linq.Enumerable.Select(state.GetProperty("policy").GetProperty("Statement").EnumerateArray(),
                s => s.GetProperty("Sid").GetString()!));
    }
}
