using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Core.Aws.Runtime;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

/// <summary>
/// Throttling during a fleet run: the SDK alone gives a throttled call 3 attempts and takes every retry from a quota all
/// clients of one endpoint share (100 retries), so a throttled fleet fails; RootGuard waits instead. Offline: stubs answer.
/// </summary>
public sealed class ThrottlingBackoffTests
{
    private static readonly ThrottlingBackoff Quick = new() { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(50) };

    private static AwsClientFactory Clients(RecordingHandler handler) =>
        new(TestClients.Connection("us-east-1", null), new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory(), Throttling = Quick });

    // The SDK numbers its attempts in the amz-sdk-request header: "attempt=2; max=9".
    private static int AttemptOf(RecordedCall call) =>
        int.Parse(call.RequestHeaders["amz-sdk-request"].Split(';')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Throttles the first <paramref name="throttled"/> attempts of every call, then answers.</summary>
    private static Func<RecordedCall, StubResponse> ThrottledThen(int throttled, StubResponse answer, string code = "Throttling",
        HttpStatusCode status = HttpStatusCode.BadRequest) =>
        call => AttemptOf(call) <= throttled ? StubResponse.Error(code, status, "Rate exceeded") : answer;

    [Fact]
    public async Task A_call_throttled_five_times_still_succeeds()
    {
        using var handler = TestClients.Offline();
        handler.Stub("iam", "GetAccountSummary", ThrottledThen(5, RootFactStubs.AccountSummary()));
        using var clients = Clients(handler);

        var summary = await clients.CreateIam().GetAccountSummaryAsync(new GetAccountSummaryRequest());

        Assert.Equal(1, summary.SummaryMap["AccountMFAEnabled"]);
        Assert.Equal(new[] { 1, 2, 3, 4, 5, 6 }, handler.Calls.Select(AttemptOf));
    }

    [Fact]
    public async Task Throttling_past_every_retry_fails_with_the_throttling_error()
    {
        using var handler = TestClients.Offline();
        handler.Stub("iam", "GetAccountSummary", ThrottledThen(int.MaxValue, RootFactStubs.AccountSummary()));
        using var clients = Clients(handler);

        var error = await Assert.ThrowsAnyAsync<AmazonServiceException>(() => clients.CreateIam().GetAccountSummaryAsync(new GetAccountSummaryRequest()));

        Assert.Equal("Throttling", error.ErrorCode);
        Assert.Equal(1 + Quick.MaxRetries, handler.Calls.Count);
    }

    [Fact]
    public async Task Other_retryable_errors_keep_the_SDKs_three_attempts()
    {
        using var handler = TestClients.Offline();
        handler.Stub("iam", "GetAccountSummary", ThrottledThen(int.MaxValue, RootFactStubs.AccountSummary(), code: "ServiceUnavailable", status: HttpStatusCode.ServiceUnavailable));
        using var clients = Clients(handler);

        await Assert.ThrowsAnyAsync<AmazonServiceException>(() => clients.CreateIam().GetAccountSummaryAsync(new GetAccountSummaryRequest()));

        Assert.Equal(3, handler.Calls.Count);
    }

    [Fact]
    public async Task A_fleet_of_throttled_calls_does_not_run_out_of_retries()
    {
        // 150 accounts' clients, each call throttled twice: 300 retries, three times the SDK's shared quota.
        using var handler = TestClients.Offline();
        handler.Stub("organizations", "DescribeOrganization", ThrottledThen(2, RootFactStubs.Organization(managementAccountId: MotoServerFixture.AccountId), "TooManyRequestsException"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 150).Select(async _ =>
        {
            using var clients = Clients(handler);
            return await clients.CreateOrganizations().DescribeOrganizationAsync(new RootGuard.Core.Aws.Organizations.Model.DescribeOrganizationRequest());
        }));

        Assert.All(answers, a => Assert.Equal(MotoServerFixture.AccountId, a.Organization!.MasterAccountId));
        Assert.Equal(450, handler.Calls.Count);
    }

    [Fact]
    public async Task STS_AssumeRole_backs_off_the_same_way()
    {
        using var handler = TestClients.Offline();
        handler.Stub("sts", "AssumeRole", ThrottledThen(4, StubResponse.QueryResult("sts", "AssumeRole",
            "<Credentials><AccessKeyId>ASIAEXAMPLE</AccessKeyId><SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken>" +
            "<Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>")));
        using var clients = Clients(handler);

        var answer = await clients.CreateSts().AssumeRoleAsync(new AssumeRoleRequest { RoleArn = "arn:aws:iam::111111111111:role/R", RoleSessionName = "session" });

        Assert.Equal("ASIAEXAMPLE", answer.Credentials.AccessKeyId);
        Assert.Equal(5, handler.Calls.Count);
    }

    [Fact]
    public void Waits_grow_with_full_jitter_up_to_the_cap()
    {
        var backoff = new ThrottlingBackoff { BaseDelay = TimeSpan.FromMilliseconds(100), MaxDelay = TimeSpan.FromMilliseconds(1000) };
        var waits = Enumerable.Range(0, 200).Select(_ => backoff.DelayBefore(3)).ToList();

        Assert.All(waits, w => Assert.InRange(w.TotalMilliseconds, 0, 400));
        Assert.True(waits.Distinct().Count() > 100, "the waits are not jittered");
        Assert.All(Enumerable.Range(0, 50).Select(_ => backoff.DelayBefore(10)), w => Assert.InRange(w.TotalMilliseconds, 0, 1000));
    }
}
