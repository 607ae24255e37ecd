using System;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>How the seeded account differs from a fully secured one; every default is the secure choice.</summary>
    public sealed record AccountShape
    {
        public string SignInPattern { get; init; } = AssessmentScenario.SignInPattern;
        public bool SignInRule { get; init; } = true;
        public bool SignInRuleEnabled { get; init; } = true;
        public bool SignInTopicAllowsEvents { get; init; } = true;
        public bool Trail { get; init; } = true;
        public bool MultiRegion { get; init; } = true;
        public bool Logging { get; init; } = true;
        public bool ManagementEvents { get; init; } = true;
        public bool CloudWatchLogs { get; init; } = true;
        public string? FilterPattern { get; init; } = AssessmentScenario.CisPattern;
        public bool Alarm { get; init; } = true;
        public string AlarmNamespace { get; init; } = "CloudTrailMetrics";
        public bool AlarmAction { get; init; } = true;
        public bool SecurityContact { get; init; } = true;

        /// <summary>The sign-in rule's state when enabled (an enabled state of the model other than ENABLED, for example).</summary>
        public string SignInRuleState { get; init; } = "ENABLED";

        /// <summary>A statement (JSON) added to the sign-in topic's policy; "TOPIC" in it is replaced by the topic ARN.</summary>
        public string? SignInTopicExtraStatement { get; init; }

        /// <summary>A statement (JSON) added to the usage topic's (default) policy; "TOPIC" in it is replaced by the topic ARN.</summary>
        public string? UsageTopicExtraStatement { get; init; }

        /// <summary>When set, the sign-in topic is encrypted with a customer managed key that has this key policy.</summary>
        public string? SignInTopicKeyPolicy { get; init; }

        /// <summary>When set, the usage topic is encrypted with a customer managed key that has this key policy.</summary>
        public string? UsageTopicKeyPolicy { get; init; }

        /// <summary>PutMetricAlarm parameters that replace the CIS ones (Sum >= 1 over one 300-second period).</summary>
        public System.Collections.Generic.IReadOnlyDictionary<string, object>? AlarmSettings { get; init; }

        public string MetricValue { get; init; } = "1";

        /// <summary>Management event sources the trail's basic selector excludes.</summary>
        public string[]? ExcludedEventSources { get; init; }

        /// <summary>The usage topic is deleted after the alarm points at it.</summary>
        public bool DeleteUsageTopic { get; init; }
    }

    /// <summary>Seeds moto and stubs the root user's facts so that an account is secured, or broken in one place.</summary>
    internal static class AssessmentScenario
    {
        public const string CisPattern =
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }";

        /// <summary>The same three conditions in another order and spacing.</summary>
        public const string EquivalentPattern =
            "{($.eventType != \"AwsServiceEvent\") && ($.userIdentity.invokedBy NOT EXISTS) && ($.userIdentity.type = \"Root\")}";

        /// <summary>CIS without the invokedBy condition: counts AWS services acting for root too, so not equivalent but still counting root.</summary>
        public const string TypeNotRootPattern = "{ $.userIdentity.type != \"Root\" && $.eventType != \"AwsServiceEvent\" }";

        public const string SignInPattern =
            "{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}";

        public const string IamUserSignInPattern =
            "{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"IAMUser\"]}}}";

        public const string AccountId = MotoServerFixture.AccountId;

        /// <summary>Seeds moto in one boto3 run (Python starts once) and returns (sign-in topic ARN, or null without the rule; usage topic ARN).</summary>
        public static (string? SignInTopic, string UsageTopic) Seed(ModuleBackend backend, AccountShape? shape = null)
        {
            shape ??= new AccountShape();
            var result = backend.Seeder.RunBoto3Json("""
sns = client("sns"); ev = client("events"); s3 = client("s3"); logs = client("logs"); iam = client("iam")
ct = client("cloudtrail"); cw = client("cloudwatch"); kms = client("kms")
A = ARGS
def encrypt(topic, policy, alias):
    key = kms.create_key()["KeyMetadata"]["KeyId"]
    kms.put_key_policy(KeyId=key, PolicyName="default", Policy=policy)
    kms.create_alias(AliasName=alias, TargetKeyId=key)
    sns.set_topic_attributes(TopicArn=topic, AttributeName="KmsMasterKeyId", AttributeValue=alias)
def add_statement(topic, statement):
    policy = json.loads(sns.get_topic_attributes(TopicArn=topic)["Attributes"]["Policy"])
    policy["Statement"].append(json.loads(statement.replace("TOPIC", topic)))
    sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=json.dumps(policy))
signin_topic = None
if A["rule"]:
    signin_topic = sns.create_topic(Name="RootGuard-RootSignIn")["TopicArn"]
    statements = [{"Sid": "__default_statement_ID", "Effect": "Allow", "Principal": {"AWS": "*"}, "Action": ["SNS:Publish", "SNS:Subscribe"],
                   "Resource": signin_topic, "Condition": {"StringEquals": {"AWS:SourceOwner": A["account"]}}}]
    if A["topicAllowsEvents"]:
        statements.append({"Sid": "RootGuardEventBridgePublish", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"},
                           "Action": "sns:Publish", "Resource": signin_topic})
    sns.set_topic_attributes(TopicArn=signin_topic, AttributeName="Policy", AttributeValue=json.dumps({"Version": "2012-10-17", "Statement": statements}))
    sns.subscribe(TopicArn=signin_topic, Protocol="email", Endpoint="security@example.com")
    if A["signInExtra"]: add_statement(signin_topic, A["signInExtra"])
    if A["signInKeyPolicy"]: encrypt(signin_topic, A["signInKeyPolicy"], "alias/rootguard-signin")
    ev.put_rule(Name="RootGuard-RootSignIn", EventPattern=A["signInPattern"], State=A["ruleState"] if A["ruleEnabled"] else "DISABLED")
    ev.put_targets(Rule="RootGuard-RootSignIn", Targets=[{"Id": "rootguard-sns", "Arn": signin_topic}])
usage_topic = sns.create_topic(Name="RootGuard-RootUsage")["TopicArn"]
sns.subscribe(TopicArn=usage_topic, Protocol="email", Endpoint="security@example.com")
if A["usageExtra"]: add_statement(usage_topic, A["usageExtra"])
if A["usageKeyPolicy"]: encrypt(usage_topic, A["usageKeyPolicy"], "alias/rootguard-usage")
if A["trail"]:
    s3.create_bucket(Bucket="rootguard-trail-bucket")
    logs.create_log_group(logGroupName="rootguard-cloudtrail")
    group_arn = [g for g in logs.describe_log_groups(logGroupNamePrefix="rootguard-cloudtrail")["logGroups"]][0]["arn"]
    role = iam.create_role(RoleName="rootguard-trail-logs", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    kw = {"CloudWatchLogsLogGroupArn": group_arn, "CloudWatchLogsRoleArn": role} if A["cwLogs"] else {}
    ct.create_trail(Name="rootguard-trail", S3BucketName="rootguard-trail-bucket", IsMultiRegionTrail=A["multiRegion"], **kw)
    if A["logging"]: ct.start_logging(Name="rootguard-trail")
    if A["excludedSources"]:
        ct.put_event_selectors(TrailName="rootguard-trail", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": True,
            "ExcludeManagementEventSources": A["excludedSources"]}])
    if not A["managementEvents"]:
        ct.put_event_selectors(TrailName="rootguard-trail", EventSelectors=[{"ReadWriteType": "All", "IncludeManagementEvents": False,
            "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}]}])
    if A["filterPattern"] is not None:
        logs.put_metric_filter(logGroupName="rootguard-cloudtrail", filterName="RootAccountUsage", filterPattern=A["filterPattern"],
            metricTransformations=[{"metricName": "RootAccountUsageCount", "metricNamespace": "CloudTrailMetrics", "metricValue": A["metricValue"]}])
    if A["alarm"]:
        settings = dict(Statistic="Sum", Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold")
        settings.update(A["alarmSettings"] or {})
        settings = {k: v for k, v in settings.items() if v is not None}  # a null setting drops the default (Statistic for ExtendedStatistic)
        cw.put_metric_alarm(AlarmName="RootGuard-RootAccountUsage", MetricName="RootAccountUsageCount", Namespace=A["alarmNamespace"],
            AlarmActions=[usage_topic] if A["alarmAction"] else [], **settings)
    if A["deleteUsageTopic"]: sns.delete_topic(TopicArn=usage_topic)
out({"signin": signin_topic, "usage": usage_topic})
""", new
            {
                account = AccountId, topicAllowsEvents = shape.SignInTopicAllowsEvents, rule = shape.SignInRule, ruleEnabled = shape.SignInRuleEnabled,
                signInPattern = shape.SignInPattern, trail = shape.Trail, multiRegion = shape.MultiRegion, logging = shape.Logging,
                managementEvents = shape.ManagementEvents, cwLogs = shape.CloudWatchLogs, filterPattern = shape.FilterPattern, alarm = shape.Alarm,
                alarmNamespace = shape.AlarmNamespace, alarmAction = shape.AlarmAction, ruleState = shape.SignInRuleState,
                signInExtra = shape.SignInTopicExtraStatement, usageExtra = shape.UsageTopicExtraStatement, signInKeyPolicy = shape.SignInTopicKeyPolicy,
                usageKeyPolicy = shape.UsageTopicKeyPolicy, alarmSettings = shape.AlarmSettings, metricValue = shape.MetricValue,
                excludedSources = shape.ExcludedEventSources, deleteUsageTopic = shape.DeleteUsageTopic,
            });
            StubRootFacts(backend, shape.SecurityContact);
            return (result.GetProperty("signin").GetString(), result.GetProperty("usage").GetString()!);
        }

        /// <summary>What moto cannot hold: the root user's credentials, the credential report, the organization's features, the contact.</summary>
        public static void StubRootFacts(ModuleBackend backend, bool securityContact = true)
        {
            var handler = backend.Handler;
            handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary(mfaEnabled: true, accessKeysPresent: false));
            handler.Stub("iam", "GetCredentialReport", RootFactStubs.CredentialReport(new CredentialReportRootRow
            {
                PasswordLastUsed = DateTimeOffset.UtcNow.AddDays(-200),
            }, "alice"));
            handler.Stub("iam", "GenerateCredentialReport", RootFactStubs.GenerateCredentialReport());
            handler.Stub("organizations", "DescribeOrganization", RootFactStubs.Organization(managementAccountId: AccountId));
            handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-exampleorg1", "RootCredentialsManagement", "RootSessions"));
            handler.Stub("account", "GetAlternateContact", securityContact ? RootFactStubs.AlternateContact() : RootFactStubs.AlternateContactNotFound());
        }

        /// <summary>Runs the cmdlet and returns the findings by check id.</summary>
        public static System.Collections.Generic.Dictionary<string, System.Management.Automation.PSObject> Findings(ScriptResult result)
        {
            var byId = new System.Collections.Generic.Dictionary<string, System.Management.Automation.PSObject>();
            foreach (var finding in result.Output) byId[(string)finding.Properties["CheckId"].Value] = finding;
            return byId;
        }
    }
}
