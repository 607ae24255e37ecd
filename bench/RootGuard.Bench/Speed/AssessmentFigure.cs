using System.Diagnostics;
using Amazon.Runtime;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Testing;

namespace RootGuard.Bench.Speed;

/// <summary>
/// Test-RootAccountSecurity's Core in this process, every AWS call held for the same injected latency by the in-process
/// RecordingHandler and then answered by it with moto's answers, recorded once (moto's own few milliseconds a call
/// would otherwise add to every link). Compared with its
/// dependent-chain bound (the deepest chain of calls that each need the one before, times the latency) and with the
/// same calls issued one after another through the same handler.
/// </summary>
internal static class AssessmentFigure
{
    /// <summary>
    /// How many calls each operation waits for in the assessment: its depth in the dependency graph. A rule's targets
    /// need the rules, a topic needs the targets or the filters and alarms (which need the trails), a key needs its topic's
    /// attributes, a subscription's attributes (its filter policy) need the topic's subscriptions.
    /// </summary>
    private static readonly Dictionary<string, int> Depth = new(StringComparer.Ordinal)
    {
        ["ListTargetsByRule"] = 2, ["GetTrailStatus"] = 2, ["GetEventSelectors"] = 2, ["DescribeMetricFilters"] = 2, ["DescribeAlarms"] = 2,
        ["GetTopicAttributes"] = 3, ["ListSubscriptionsByTopic"] = 3,
        ["DescribeKey"] = 4, ["GetSubscriptionAttributes"] = 4, ["GetKeyPolicy"] = 5,
    };

    public sealed record Result(Sample Wall, double BoundMs, Sample Sequential, int Calls, int TopicReads, double AllocatedMb, string Chain);

    public static async Task<Result> MeasureAsync(MotoServerFixture moto, int runs, TimeSpan latency)
    {
        moto.Reset();
        SeedSharedTopicAccount(moto);
        var handler = new RecordingHandler();
        handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary());
        handler.Stub("iam", "GetCredentialReport", RootFactStubs.CredentialReport(new CredentialReportRootRow { PasswordLastUsed = DateTimeOffset.UtcNow.AddDays(-200) }));
        handler.Stub("iam", "GenerateCredentialReport", RootFactStubs.GenerateCredentialReport());
        handler.Stub("organizations", "DescribeOrganization", RootFactStubs.Organization(managementAccountId: MotoServerFixture.AccountId));
        handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-exampleorg1", "RootCredentialsManagement", "RootSessions"));
        handler.Stub("account", "GetAlternateContact", RootFactStubs.AlternateContact());
        handler.On("*", "*").Delay(latency);
        var connection = new AwsConnection(new BasicAWSCredentials(MotoServerFixture.AccessKeyId, MotoServerFixture.SecretAccessKey), "Bench",
            MotoServerFixture.Region, "Bench", moto.Endpoint);
        var options = new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory() };

        async Task<(double Ms, long Allocated)> Once()
        {
            handler.Clear();
            using var clients = new AwsClientFactory(connection, options);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var watch = Stopwatch.StartNew();
            await new RootAccountAssessment(clients).RunAsync(AssessmentCatalog.All, AssessmentCatalog.DefaultUsageWindowDays, CancellationToken.None);
            watch.Stop();
            return (watch.Elapsed.TotalMilliseconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
        }

        await Once(); // JIT, connection pools; and moto's answers, recorded for what follows
        AnswerInProcess(handler);
        await Once();
        long lastAllocated = 0;
        var wall = await Sample.MeasureAsync("assessment", runs, async _ =>
        {
            var (ms, allocated) = await Once();
            lastAllocated = allocated;
            return ms;
        });
        var calls = handler.Calls.ToList();
        var depth = calls.Max(c => Depth.GetValueOrDefault(c.Operation, 1));
        var deepest = calls.Where(c => Depth.GetValueOrDefault(c.Operation, 1) == depth).Select(c => c.Operation).First();

        // The same requests, one after another, through the same handler (so the same latency and the same answers).
        using var http = handler.CreateClient();
        var sequential = await Sample.MeasureAsync("sequential", runs, async _ =>
        {
            var watch = Stopwatch.StartNew();
            foreach (var call in calls)
            {
                using var request = new HttpRequestMessage(new HttpMethod(call.Method), call.Uri) { Content = new StringContent(call.RequestBody) };
                request.Content.Headers.Clear();
                foreach (var (name, value) in call.RequestHeaders)
                {
                    if (name is "Content-Length" or "Host") continue;
                    if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
                }

                using var response = await http.SendAsync(request);
                await response.Content.ReadAsByteArrayAsync();
            }

            return watch.Elapsed.TotalMilliseconds;
        });
        handler.Dispose();
        return new Result(wall, depth * latency.TotalMilliseconds, sequential, calls.Count,
            calls.Count(c => c.Operation == "GetTopicAttributes"), lastAllocated / 1024.0 / 1024.0, $"{depth} calls deep (… → {deepest})");
    }

    /// <summary>
    /// Answers every call in this process from moto's recorded answers (by operation and request body): moto takes a few
    /// milliseconds a call, which would add to the latency of every link of the chain and set a pace of its own.
    /// </summary>
    private static void AnswerInProcess(RecordingHandler handler)
    {
        var recorded = handler.Calls.Where(c => c.Outcome == CallOutcome.Forwarded && c.StatusCode != null).ToList();
        foreach (var operation in recorded.GroupBy(c => (c.Service, c.Operation)))
        {
            var answers = operation.GroupBy(c => c.RequestBody).ToDictionary(g => g.Key, g => g.First());
            handler.Stub(operation.Key.Service, operation.Key.Operation, call =>
            {
                var answer = answers.GetValueOrDefault(call.RequestBody) ?? operation.First();
                return StubResponse.Json(answer.ResponseBody ?? string.Empty, answer.StatusCode!.Value,
                    answer.ResponseHeaders.GetValueOrDefault("Content-Type") ?? "application/json");
            });
        }
    }

    /// <summary>Both monitors as RootGuard now leaves them: one topic in the region that the rule and the alarm notify.</summary>
    private static void SeedSharedTopicAccount(MotoServerFixture moto)
    {
        var seeder = moto.Seeder;
        seeder.CreateTrailWithLogs();
        var topic = seeder.CreateTopicWithSubscriptions("RootGuard-RootSignIn", ("email", "security@example.com"));
        seeder.RunBoto3("""
client("sns").set_topic_attributes(TopicArn=ARGS["topic"], AttributeName="Policy", AttributeValue=json.dumps({"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": s}, "Action": "sns:Publish", "Resource": ARGS["topic"]}
                  for s in ("events.amazonaws.com", "cloudwatch.amazonaws.com")]}))
""", new { topic });
        seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern, "RootAccountUsageCount", "CloudTrailMetrics");
        seeder.PutAlarm("RootGuard-RootAccountUsage", "RootAccountUsageCount", "CloudTrailMetrics", topic);
        seeder.PutRuleWithTarget("RootGuard-RootSignIn", RootMonitorDefinitions.BuildSignInEventPattern(), topic);
    }
}
