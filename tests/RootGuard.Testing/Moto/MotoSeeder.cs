using System.Diagnostics;
using System.Text.Json;

namespace RootGuard.Testing;

/// <summary>Seeds moto in AWS's own shapes with boto3 (installed beside moto), without the .NET SDK.
/// Each call starts Python (about 0.3 s), so put a whole scenario in one <see cref="RunBoto3"/> script.
/// The script sees <c>client(name, **kw)</c> (a boto3 client on moto, us-east-1 unless region_name),
/// <c>ARGS</c> (the arguments object, decoded) and <c>out(obj)</c> (prints obj as JSON).</summary>
public sealed class MotoSeeder
{
    private const string Prelude = """
import json, os, sys, boto3
ENDPOINT = os.environ["ROOTGUARD_MOTO_ENDPOINT"]
ARGS = json.loads(os.environ.get("ROOTGUARD_ARGS") or "{}")
def client(name, **kw):
    kw.setdefault("region_name", "us-east-1")
    return boto3.client(name, endpoint_url=ENDPOINT, **kw)
def out(obj):
    print(json.dumps(obj, default=str))

""";

    public MotoSeeder(Uri endpoint) => Endpoint = endpoint;

    public Uri Endpoint { get; }

    /// <summary>Runs a boto3 script against moto and returns what it printed (JSON by convention).
    /// Credentials are testing/testing, region us-east-1. Throws with Python's stderr on failure.</summary>
    public string RunBoto3(string pythonScript, object? args = null)
    {
        var info = new ProcessStartInfo(MotoServerFixture.Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-");
        info.Environment["AWS_ACCESS_KEY_ID"] = MotoServerFixture.AccessKeyId;
        info.Environment["AWS_SECRET_ACCESS_KEY"] = MotoServerFixture.SecretAccessKey;
        info.Environment["AWS_DEFAULT_REGION"] = MotoServerFixture.Region;
        info.Environment["AWS_ENDPOINT_URL"] = Endpoint.ToString().TrimEnd('/');
        info.Environment["ROOTGUARD_MOTO_ENDPOINT"] = Endpoint.ToString().TrimEnd('/');
        info.Environment["ROOTGUARD_ARGS"] = args is null ? "{}" : JsonSerializer.Serialize(args);
        info.Environment.Remove("AWS_PROFILE");
        info.Environment.Remove("AWS_SESSION_TOKEN");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Python.");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        process.StandardInput.Write(Prelude + pythonScript);
        process.StandardInput.Close();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("boto3 seeding script ran over 60 s.");
        }
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"boto3 seeding script failed ({process.ExitCode}): {stderr.Result}");
        }
        return stdout.Result;
    }

    /// <summary><see cref="RunBoto3"/>, with the printed JSON parsed.</summary>
    public JsonElement RunBoto3Json(string pythonScript, object? args = null)
    {
        string output = RunBoto3(pythonScript, args).Trim();
        using var document = JsonDocument.Parse(output.Length == 0 ? "null" : output);
        return document.RootElement.Clone();
    }

    /// <summary>A trail that delivers to S3 and to a CloudWatch Logs group through a role, logging.
    /// Creates the bucket, log group and role. Returns TrailARN and LogGroupArn.</summary>
    public (string TrailArn, string LogGroupArn) CreateTrailWithLogs(
        string trailName = "rootguard-trail", string logGroupName = "rootguard-cloudtrail",
        bool multiRegion = true, bool startLogging = true, string bucket = "rootguard-trail-bucket")
    {
        var result = RunBoto3Json("""
s3 = client("s3"); logs = client("logs"); iam = client("iam"); ct = client("cloudtrail")
s3.create_bucket(Bucket=ARGS["bucket"])
logs.create_log_group(logGroupName=ARGS["logGroup"])
group_arn = [g for g in logs.describe_log_groups(logGroupNamePrefix=ARGS["logGroup"])["logGroups"] if g["logGroupName"] == ARGS["logGroup"]][0]["arn"]
role = iam.create_role(RoleName=ARGS["trail"] + "-logs", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "cloudtrail.amazonaws.com"}, "Action": "sts:AssumeRole"}]}))["Role"]["Arn"]
trail = ct.create_trail(Name=ARGS["trail"], S3BucketName=ARGS["bucket"], IsMultiRegionTrail=ARGS["multiRegion"], CloudWatchLogsLogGroupArn=group_arn, CloudWatchLogsRoleArn=role)
if ARGS["start"]: ct.start_logging(Name=ARGS["trail"])
out({"TrailARN": trail["TrailARN"], "LogGroupArn": group_arn})
""", new { trail = trailName, logGroup = logGroupName, multiRegion, start = startLogging, bucket });
        return (result.GetProperty("TrailARN").GetString()!, result.GetProperty("LogGroupArn").GetString()!);
    }

    /// <summary>An SNS topic; returns its ARN.</summary>
    public string CreateTopic(string name) =>
        RunBoto3Json("""out(client("sns").create_topic(Name=ARGS["name"])["TopicArn"])""", new { name }).GetString()!;

    /// <summary>An SNS topic with subscriptions (protocol, endpoint). moto confirms every subscription at
    /// once, email included: stub ListSubscriptionsByTopic for pending ones. Returns the topic ARN.</summary>
    public string CreateTopicWithSubscriptions(string name, params (string Protocol, string Endpoint)[] subscriptions) =>
        RunBoto3Json("""
sns = client("sns")
arn = sns.create_topic(Name=ARGS["name"])["TopicArn"]
for s in ARGS["subs"]: sns.subscribe(TopicArn=arn, Protocol=s[0], Endpoint=s[1])
out(arn)
""", new { name, subs = subscriptions.Select(s => new[] { s.Protocol, s.Endpoint }).ToArray() }).GetString()!;

    /// <summary>A CloudWatch Logs metric filter (the group must exist).</summary>
    public void PutMetricFilter(string logGroupName, string filterName, string filterPattern, string metricName, string metricNamespace) =>
        RunBoto3("""
client("logs").put_metric_filter(logGroupName=ARGS["group"], filterName=ARGS["filter"], filterPattern=ARGS["pattern"],
    metricTransformations=[{"metricName": ARGS["metric"], "metricNamespace": ARGS["ns"], "metricValue": "1"}])
""", new { group = logGroupName, filter = filterName, pattern = filterPattern, metric = metricName, ns = metricNamespace });

    /// <summary>A CloudWatch alarm on Sum &gt;= 1 over 300 s that notifies <paramref name="topicArn"/>.</summary>
    public void PutAlarm(string alarmName, string metricName, string metricNamespace, string topicArn) =>
        RunBoto3("""
client("cloudwatch").put_metric_alarm(AlarmName=ARGS["alarm"], MetricName=ARGS["metric"], Namespace=ARGS["ns"], Statistic="Sum",
    Period=300, EvaluationPeriods=1, Threshold=1, ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[ARGS["topic"]])
""", new { alarm = alarmName, metric = metricName, ns = metricNamespace, topic = topicArn });

    /// <summary>An EventBridge rule with an SNS target, optionally with an input transformer.</summary>
    public string PutRuleWithTarget(string ruleName, string eventPattern, string targetArn, string targetId = "rootguard-sns",
        IDictionary<string, string>? inputPathsMap = null, string? inputTemplate = null) =>
        RunBoto3Json("""
ev = client("events")
arn = ev.put_rule(Name=ARGS["rule"], EventPattern=ARGS["pattern"], State="ENABLED")["RuleArn"]
target = {"Id": ARGS["id"], "Arn": ARGS["target"]}
if ARGS["template"] is not None: target["InputTransformer"] = {"InputPathsMap": ARGS["paths"] or {}, "InputTemplate": ARGS["template"]}
ev.put_targets(Rule=ARGS["rule"], Targets=[target])
out(arn)
""", new { rule = ruleName, pattern = eventPattern, target = targetArn, id = targetId, paths = inputPathsMap, template = inputTemplate }).GetString()!;

    /// <summary>Makes the moto account the management account of a new organization; returns its id.</summary>
    public string CreateOrganization(string featureSet = "ALL") =>
        RunBoto3Json("""out(client("organizations").create_organization(FeatureSet=ARGS["fs"])["Organization"]["Id"])""", new { fs = featureSet }).GetString()!;

    /// <summary>Sets an alternate contact (BILLING, OPERATIONS or SECURITY).</summary>
    public void PutAlternateContact(string type, string name, string title, string email, string phone) =>
        RunBoto3("""
client("account").put_alternate_contact(AlternateContactType=ARGS["type"], Name=ARGS["name"], Title=ARGS["title"], EmailAddress=ARGS["email"], PhoneNumber=ARGS["phone"])
""", new { type, name, title, email, phone });
}
