using System;
using System.Diagnostics;
using System.Net;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

/// <summary>
/// Endpoints that are not AWS: a proxy or captive portal answering with HTML, a proxy's error page, a server that
/// accepts and never answers. Each is one clear error naming the endpoint, never an empty result read from a web page.
/// </summary>
public sealed class HostileEndpointTests : IDisposable
{
    private const string PortalPage = "<!DOCTYPE html>\n<html><head><title>Sign in to Airport Wi-Fi</title></head><body><form action=\"/login\"></form></body></html>";

    private readonly RecordingHandler handler = TestClients.Offline();

    public void Dispose() => handler.Dispose();

    public static TheoryData<string> Operations => new() { "events", "sns", "monitoring", "logs", "sts", "account", "iam" };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task A_captive_portal_page_with_status_200_is_InvalidResponse_naming_the_endpoint_and_the_page(string service)
    {
        handler.Stub("*", "*", StubResponse.Json(PortalPage, HttpStatusCode.OK, "text/html; charset=utf-8"));
        using var factory = TestClients.ForStubs(handler);

        var failure = await Record(() => Call(factory, service));

        var error = AwsErrorTranslator.Translate(failure);
        Assert.Equal(ErrorIds.InvalidResponse, error.ErrorId);
        Assert.Equal(FailureKind.ProtocolError, error.Kind);
        Assert.Contains("https://", error.Message);
        Assert.Contains(".amazonaws.com", error.Message);
        Assert.Contains("HTTP 200", error.Message);
        Assert.Contains("-EndpointUrl", error.RecommendedAction);
        // Not retried: the same proxy would answer the same page.
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task An_XHTML_page_that_parses_as_XML_is_not_read_as_an_empty_list_of_topics()
    {
        handler.Stub("sns", "ListTopics", StubResponse.Json("<html><head><title>Blocked</title></head><body/></html>", HttpStatusCode.OK, "text/html"));
        using var factory = TestClients.ForStubs(handler);

        var failure = await Record(() => factory.CreateSns().ListTopicsAsync(new()));

        var error = AwsErrorTranslator.Translate(failure);
        Assert.Equal(ErrorIds.InvalidResponse, error.ErrorId);
        Assert.Contains("<title>Blocked</title>", error.Message);
        Assert.Contains("<ListTopicsResponse>", error.Message);
        Assert.StartsWith("SNS ListTopics at https://sns.us-east-1.amazonaws.com", error.Message);
    }

    [Fact]
    public async Task A_proxys_403_page_is_not_reported_as_AWS_denying_access()
    {
        handler.Stub("events", "ListRules", StubResponse.Json(PortalPage, HttpStatusCode.Forbidden, "text/html"));
        using var factory = TestClients.ForStubs(handler);

        var error = AwsErrorTranslator.Translate(await Record(() => factory.CreateEventBridge().ListRulesAsync(new())));

        Assert.Equal(ErrorIds.InvalidResponse, error.ErrorId);
        Assert.Contains("HTTP 403", error.Message);
        Assert.DoesNotContain("Grant", error.RecommendedAction);
    }

    [Fact]
    public async Task A_gateways_502_page_is_retried_like_any_5xx_and_then_a_service_failure_that_says_what_came_back()
    {
        handler.Stub("monitoring", "DescribeAlarms", StubResponse.Json("<html><head><title>502 Bad Gateway</title></head></html>", HttpStatusCode.BadGateway, "text/html"));
        using var factory = TestClients.ForStubs(handler);

        var error = AwsErrorTranslator.Translate(await Record(() => factory.CreateCloudWatch().DescribeAlarmsAsync(new())));

        Assert.Equal(FailureKind.ResourceUnavailable, error.Kind);
        Assert.Contains("CloudWatch answered HTTP 502 text/html starting \"<title>502 Bad Gateway</title>\", without an AWS error code.", error.Message);
        Assert.Equal(3, handler.CallsTo("monitoring", "DescribeAlarms").Count);
    }

    [Fact]
    public async Task An_STS_answer_without_an_account_id_is_InvalidResponse_not_an_empty_account()
    {
        handler.Stub("sts", "GetCallerIdentity", StubResponse.Xml("<html><body>hello</body></html>"));
        using var factory = TestClients.ForStubs(handler);

        var error = AwsErrorTranslator.Translate(await Record(() => factory.CreateSts().GetCallerIdentityAsync(new())));

        Assert.Equal(ErrorIds.InvalidResponse, error.ErrorId);
        Assert.Contains("STS GetCallerIdentity at https://sts.us-east-1.amazonaws.com", error.Message);
    }

    [Fact]
    public async Task Real_AWS_errors_keep_their_meaning()
    {
        handler.Stub("sns", "ListTopics", StubResponse.Error("AuthorizationError", HttpStatusCode.Forbidden, "User is not authorized"));
        using var factory = TestClients.ForStubs(handler);

        var error = AwsErrorTranslator.Translate(await Record(() => factory.CreateSns().ListTopicsAsync(new())));

        Assert.Equal("RootGuard.AuthorizationError", error.ErrorId);
        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
    }

    public static TheoryData<string, string> DeniedReads => new()
    {
        { "sns", "sns:ListTopics" },
        { "events", "events:ListRules" },
        { "monitoring", "cloudwatch:DescribeAlarms" },
        { "logs", "logs:DescribeMetricFilters" },
        { "iam", "iam:GetAccountSummary" },
        { "account", "account:GetAlternateContact" },
    };

    [Theory]
    [MemberData(nameof(DeniedReads))]
    public async Task A_denied_read_names_its_IAM_action_without_the_caller_listing_it(string service, string action)
    {
        handler.Stub(service, "*", StubResponse.Error(service == "sns" ? "AuthorizationError" : "AccessDenied", HttpStatusCode.Forbidden, "not allowed"));
        using var factory = TestClients.ForStubs(handler);

        var error = AwsErrorTranslator.Translate(await Record(() => Call(factory, service)));

        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains(action, error.RecommendedAction);
        Assert.DoesNotContain("monitoring:", error.RecommendedAction);
    }

    [Fact]
    public async Task The_AWS_message_ends_as_a_sentence()
    {
        handler.Stub("events", "ListRules", StubResponse.Error("AccessDeniedException", HttpStatusCode.BadRequest, "not allowed"));
        using var factory = TestClients.ForStubs(handler);

        var error = AwsErrorTranslator.Translate(await Record(() => factory.CreateEventBridge().ListRulesAsync(new())));

        Assert.Equal("AWS answered AccessDeniedException: not allowed.", error.Message);
    }

    [Fact]
    public async Task A_silent_endpoint_is_a_RequestTimeout_after_the_SDKs_attempts_each_bounded_by_the_timeout()
    {
        using var silent = new SilentEndpoint();
        var connection = TestClients.Connection("us-east-1", silent.Endpoint);
        using var factory = new AwsClientFactory(new AwsConnection(connection.Credentials, "Test", "us-east-1", "Test", silent.Endpoint,
            TimeSpan.FromSeconds(1)));
        var watch = Stopwatch.StartNew();

        var failure = await Record(() => factory.CreateEventBridge().ListRulesAsync(new()));

        watch.Stop();
        var error = AwsErrorTranslator.Translate(failure);
        Assert.Equal(ErrorIds.RequestTimeout, error.ErrorId);
        Assert.Equal(FailureKind.Timeout, error.Kind);
        Assert.Contains(silent.Endpoint.GetLeftPart(UriPartial.Authority), error.Message);
        Assert.Contains("within 1 s, on any of 3 attempt(s)", error.Message);
        Assert.Contains(RequestTimeout.EnvironmentVariable, error.RecommendedAction);
        // One connection per attempt at least; under load the HTTP stack may open a spare one.
        var connections = silent.AcceptedWithin(3, TimeSpan.FromSeconds(10));
        Assert.True(connections >= 3, $"{connections} connections were made.");
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(20));
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData("", 20)]
    [InlineData("5", 5)]
    [InlineData(" 90.5 ", 90.5)]
    public void The_request_timeout_is_20_seconds_unless_the_variable_says_otherwise(string? value, double seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), RequestTimeout.Parse(value));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    [InlineData("3601")]
    [InlineData("ten")]
    [InlineData("NaN")]
    public void A_request_timeout_that_is_not_1_to_3600_seconds_is_refused(string value)
    {
        var e = Assert.Throws<RootGuardException>(() => RequestTimeout.Parse(value));
        Assert.Equal(ErrorIds.InvalidRequestTimeout, e.ErrorId);
        Assert.Equal(FailureKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void The_connection_takes_the_timeout_from_the_environment_and_refuses_a_bad_one_before_any_call()
    {
        var request = new AwsConnectionRequest { AccessKey = "a", SecretKey = "b", Region = "eu-west-1" };
        request.GetEnvironmentVariable = name => name == RequestTimeout.EnvironmentVariable ? "7" : null;
        Assert.Equal(TimeSpan.FromSeconds(7), AwsConnectionResolver.Resolve(request).RequestTimeout);

        request.GetEnvironmentVariable = name => name == RequestTimeout.EnvironmentVariable ? "soon" : null;
        Assert.Equal(ErrorIds.InvalidRequestTimeout, Assert.Throws<RootGuardException>(() => AwsConnectionResolver.Resolve(request)).ErrorId);
    }

    [Fact]
    public async Task AWSs_inf_and_nan_in_an_alarm_are_read_not_a_crash()
    {
        handler.Stub("monitoring", "DescribeAlarms", StubResponse.QueryResult("monitoring", "DescribeAlarms",
            "<MetricAlarms><member><AlarmName>a</AlarmName><Threshold>inf</Threshold></member><member><AlarmName>b</AlarmName><Threshold>NaN</Threshold></member>"
            + "<member><AlarmName>c</AlarmName><Threshold>-Infinity</Threshold></member></MetricAlarms>"));
        using var factory = TestClients.ForStubs(handler);

        var alarms = (await factory.CreateCloudWatch().DescribeAlarmsAsync(new())).MetricAlarms;

        Assert.Equal(double.PositiveInfinity, alarms[0].Threshold);
        Assert.True(double.IsNaN(alarms[1].Threshold!.Value));
        Assert.Equal(double.NegativeInfinity, alarms[2].Threshold);
    }

    private static Task Call(AwsClientFactory factory, string service) => service switch
    {
        "events" => factory.CreateEventBridge().ListRulesAsync(new()),
        "sns" => factory.CreateSns().ListTopicsAsync(new()),
        "monitoring" => factory.CreateCloudWatch().DescribeAlarmsAsync(new()),
        "logs" => factory.CreateCloudWatchLogs().DescribeMetricFiltersAsync(new() { LogGroupName = "g" }),
        "sts" => factory.CreateSts().GetCallerIdentityAsync(new()),
        "account" => factory.CreateAccount().GetAlternateContactAsync(new() { AlternateContactType = "SECURITY" }),
        "iam" => factory.CreateIam().GetAccountSummaryAsync(new()),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };

    private static async Task<Exception> Record(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (Exception e)
        {
            return e;
        }

        throw new Xunit.Sdk.XunitException("The call succeeded; a failure was expected.");
    }
}
