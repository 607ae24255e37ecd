using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Backend;

[Collection("moto")]
public class RecordingHandlerTests : IDisposable
{
    private readonly MotoServerFixture _moto;
    private readonly RecordingHandler _handler = new();
    private readonly HttpClient _http;

    public RecordingHandlerTests(MotoServerFixture moto)
    {
        _moto = moto;
        _moto.Reset();
        _http = _handler.CreateClient();
    }

    public void Dispose()
    {
        _http.Dispose();
        _handler.Dispose();
    }

    private Uri Endpoint => _moto.Endpoint;

    private HttpResponseMessage PutRule(string name) => _http.Send(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.PutRule",
        $$"""{"Name":"{{name}}","EventPattern":"{\"source\":[\"aws.signin\"]}","State":"ENABLED"}"""));

    private HttpResponseMessage CreateTopic(string name) => _http.Send(AwsTestRequest.Query(Endpoint, "sns",
        ("Action", "CreateTopic"), ("Version", "2010-03-31"), ("Name", name)));

    [Fact]
    public async Task A_call_is_in_flight_until_it_is_answered_or_cancelled()
    {
        _handler.On("events", "ListRules").Delay(TimeSpan.FromMinutes(2));
        using var cancel = new CancellationTokenSource();

        var held = _http.SendAsync(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.ListRules", "{}"), cancel.Token);
        Assert.True(SpinWait.SpinUntil(() => _handler.InFlight == 1, TimeSpan.FromSeconds(10)));
        using (var answered = await _http.SendAsync(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.ListEventBuses", "{}"))) Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal(1, _handler.InFlight);

        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        Assert.Equal(0, _handler.InFlight);
        Assert.Equal(CallOutcome.Pending, _handler.CallsTo("events", "ListRules").Single().Outcome);
    }

    [Fact]
    public async Task Records_service_region_operation_body_and_status_for_each_protocol()
    {
        using (var rule = await _http.SendAsync(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.ListRules", "{}"))) Assert.Equal(HttpStatusCode.OK, rule.StatusCode);
        using (var topic = CreateTopic("recorded")) Assert.Equal(HttpStatusCode.OK, topic.StatusCode);
        using (var contact = await _http.SendAsync(AwsTestRequest.RestJson(Endpoint, "account", HttpMethod.Post, "/getAlternateContact", """{"AlternateContactType":"SECURITY"}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, contact.StatusCode); // moto: ResourceNotFoundException, as 400
        }

        var calls = _handler.Calls;
        Assert.Equal(3, calls.Count);
        Assert.Equal(("events", "us-east-1", "ListRules", AwsProtocol.AwsJson), (calls[0].Service, calls[0].Region, calls[0].Operation, calls[0].Protocol));
        Assert.Equal(("sns", "CreateTopic", AwsProtocol.AwsQuery), (calls[1].Service, calls[1].Operation, calls[1].Protocol));
        Assert.Equal("recorded", calls[1].FormParameters["Name"]);
        Assert.Equal(("account", "GetAlternateContact", AwsProtocol.RestJson), (calls[2].Service, calls[2].Operation, calls[2].Protocol));
        Assert.Contains("SECURITY", calls[2].RequestBody);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=testing/", calls[0].Authorization);
        Assert.All(calls, c => Assert.Equal(CallOutcome.Forwarded, c.Outcome));
        Assert.Contains("TopicArn", calls[1].ResponseBody);
        Assert.Equal(HttpStatusCode.BadRequest, calls[2].StatusCode);
    }

    [Fact]
    public void Mutating_calls_leave_out_reads_and_Clear_forgets_calls()
    {
        PutRule("mutating").Dispose();
        _http.Send(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.DescribeRule", """{"Name":"mutating"}""")).Dispose();
        CreateTopic("mutating").Dispose();

        Assert.Equal(["PutRule", "CreateTopic"], _handler.MutatingCalls.Select(c => c.Operation));
        Assert.Single(_handler.CallsTo("events", "DescribeRule"));
        Assert.Equal(2, _handler.CallsTo("events", "*").Count);
        _handler.Clear();
        Assert.Empty(_handler.Calls);
    }

    [Fact]
    public void Fail_answers_the_next_calls_with_an_awsJson_error_then_lets_calls_through()
    {
        var rule = _handler.On("events", "PutRule").Fail("AccessDeniedException", HttpStatusCode.BadRequest, "no").Times(1);

        using var first = PutRule("faulted");
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal("AccessDeniedException", first.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.Equal("""{"__type":"AccessDeniedException","message":"no"}""", first.Content.ReadAsStringAsync().Result);
        using var second = PutRule("faulted");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(1, rule.Fired);
        Assert.Equal([CallOutcome.Faulted, CallOutcome.Forwarded], _handler.Calls.Select(c => c.Outcome));
    }

    [Fact]
    public void Fail_on_an_awsQuery_service_answers_an_ErrorResponse()
    {
        _handler.On("sns", "CreateTopic").Fail("AuthorizationError", HttpStatusCode.Forbidden, "denied");
        using var response = CreateTopic("denied");
        string body = response.Content.ReadAsStringAsync().Result;
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.StartsWith("<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>AuthorizationError</Code><Message>denied</Message></Error><RequestId>", body);
    }

    [Theory]
    [InlineData("sns", "Throttled", 429)]
    [InlineData("iam", "Throttling", 400)]
    [InlineData("events", "ThrottlingException", 400)]
    [InlineData("account", "TooManyRequestsException", 429)]
    public void Throttle_answers_with_the_services_own_throttling_error(string service, string code, int status)
    {
        _handler.On(service, "*").Throttle();
        using var request = service switch
        {
            "sns" or "iam" => AwsTestRequest.Query(Endpoint, service, "Action=ListTopics&Version=2010-03-31"),
            "account" => AwsTestRequest.RestJson(Endpoint, service, HttpMethod.Post, "/getContactInformation", "{}"),
            _ => AwsTestRequest.Json(Endpoint, service, "AWSEvents.ListRules"),
        };
        using var response = _http.Send(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(code, response.Content.ReadAsStringAsync().Result + string.Join(",", response.Headers.Select(h => string.Join(",", h.Value))));
    }

    [Fact]
    public void A_seeded_share_of_calls_fails_the_same_way_every_run()
    {
        int Failures()
        {
            using var handler = new RecordingHandler();
            using var http = handler.CreateClient();
            handler.On("events", "ListRules").Throttle().WithProbability(0.5, seed: 7);
            for (int i = 0; i < 20; i++) http.Send(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.ListRules")).Dispose();
            return handler.Calls.Count(c => c.Outcome == CallOutcome.Faulted);
        }

        int first = Failures();
        Assert.InRange(first, 3, 17);
        Assert.Equal(first, Failures());
    }

    [Fact]
    public async Task Delay_holds_the_call_then_lets_it_through()
    {
        _handler.On("events", "ListRules").Delay(TimeSpan.FromMilliseconds(300)).Times(1);
        var watch = Stopwatch.StartNew();
        using var response = await _http.SendAsync(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.ListRules"));
        Assert.True(watch.ElapsedMilliseconds >= 290, $"took {watch.ElapsedMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Drop_throws_HttpRequestException_with_an_IOException_in_both_send_paths()
    {
        _handler.On("events", "PutRule").Drop().Times(2);
        var sync = Assert.Throws<HttpRequestException>(() => PutRule("dropped"));
        var async = await Assert.ThrowsAsync<HttpRequestException>(() => _http.SendAsync(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.PutRule", """{"Name":"dropped"}""")));
        Assert.IsType<IOException>(sync.InnerException);
        Assert.IsType<IOException>(async.InnerException);
        Assert.All(_handler.Calls, c => Assert.Equal(CallOutcome.Dropped, c.Outcome));
        Assert.Empty(_moto.Seeder.RunBoto3Json("""out(client("events").list_rules()["Rules"])""").EnumerateArray());
    }

    [Fact]
    public void Drop_after_send_loses_the_answer_but_not_the_effect()
    {
        _handler.On("sns", "CreateTopic").Drop(afterSend: true).Times(1);
        Assert.Throws<HttpRequestException>(() => CreateTopic("lost-answer"));
        Assert.Contains("lost-answer", _moto.Seeder.RunBoto3("""out(client("sns").list_topics()["Topics"])"""));
    }

    [Fact]
    public async Task Stubs_answer_in_place_of_moto_and_are_recorded()
    {
        _handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary(mfaEnabled: false));
        _handler.Stub("organizations", "DescribeOrganization", _ => RootFactStubs.NotInOrganization());

        using var summary = await _http.SendAsync(AwsTestRequest.Query(Endpoint, "iam", "Action=GetAccountSummary&Version=2010-05-08"));
        string xml = await summary.Content.ReadAsStringAsync();
        Assert.Contains("<entry><key>AccountMFAEnabled</key><value>0</value></entry>", xml);
        using var org = await _http.SendAsync(AwsTestRequest.Json(Endpoint, "organizations", "AWSOrganizationsV20161128.DescribeOrganization"));
        Assert.Equal(HttpStatusCode.BadRequest, org.StatusCode);
        Assert.Equal("AWSOrganizationsNotInUseException", org.Headers.GetValues("x-amzn-ErrorType").Single());
        Assert.All(_handler.Calls, c => Assert.Equal(CallOutcome.Stubbed, c.Outcome));
        Assert.Contains("AccountMFAEnabled", _handler.Calls[0].ResponseBody);
    }

    [Fact]
    public void A_fault_wins_over_a_stub()
    {
        _handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary());
        _handler.On("iam", "GetAccountSummary").Throttle().Times(1);
        using var first = _http.Send(AwsTestRequest.Query(Endpoint, "iam", "Action=GetAccountSummary&Version=2010-05-08"));
        using var second = _http.Send(AwsTestRequest.Query(Endpoint, "iam", "Action=GetAccountSummary&Version=2010-05-08"));
        Assert.Equal([CallOutcome.Faulted, CallOutcome.Stubbed], _handler.Calls.Select(c => c.Outcome));
    }

    [Fact]
    public void Handlers_from_the_factory_share_the_recording_and_leave_it_alive()
    {
        var factory = _handler.CreateFactory();
        using (var client = new HttpClient(factory())) client.Send(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.ListRules")).Dispose();
        using (var client = new HttpClient(factory())) client.Send(AwsTestRequest.Json(Endpoint, "events", "AWSEvents.ListRules")).Dispose();
        Assert.Equal(2, _handler.CallsTo("events", "ListRules").Count);
    }
}
