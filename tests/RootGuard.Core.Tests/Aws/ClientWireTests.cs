using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using RootGuard.Core.Aws;
using RootGuard.Testing;
using Xunit;
using Xunit.Abstractions;
using Cw = RootGuard.Core.Aws.CloudWatch.Model;
using Eb = RootGuard.Core.Aws.EventBridge.Model;
using Iam = RootGuard.Core.Aws.Iam.Model;
using Logs = RootGuard.Core.Aws.CloudWatchLogs.Model;
using Org = RootGuard.Core.Aws.Organizations.Model;
using Acct = RootGuard.Core.Aws.Account.Model;
using Sns = RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.Tests.Aws;

/// <summary>What the clients put on the wire for real AWS endpoints, answered by stubs only.</summary>
public sealed class ClientWireTests : IDisposable
{
    private readonly ITestOutputHelper output;
    private readonly RecordingHandler handler = TestClients.Offline();

    public ClientWireTests(ITestOutputHelper output)
    {
        this.output = output;
        handler.Stub("events", "ListRules", StubResponse.Json("{\"Rules\":[]}"));
        handler.Stub("sns", "ListTopics", StubResponse.QueryResult("sns", "ListTopics", "<Topics/>"));
        handler.Stub("monitoring", "DescribeAlarms", StubResponse.QueryResult("monitoring", "DescribeAlarms", "<MetricAlarms/>"));
        handler.Stub("logs", "DescribeLogGroups", StubResponse.Json("{\"logGroups\":[]}"));
        handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary());
        handler.Stub("organizations", "DescribeOrganization", RootFactStubs.Organization());
        handler.Stub("account", "GetAlternateContact", RootFactStubs.AlternateContact());
    }

    public void Dispose() => handler.Dispose();

    public static TheoryData<string, string, string, string> Endpoints => new()
    {
        // connection region, service, expected host, expected credential scope
        { "eu-west-1", "events", "events.eu-west-1.amazonaws.com", "eu-west-1/events" },
        { "cn-north-1", "events", "events.cn-north-1.amazonaws.com.cn", "cn-north-1/events" },
        { "us-gov-west-1", "events", "events.us-gov-west-1.amazonaws.com", "us-gov-west-1/events" },
        { "cn-northwest-1", "sns", "sns.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1/sns" },
        { "us-gov-east-1", "monitoring", "monitoring.us-gov-east-1.amazonaws.com", "us-gov-east-1/monitoring" },
        { "cn-north-1", "logs", "logs.cn-north-1.amazonaws.com.cn", "cn-north-1/logs" },
        { "eu-west-1", "iam", "iam.amazonaws.com", "us-east-1/iam" },
        { "cn-northwest-1", "iam", "iam.cn-north-1.amazonaws.com.cn", "cn-north-1/iam" },
        { "us-gov-east-1", "iam", "iam.us-gov.amazonaws.com", "us-gov-west-1/iam" },
        { "eu-west-1", "organizations", "organizations.us-east-1.amazonaws.com", "us-east-1/organizations" },
        { "cn-north-1", "organizations", "organizations.cn-northwest-1.amazonaws.com.cn", "cn-northwest-1/organizations" },
        { "us-gov-east-1", "organizations", "organizations.us-gov-west-1.amazonaws.com", "us-gov-west-1/organizations" },
        { "eu-west-1", "account", "account.us-east-1.amazonaws.com", "us-east-1/account" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_partition_gets_its_endpoint_and_a_SigV4_scope_naming_service_and_region(string region, string service, string host, string scope)
    {
        using var factory = TestClients.ForStubs(handler, region);

        await Call(factory, service);

        var call = Assert.Single(handler.Calls);
        Assert.Equal(host, call.Uri!.Host);
        Assert.Equal("https", call.Uri.Scheme);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=testing/", call.Authorization);
        Assert.Contains($"/{scope}/aws4_request", call.Authorization);
        Assert.Contains("SignedHeaders=", call.Authorization);
        Assert.Contains("Signature=", call.Authorization);
        Assert.True(call.RequestHeaders.ContainsKey("X-Amz-Date"));
        output.WriteLine(call.RequestHeaders.GetValueOrDefault("User-Agent"));
    }

    [Fact]
    public async Task The_user_agent_names_RootGuard()
    {
        using var factory = TestClients.ForStubs(handler);
        await Call(factory, "events");

        var agent = Assert.Single(handler.Calls).RequestHeaders["User-Agent"];
        Assert.Contains("aws-sdk-dotnet", agent);
        Assert.Contains("RootGuard", agent);
    }

    public static TheoryData<string, string, HttpStatusCode, Type, AwsErrorKind> Errors => new()
    {
        { "events", "ResourceNotFoundException", HttpStatusCode.BadRequest, typeof(ResourceNotFoundException), AwsErrorKind.NotFound },
        { "events", "AccessDeniedException", HttpStatusCode.BadRequest, typeof(AccessDeniedException), AwsErrorKind.AccessDenied },
        { "events", "InvalidEventPatternException", HttpStatusCode.BadRequest, typeof(ValidationException), AwsErrorKind.Validation },
        { "sns", "NotFound", HttpStatusCode.NotFound, typeof(NotFoundException), AwsErrorKind.NotFound },
        { "sns", "AuthorizationError", HttpStatusCode.Forbidden, typeof(AccessDeniedException), AwsErrorKind.AccessDenied },
        { "sns", "InvalidParameter", HttpStatusCode.BadRequest, typeof(ValidationException), AwsErrorKind.Validation },
        { "monitoring", "LimitExceeded", HttpStatusCode.BadRequest, typeof(LimitExceededException), AwsErrorKind.LimitExceeded },
        { "logs", "OperationAbortedException", HttpStatusCode.BadRequest, typeof(ConflictException), AwsErrorKind.Conflict },
        { "iam", "NoSuchEntity", HttpStatusCode.NotFound, typeof(NoSuchEntityException), AwsErrorKind.NotFound },
        { "iam", "AccessDenied", HttpStatusCode.Forbidden, typeof(AccessDeniedException), AwsErrorKind.AccessDenied },
        { "organizations", "AWSOrganizationsNotInUseException", HttpStatusCode.BadRequest, typeof(AWSOrganizationsNotInUseException), AwsErrorKind.NotFound },
        { "account", "AccessDeniedException", HttpStatusCode.Forbidden, typeof(AccessDeniedException), AwsErrorKind.AccessDenied },
        { "account", "ResourceNotFoundException", HttpStatusCode.NotFound, typeof(ResourceNotFoundException), AwsErrorKind.NotFound },
        { "events", "ExpiredTokenException", HttpStatusCode.BadRequest, typeof(AwsServiceException), AwsErrorKind.Authentication },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public async Task Error_codes_map_to_typed_exceptions_that_keep_code_request_id_and_status(string service, string code, HttpStatusCode status, Type expected, AwsErrorKind kind)
    {
        using var factory = TestClients.ForStubs(handler);
        handler.On(service, "*").Fail(code, status, "Injected " + code);

        var error = await Assert.ThrowsAnyAsync<AwsServiceException>(() => Call(factory, service));

        Assert.IsType(expected, error);
        Assert.Equal(code, error.ErrorCode);
        Assert.Equal(status, error.StatusCode);
        Assert.Equal(kind, error.Kind);
        Assert.Equal("Injected " + code, error.Message);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
        Assert.Single(handler.Calls);
    }

    [Theory]
    [InlineData("sns")]
    [InlineData("events")]
    [InlineData("iam")]
    [InlineData("monitoring")]
    [InlineData("organizations")]
    [InlineData("account")]
    public async Task Throttling_is_retried_until_the_call_succeeds(string service)
    {
        using var factory = TestClients.ForStubs(handler);
        handler.On(service, "*").Throttle().Times(2);

        await Call(factory, service);

        Assert.Equal(3, handler.Calls.Count);
    }

    [Fact]
    public void Both_retry_policies_treat_SNS_Throttled_as_throttling()
    {
        // A live adaptive test cannot pass: AWSSDK.Core's adaptive token bucket refuses the retry after a cold
        // client's first throttle ("insufficient capacity"), as the SDK's own unit tests assert.
        var config = new RootGuard.Core.Aws.Sns.SnsConfig();
        Assert.Contains("Throttled", new RootGuard.Core.Aws.Runtime.AwsStandardRetryPolicy(config).ThrottlingErrorCodes);
        Assert.Contains("Throttled", new RootGuard.Core.Aws.Runtime.AwsAdaptiveRetryPolicy(config).ThrottlingErrorCodes);
    }

    [Fact]
    public async Task Throttling_that_never_ends_is_a_ThrottlingException_after_the_retry_budget()
    {
        using var factory = TestClients.ForStubs(handler, maxErrorRetry: 3);
        handler.On("sns", "ListTopics").Throttle();

        var error = await Assert.ThrowsAsync<ThrottlingException>(() => Call(factory, "sns"));

        Assert.Equal("Throttled", error.ErrorCode);
        Assert.Equal((HttpStatusCode)429, error.StatusCode);
        Assert.Equal(AwsErrorKind.Throttling, error.Kind);
        Assert.Equal(4, handler.Calls.Count);
    }

    [Fact]
    public async Task A_5xx_storm_ends_in_a_ServiceFailureException_after_the_retry_budget()
    {
        using var factory = TestClients.ForStubs(handler);
        handler.On("events", "ListRules").Fail("InternalFailure", HttpStatusCode.InternalServerError, "We encountered an internal error.");

        var error = await Assert.ThrowsAsync<ServiceFailureException>(() => Call(factory, "events"));

        Assert.Equal("InternalFailure", error.ErrorCode);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(AwsErrorKind.ServiceFailure, error.Kind);
        Assert.Equal(3, handler.Calls.Count);
    }

    [Fact]
    public async Task Cancellation_stops_the_call()
    {
        using var factory = TestClients.ForStubs(handler);
        handler.On("events", "ListRules").Delay(TimeSpan.FromSeconds(30));
        using var cancellation = new System.Threading.CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            factory.CreateEventBridge().ListRulesAsync(new Eb.ListRulesRequest(), cancellation.Token));
    }

    [Fact]
    public void Clients_are_cached_per_service_and_region()
    {
        using var factory = TestClients.ForStubs(handler, "eu-west-1");

        Assert.Same(factory.CreateEventBridge(), factory.CreateEventBridge("eu-west-1"));
        Assert.NotSame(factory.CreateEventBridge(), factory.CreateEventBridge("us-east-1"));
        Assert.Same(factory.CreateIam(), factory.CreateIam());
        Assert.Same(factory.CreateSts(), factory.CreateSts());
    }

    [Fact]
    public async Task The_connections_client_options_reach_every_client_of_every_connection_derived_from_it()
    {
        var connection = TestClients.Connection("us-east-1", null).WithClientOptions(new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory() });
        var assumed = connection.InRegion("eu-west-1").WithCredentials(new BasicAWSCredentials("AKIAASSUMED", "assumed-secret"), "AssumeRole:test");

        using (var factory = new AwsClientFactory(connection))
        {
            await factory.CreateEventBridge().ListRulesAsync(new Eb.ListRulesRequest());
            await factory.CreateSns("ap-southeast-2").ListTopicsAsync(new Sns.ListTopicsRequest());
        }

        using (var factory = new AwsClientFactory(assumed))
        {
            await factory.CreateIam().GetAccountSummaryAsync(new Iam.GetAccountSummaryRequest());
        }

        Assert.Single(handler.CallsTo("events", "ListRules"));
        Assert.Single(handler.CallsTo("sns", "ListTopics"));
        Assert.Contains("AKIAASSUMED", Assert.Single(handler.CallsTo("iam", "GetAccountSummary")).RequestHeaders["Authorization"]);
    }

    [Fact]
    public async Task Concurrent_requests_for_one_service_and_region_get_one_client()
    {
        using var factory = TestClients.ForStubs(handler, "eu-west-1");
        using var start = new Barrier(16);

        var clients = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.SignalAndWait();
            return factory.CreateSns();
        })));

        Assert.Single(clients.Distinct());
    }

    [Fact]
    public void A_disposed_factory_builds_no_more_clients()
    {
        var factory = TestClients.ForStubs(handler);
        factory.CreateSns();
        factory.Dispose();

        Assert.Throws<ObjectDisposedException>(() => factory.CreateSns());
    }

    private static Task Call(AwsClientFactory factory, string service) => service switch
    {
        "events" => factory.CreateEventBridge().ListRulesAsync(new Eb.ListRulesRequest()),
        "sns" => factory.CreateSns().ListTopicsAsync(new Sns.ListTopicsRequest()),
        "monitoring" => factory.CreateCloudWatch().DescribeAlarmsAsync(new Cw.DescribeAlarmsRequest()),
        "logs" => factory.CreateCloudWatchLogs().DescribeLogGroupsAsync(new Logs.DescribeLogGroupsRequest()),
        "iam" => factory.CreateIam().GetAccountSummaryAsync(new Iam.GetAccountSummaryRequest()),
        "organizations" => factory.CreateOrganizations().DescribeOrganizationAsync(new Org.DescribeOrganizationRequest()),
        "account" => factory.CreateAccount().GetAlternateContactAsync(new Acct.GetAlternateContactRequest { AlternateContactType = "SECURITY" }),
        _ => throw new ArgumentOutOfRangeException(nameof(service)),
    };
}
