using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Backend;

public class ServiceModelContractTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:1/");

    private static IReadOnlyList<ContractViolation> Json(string service, string operation, string body) =>
        ServiceModelContract.For(service).CheckRequest(operation, AwsProtocol.AwsJson, body);

    private static IReadOnlyList<ContractViolation> Query(string service, string operation, string body) =>
        ServiceModelContract.For(service).CheckRequest(operation, AwsProtocol.AwsQuery, body);

    [Fact]
    public void A_valid_awsJson_request_keeps_the_contract()
    {
        Assert.Empty(Json("events", "PutTargets", """
            {"Rule":"rootguard-root-signin","Targets":[{"Id":"sns","Arn":"arn:aws:sns:us-east-1:123456789012:alerts",
             "InputTransformer":{"InputPathsMap":{"account":"$.account"},"InputTemplate":"\"Root sign-in in <account>\""}}]}
            """));
        Assert.Empty(Json("cloudtrail", "PutEventSelectors",
            """{"TrailName":"rootguard-trail","EventSelectors":[{"ReadWriteType":"All","IncludeManagementEvents":true}]}"""));
        Assert.Empty(Json("logs", "PutMetricFilter", """
            {"logGroupName":"ct","filterName":"root","filterPattern":"{ $.userIdentity.type = \"Root\" }",
             "metricTransformations":[{"metricName":"RootUsage","metricNamespace":"CIS","metricValue":"1"}]}
            """));
    }

    [Fact]
    public void A_valid_awsQuery_request_keeps_the_contract()
    {
        Assert.Empty(Query("sns", "CreateTopic",
            "Action=CreateTopic&Version=2010-03-31&Name=alerts&Attributes.entry.1.key=DisplayName&Attributes.entry.1.value=Root&Tags.member.1.Key=rootguard&Tags.member.1.Value=true"));
        Assert.Empty(Query("monitoring", "PutMetricAlarm",
            "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=root-usage&MetricName=RootUsage&Namespace=CIS&Statistic=Sum&Period=300" +
            "&EvaluationPeriods=1&Threshold=1&ComparisonOperator=GreaterThanOrEqualToThreshold&AlarmActions.member.1=arn%3Aaws%3Asns%3Aus-east-1%3A123456789012%3Aalerts" +
            "&TreatMissingData=notBreaching&ActionsEnabled=true"));
        Assert.Empty(Query("iam", "GetAccountSummary", "Action=GetAccountSummary&Version=2010-05-08"));
        Assert.Empty(Query("sts", "AssumeRole",
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A222222222222%3Arole%2FOrganizationAccountAccessRole&RoleSessionName=rootguard&DurationSeconds=900"));
    }

    [Fact]
    public void A_valid_restJson_request_keeps_the_contract()
    {
        var account = ServiceModelContract.For("account");
        Assert.Empty(account.CheckRequest("GetAlternateContact", AwsProtocol.RestJson, """{"AlternateContactType":"SECURITY"}""", "POST", "/getAlternateContact"));
        Assert.Empty(account.CheckRequest("PutAlternateContact", AwsProtocol.RestJson,
            """{"AlternateContactType":"SECURITY","Name":"Sec","Title":"CISO","EmailAddress":"sec@example.com","PhoneNumber":"+1 555 0100"}""",
            "POST", "/putAlternateContact"));
    }

    [Fact]
    public void An_unknown_member_is_caught()
    {
        Assert.Contains(Json("events", "PutRule", """{"Name":"r","Stat":"ENABLED"}"""), v => v.Path == "Stat" && v.Message == "unknown member");
        Assert.Contains(Query("sns", "CreateTopic", "Action=CreateTopic&Version=2010-03-31&Name=a&Tags.member.1.Key=k&Tags.member.1.Value=v&Tag.member.1.Key=x"),
            v => v.Path == "Tag.member.1.Key" && v.Message == "unknown member");
        Assert.Contains(Json("events", "PutTargets", """{"Rule":"r","Targets":[{"Id":"a","Arn":"arn:aws:sns:us-east-1:123456789012:t","InputTransformer":{"Template":"x","InputTemplate":"y"}}]}"""),
            v => v.Path == "Targets[0].InputTransformer.Template");
    }

    [Fact]
    public void A_missing_required_member_is_caught()
    {
        Assert.Contains(Json("events", "PutRule", """{"State":"ENABLED"}"""), v => v.Path == "Name" && v.Message.Contains("required"));
        Assert.Contains(Query("sns", "Subscribe", "Action=Subscribe&Version=2010-03-31&Protocol=email"), v => v.Path == "TopicArn");
        Assert.Contains(ServiceModelContract.For("account").CheckRequest("GetAlternateContact", AwsProtocol.RestJson, "{}", "POST", "/getAlternateContact"),
            v => v.Path == "AlternateContactType");
    }

    [Fact]
    public void A_bad_enum_value_is_caught()
    {
        Assert.Contains(Json("events", "PutRule", """{"Name":"r","State":"ON"}"""), v => v.Path == "State" && v.Message.Contains("not one of"));
        Assert.Contains(Query("monitoring", "PutMetricAlarm",
            "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&EvaluationPeriods=1&ComparisonOperator=Bigger"), v => v.Path == "ComparisonOperator");
    }

    [Fact]
    public void A_too_long_string_is_caught()
    {
        Assert.Contains(Json("events", "PutRule", $$"""{"Name":"{{new string('r', 65)}}"}"""), v => v.Path == "Name" && v.Message.Contains("maximum 64"));
    }

    [Fact]
    public void A_string_off_its_pattern_is_caught()
    {
        Assert.Contains(Json("events", "PutRule", """{"Name":"no spaces allowed"}"""), v => v.Path == "Name" && v.Message.Contains("pattern"));
    }

    [Fact]
    public void A_wrong_type_is_caught()
    {
        Assert.Contains(Json("events", "PutRule", """{"Name":5}"""), v => v.Path == "Name" && v.Message.Contains("expected a string"));
        Assert.Contains(Json("cloudtrail", "CreateTrail", """{"Name":"t-1","S3BucketName":"b","IsMultiRegionTrail":"yes"}"""), v => v.Path == "IsMultiRegionTrail");
        Assert.Contains(Query("monitoring", "PutMetricAlarm",
            "Action=PutMetricAlarm&Version=2010-08-01&AlarmName=a&EvaluationPeriods=one&ComparisonOperator=GreaterThanThreshold"), v => v.Path == "EvaluationPeriods");
        Assert.Contains(Json("events", "PutTargets", """{"Rule":"r","Targets":{"Id":"a"}}"""), v => v.Path == "Targets" && v.Message.Contains("expected a list"));
    }

    [Fact]
    public void An_unknown_operation_and_a_wrong_envelope_are_caught()
    {
        Assert.Contains(Json("events", "PutRules", "{}"), v => v.Message.Contains("no operation"));
        Assert.Contains(Query("iam", "GetAccountSummary", "Action=GetAccountSummary&Version=2011-01-01"), v => v.Path == "Version");
        using var handler = new RecordingHandler(new NoTargetHandler()).Stub("events", "*", StubResponse.Json("{}"));
        using var http = handler.CreateClient();
        http.Send(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.PutRule", """{"Name":"r"}""", jsonVersion: "1.0")).Dispose();
        http.Send(AwsTestRequest.Json(Endpoint, "events", "Events.PutRule", """{"Name":"r"}""")).Dispose();
        Assert.Contains(ServiceModelContract.Check(handler.Calls[0]), v => v.Path == "Content-Type");
        Assert.Contains(ServiceModelContract.Check(handler.Calls[1]), v => v.Path == "X-Amz-Target");
    }

    public static TheoryData<string, string, string, HttpRequestMessage> ReadyMadeStubs()
    {
        const string topic = "arn:aws:sns:us-east-1:123456789012:alerts";
        HttpRequestMessage IamQuery(string action) => AwsTestRequest.Query(Endpoint, "iam", $"Action={action}&Version=2010-05-08");
        HttpRequestMessage Org() => AwsTestRequest.Json(Endpoint, "organizations", "AWSOrganizationsV20161128.DescribeOrganization");
        HttpRequestMessage Contact() => AwsTestRequest.RestJson(Endpoint, "account", HttpMethod.Post, "/getAlternateContact", """{"AlternateContactType":"SECURITY"}""");
        var root = new CredentialReportRootRow { PasswordLastUsed = DateTimeOffset.UtcNow, AccessKey1Active = true, AccessKey1LastUsedDate = DateTimeOffset.UtcNow };
        var stubs = new (string Name, string Service, string Operation, StubResponse Stub, HttpRequestMessage Request)[]
        {
            ("summary", "iam", "GetAccountSummary", RootFactStubs.AccountSummary(), IamQuery("GetAccountSummary")),
            ("summary without keys", "iam", "GetAccountSummary", RootFactStubs.AccountSummary(null, null, null, null), IamQuery("GetAccountSummary")),
            ("generate report", "iam", "GenerateCredentialReport", RootFactStubs.GenerateCredentialReport(), IamQuery("GenerateCredentialReport")),
            ("report with root", "iam", "GetCredentialReport", RootFactStubs.CredentialReport(root, "alice"), IamQuery("GetCredentialReport")),
            ("report without root", "iam", "GetCredentialReport", RootFactStubs.CredentialReport(null), IamQuery("GetCredentialReport")),
            ("org features", "iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-abcdefghij", "RootCredentialsManagement", "RootSessions"), IamQuery("ListOrganizationsFeatures")),
            ("org features none", "iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-abcdefghij"), IamQuery("ListOrganizationsFeatures")),
            ("org features not found", "iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeaturesError(), IamQuery("ListOrganizationsFeatures")),
            ("org features denied", "iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeaturesError("AccessDenied"), IamQuery("ListOrganizationsFeatures")),
            ("subscriptions", "sns", "ListSubscriptionsByTopic",
                RootFactStubs.SubscriptionsByTopic(topic, StubSubscription.ConfirmedEmail("a@example.com"), StubSubscription.PendingEmail("b@example.com")),
                AwsTestRequest.Query(Endpoint, "sns", $"Action=ListSubscriptionsByTopic&Version=2010-03-31&TopicArn={Uri.EscapeDataString(topic)}")),
            ("alternate contact", "account", "GetAlternateContact", RootFactStubs.AlternateContact(), Contact()),
            ("alternate contact missing", "account", "GetAlternateContact", RootFactStubs.AlternateContactNotFound(), Contact()),
            ("organization", "organizations", "DescribeOrganization", RootFactStubs.Organization(), Org()),
            ("no organization", "organizations", "DescribeOrganization", RootFactStubs.NotInOrganization(), Org()),
        };
        var data = new TheoryData<string, string, string, HttpRequestMessage>();
        foreach (var s in stubs)
        {
            Registered[s.Name] = s.Stub;
            data.Add(s.Name, s.Service, s.Operation, s.Request);
        }
        return data;
    }

    private static readonly Dictionary<string, StubResponse> Registered = new();

    [Theory]
    [MemberData(nameof(ReadyMadeStubs))]
    public void Every_ready_made_stub_keeps_the_output_contract(string name, string service, string operation, HttpRequestMessage request)
    {
        using var handler = new RecordingHandler(new NoTargetHandler()).Stub(service, operation, Registered[name]);
        using var http = handler.CreateClient();
        http.Send(request).Dispose();
        var call = Assert.Single(handler.Calls);
        Assert.Equal(CallOutcome.Stubbed, call.Outcome);
        Assert.Empty(ServiceModelContract.Check(call));
    }

    [Fact]
    public void A_stub_off_the_output_shape_is_caught()
    {
        var iam = ServiceModelContract.For("iam");
        var bad = StubResponse.QueryResult("iam", "GetAccountSummary", "<SummaryMap><entry><key>RootMFA</key><value>yes</value></entry></SummaryMap><Extra/>");
        using var handler = new RecordingHandler(new NoTargetHandler()).Stub("iam", "GetAccountSummary", bad);
        using var http = handler.CreateClient();
        http.Send(AwsTestRequest.Query(Endpoint, "iam", "Action=GetAccountSummary&Version=2010-05-08")).Dispose();
        var violations = iam.CheckResponse(handler.Calls[0]);
        Assert.Contains(violations, v => v.Path == "Extra");
        Assert.Contains(violations, v => v.Path.StartsWith("SummaryMap.<key RootMFA>", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Path == "SummaryMap[RootMFA]" && v.Message.Contains("integer"));
    }

    [Fact]
    public void An_error_the_operation_cannot_send_or_sent_with_the_wrong_status_is_caught()
    {
        using var handler = new RecordingHandler(new NoTargetHandler())
            .Stub("account", "GetAlternateContact", StubResponse.Error("ResourceNotFoundException", HttpStatusCode.BadRequest))
            .Stub("organizations", "DescribeOrganization", StubResponse.Error("TrailNotFoundException"));
        using var http = handler.CreateClient();
        http.Send(AwsTestRequest.RestJson(Endpoint, "account", HttpMethod.Post, "/getAlternateContact", """{"AlternateContactType":"SECURITY"}""")).Dispose();
        http.Send(AwsTestRequest.Json(Endpoint, "organizations", "AWSOrganizationsV20161128.DescribeOrganization")).Dispose();
        Assert.Contains(ServiceModelContract.Check(handler.Calls[0]), v => v.Message.Contains("HTTP 404"));
        Assert.Contains(ServiceModelContract.Check(handler.Calls[1]), v => v.Message.Contains("not an error this operation can return"));
    }

    [Fact]
    public void The_credential_report_stub_carries_a_root_row_in_base64_csv()
    {
        var root = new CredentialReportRootRow { PasswordLastUsed = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero) };
        string csv = RootFactStubs.CredentialReportCsv(root);
        var rootRow = csv.Split('\n')[1].Split(',');
        Assert.Equal("<root_account>", rootRow[0]);
        Assert.Equal("2026-11-01T08:00:00+00:00", rootRow[4]);
        Assert.Equal("N/A", rootRow[10]);
        Assert.Contains(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(csv)), RootFactStubs.CredentialReport(root).Body);
    }

    [Fact]
    public void Every_pattern_of_the_services_RootGuard_calls_compiles()
    {
        foreach (var service in new[] { "cloudtrail", "logs", "events", "sns", "cloudwatch", "iam", "sts", "organizations", "account" })
        {
            string dir = Directory.GetDirectories(Path.Combine(BotocoreModels.DataDirectory, service)).OrderBy(d => d, StringComparer.Ordinal).Last();
            using var doc = JsonDocument.Parse(new GZipStream(File.OpenRead(Path.Combine(dir, "service-2.json.gz")), CompressionMode.Decompress));
            foreach (var shape in doc.RootElement.GetProperty("shapes").EnumerateObject())
            {
                if (shape.Value.TryGetProperty("pattern", out var pattern))
                {
                    Assert.True(RootGuard.Testing.ServiceModelContract.PatternCompiles(pattern.GetString()!), $"{service} {shape.Name}: {pattern}");
                }
            }
        }
    }

    /// <summary>Fails any call that reaches it: stubs must answer everything.</summary>
    private sealed class NoTargetHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No target in this test.");

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("No target in this test.");
    }
}
