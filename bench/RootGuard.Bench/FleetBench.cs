using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Fleet;
using RootGuard.Testing;

namespace RootGuard.Bench;

/// <summary>
/// The fleet benchmark: Test-RootAccountSecurity's Core across 50 and 200 accounts at ThrottleLimit 1, 4, 16 and 32,
/// every AWS call answered in-process after the same latency (moto would set the pace itself: about 11 accounts/s
/// whatever the concurrency). The answers are one account's, recorded once from moto with the root facts stubbed;
/// AssumeRole and GetCallerIdentity are answered per account. Each configuration runs in its own process, so its peak
/// working set is its own. Prints accounts/s against the ideal (accounts x dependent chain x latency / concurrency),
/// the time to the first account's findings against the whole run, and the peak working set.
/// </summary>
internal static class FleetBench
{
    public const string ChildMode = "fleet-run";
    private static readonly int[] AccountCounts = { 50, 200 };
    private static readonly int[] Limits = { 1, 4, 16, 32 };

    public static async Task<int> RunAsync(string[] args)
    {
        var latency = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 50;
        var replayPath = Path.Combine(Path.GetTempPath(), $"rootguard-fleet-replay-{Environment.ProcessId}.json");
        try
        {
            Console.WriteLine("Recording one account's answers from moto (root facts stubbed) ...");
            await RecordAsync(replayPath);
            Console.WriteLine($"Fleet: every call answered in-process after {latency} ms; each row is its own process.");
            Console.WriteLine();
            // Other work on the machine stretches the latencies and the CPU share: print the load next to the figures.
            Console.WriteLine($"({Environment.ProcessorCount} processors" + (File.Exists("/proc/loadavg") ? ", load average " + File.ReadAllText("/proc/loadavg").Split(' ')[0] : string.Empty) + ")");
            Console.WriteLine("accounts  limit  chain  calls/acct  accounts/s  ideal/s  of ideal  first finding   total     first/total  peak WS  CPU/acct");
            // "fleet 50 200x16 50x4" runs only those configurations.
            var configurations = args.Length > 2
                ? args.Skip(2).Select(a => a.Split('x')).Select(p => (Accounts: int.Parse(p[0], CultureInfo.InvariantCulture), Limit: int.Parse(p[1], CultureInfo.InvariantCulture))).ToList()
                : AccountCounts.SelectMany(a => Limits.Select(l => (Accounts: a, Limit: l))).ToList();
            foreach (var (accounts, limit) in configurations)
            {
                {
                    var r = RunChild(replayPath, accounts, limit, latency);
                    var ideal = limit / (r.Chain * latency / 1000.0);
                    var rate = accounts / (r.TotalMs / 1000.0);
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture,
                        "{0,8}  {1,5}  {2,5}  {3,10:0.0}  {4,10:0.0}  {5,7:0.0}  {6,8:0%}  {7,10:0} ms  {8,7:0} ms  {9,11:0.0%}  {10,5:0} MB  {12,5:0.0} ms{11}",
                        accounts, limit, r.Chain, r.Calls / (double)accounts, rate, ideal, rate / ideal, r.FirstMs, r.TotalMs, r.FirstMs / r.TotalMs,
                        r.PeakWorkingSetMb, r.Failed > 0 || r.Unanswered > 0 ? $"  ({r.Failed} accounts failed, {r.Unanswered} calls unanswered)" : string.Empty, r.CpuMs / accounts));
                }
            }

            Console.WriteLine();
            Console.WriteLine("CPU/acct is the benchmark process's processor time per account (RootGuard, the SDK and the in-process answers).");
            if (File.Exists("/proc/loadavg")) Console.WriteLine("Load average at the end: " + File.ReadAllText("/proc/loadavg").Split(' ')[0]);
            Console.WriteLine("Goals: at limit 16, accounts/s >= 80% of ideal; first finding before 10% of the run; peak WS flat from 50 to 200 accounts.");
            return 0;
        }
        finally
        {
            File.Delete(replayPath);
        }
    }

    /// <summary>One configuration, in this process: prints one RESULT line for the parent.</summary>
    public static async Task<int> ChildAsync(string[] args)
    {
        var replay = JsonSerializer.Deserialize<List<ReplayedAnswer>>(File.ReadAllText(args[1]))!;
        var accounts = int.Parse(args[2], CultureInfo.InvariantCulture);
        var limit = int.Parse(args[3], CultureInfo.InvariantCulture);
        var latency = TimeSpan.FromMilliseconds(int.Parse(args[4], CultureInfo.InvariantCulture));

        var backend = new InProcessAws(replay, latency);
        var options = new AwsClientFactoryOptions { HttpHandlerFactory = backend.CreateFactory() };
        // The endpoint is never reached: the handler answers every call.
        var connection = new AwsConnection(new BasicAWSCredentials(MotoServerFixture.AccessKeyId, MotoServerFixture.SecretAccessKey), "Bench",
            MotoServerFixture.Region, "Bench", new Uri("http://127.0.0.1:9/"));
        using var caller = new AwsClientFactory(connection, options);
        var roster = await OrganizationRosterReader.ReadAsync(caller, listAccounts: false, CancellationToken.None);
        var fleet = new FleetAssessment(caller, roster, new FleetOptions { Concurrency = limit });
        var checks = AssessmentCatalog.All;

        // Warm-up: JIT and connection setup out of the measurement.
        Drain(fleet.Run(Ids(Math.Max(limit, 4), 310000000000L), checks, AssessmentCatalog.DefaultUsageWindowDays, CancellationToken.None));
        // The dependent chain of one member account (AssumeRole, then the assessment's waves), from its calls' start times.
        backend.StartLog();
        Drain(fleet.Run(new[] { "300000000000" }, checks, AssessmentCatalog.DefaultUsageWindowDays, CancellationToken.None));
        var chain = Waves(backend.StopLog(), latency);
        GC.Collect();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;

        var callsBefore = backend.Calls;
        var ids = Ids(accounts, 200000000000L);
        var watch = Stopwatch.StartNew();
        double? first = null;
        int failed = 0, findings = 0;
        foreach (var outcome in fleet.Run(ids, checks, AssessmentCatalog.DefaultUsageWindowDays, CancellationToken.None))
        {
            first ??= watch.Elapsed.TotalMilliseconds;
            if (outcome.Report == null) failed++;
            else findings += outcome.Report.Results.Count(r => r.Reason.Length > 0); // read each finding, as a pipeline would
        }

        var total = watch.Elapsed.TotalMilliseconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds;
        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "RESULT chain={0} calls={1} first={2:0.0} total={3:0.0} peak={4:0.0} failed={5} unanswered={6} findings={7} cpu={8:0.0}",
            chain, backend.Calls - callsBefore, first ?? total, total, Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0, failed, backend.Unanswered, findings, cpu));
        return 0;
    }

    private static List<string> Ids(int count, long start) =>
        Enumerable.Range(0, count).Select(i => (start + i).ToString(CultureInfo.InvariantCulture)).ToList();

    private static void Drain(IEnumerable<FleetAccountOutcome> outcomes)
    {
        foreach (var outcome in outcomes)
        {
            if (outcome.Failure != null) throw new InvalidOperationException($"Account {outcome.AccountId}: {outcome.Failure.Message}");
        }
    }

    // Calls that start together form a wave; each wave waits for the one before, so waves x latency is the dependent chain.
    private static int Waves(IReadOnlyList<TimeSpan> starts, TimeSpan latency)
    {
        var waves = 0;
        TimeSpan? waveStart = null;
        foreach (var start in starts.OrderBy(s => s))
        {
            if (waveStart == null || start - waveStart.Value > latency / 2)
            {
                waves++;
                waveStart = start;
            }
        }

        return waves;
    }

    private static async Task RecordAsync(string path)
    {
        using var moto = new MotoServerFixture();
        BenchAccount.Seed(moto);
        using var recorder = new RecordingHandler();
        BenchAccount.StubRootFacts(recorder);
        var connection = new AwsConnection(new BasicAWSCredentials(MotoServerFixture.AccessKeyId, MotoServerFixture.SecretAccessKey), "Bench",
            MotoServerFixture.Region, "Bench", moto.Endpoint);
        using (var clients = new AwsClientFactory(connection, new AwsClientFactoryOptions { HttpHandlerFactory = recorder.CreateFactory() }))
        {
            await OrganizationRosterReader.ReadAsync(clients, listAccounts: false, CancellationToken.None);
            await new RootAccountAssessment(clients).RunAsync(AssessmentCatalog.All, AssessmentCatalog.DefaultUsageWindowDays, CancellationToken.None);
        }

        var answers = recorder.Calls.Where(c => c.StatusCode != null && !c.Is("sts", "*"))
            .Select(c => new ReplayedAnswer(c.Service, c.Operation, c.RequestBody, (int)c.StatusCode!.Value,
                c.ResponseHeaders.TryGetValue("Content-Type", out var type) ? type : "application/json", c.ResponseBody ?? string.Empty))
            .ToList();
        File.WriteAllText(path, JsonSerializer.Serialize(answers));
    }

    private static ChildResult RunChild(string replayPath, int accounts, int limit, int latency)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet") start.ArgumentList.Add(typeof(FleetBench).Assembly.Location);
        foreach (var arg in new[] { ChildMode, replayPath, accounts.ToString(CultureInfo.InvariantCulture), limit.ToString(CultureInfo.InvariantCulture), latency.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        start.Environment["DOTNET_gcServer"] = "0";
        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("RESULT ", StringComparison.Ordinal))
                   ?? throw new InvalidOperationException($"The {accounts}x{limit} run printed no result: {output} {stderr.Result}");
        var fields = line.Substring(7).Split(' ').Select(f => f.Split('=')).ToDictionary(f => f[0], f => double.Parse(f[1], CultureInfo.InvariantCulture));
        return new ChildResult((int)fields["chain"], (int)fields["calls"], fields["first"], fields["total"], fields["peak"], (int)fields["failed"], (int)fields["unanswered"], fields["cpu"]);
    }

    private sealed record ChildResult(int Chain, int Calls, double FirstMs, double TotalMs, double PeakWorkingSetMb, int Failed, int Unanswered, double CpuMs);

    public sealed record ReplayedAnswer(string Service, string Operation, string RequestBody, int Status, string ContentType, string Body);

    /// <summary>
    /// AWS in-process: holds each call for the latency, then answers with the recorded answer to the same request (or,
    /// failing that, to the same operation); AssumeRole and GetCallerIdentity per account. Keeps no per-call record
    /// outside a calibration window, so memory measures RootGuard, not the benchmark.
    /// </summary>
    private sealed class InProcessAws : HttpMessageHandler
    {
        private readonly Dictionary<(string, string, string), ReplayedAnswer> exact = new();
        private readonly Dictionary<(string, string), ReplayedAnswer> byOperation = new();
        private readonly TimeSpan latency;
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private ConcurrentQueue<TimeSpan>? log;
        private long calls;
        private long unanswered;

        public InProcessAws(IEnumerable<ReplayedAnswer> answers, TimeSpan latency)
        {
            this.latency = latency;
            foreach (var answer in answers)
            {
                exact[(answer.Service, answer.Operation, answer.RequestBody)] = answer;
                byOperation.TryAdd((answer.Service, answer.Operation), answer);
            }
        }

        public long Calls => Interlocked.Read(ref calls);
        public long Unanswered => Interlocked.Read(ref unanswered);

        public void StartLog() => log = new ConcurrentQueue<TimeSpan>();

        public IReadOnlyList<TimeSpan> StopLog()
        {
            var taken = log!.ToList();
            log = null;
            return taken;
        }

        public Func<HttpMessageHandler> CreateFactory() => () => new Lease(this);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref calls);
            log?.Enqueue(clock.Elapsed);
            var body = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var h in request.Headers.NonValidated) headers[h.Key] = string.Join(", ", h.Value);
            if (request.Content != null) foreach (var h in request.Content.Headers.NonValidated) headers[h.Key] = string.Join(", ", h.Value);
            var authorization = headers.GetValueOrDefault("Authorization");
            var (service, _) = AwsWire.ParseCredentialScope(authorization, request.RequestUri?.Query);
            var (_, operation) = AwsWire.ParseOperation(request.Method.Method, request.RequestUri, headers, body);
            await Task.Delay(latency, cancellationToken).ConfigureAwait(false);

            if (service == "sts" && operation == "AssumeRole")
            {
                var account = ArnParts.Parse(AwsWire.ParseForm(body)["RoleArn"])!.AccountId;
                return Xml("AssumeRole", "<Credentials><AccessKeyId>ASIA" + account + "</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>" +
                    "<SessionToken>token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration></Credentials>" +
                    $"<AssumedRoleUser><AssumedRoleId>AROAEXAMPLE:rg</AssumedRoleId><Arn>arn:aws:sts::{account}:assumed-role/OrganizationAccountAccessRole/rg</Arn></AssumedRoleUser>");
            }

            if (service == "sts" && operation == "GetCallerIdentity")
            {
                // Credential=ASIA<account>/date/region/sts/aws4_request: the assumed role's account; anything else is the caller.
                var key = authorization?.Split("Credential=")[1].Split('/')[0] ?? string.Empty;
                var account = key.StartsWith("ASIA", StringComparison.Ordinal) ? key.Substring(4) : MotoServerFixture.AccountId;
                return Xml("GetCallerIdentity", $"<UserId>AIDAEXAMPLE</UserId><Account>{account}</Account><Arn>arn:aws:iam::{account}:user/bench</Arn>");
            }

            if (exact.TryGetValue((service, operation, body), out var answer) || byOperation.TryGetValue((service, operation), out answer))
            {
                var response = new HttpResponseMessage((HttpStatusCode)answer.Status) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(answer.Body)) };
                response.Content.Headers.TryAddWithoutValidation("Content-Type", answer.ContentType);
                response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString());
                return response;
            }

            Interlocked.Increment(ref unanswered);
            return new HttpResponseMessage(HttpStatusCode.NotImplemented) { Content = new StringContent($"No recorded answer for {service}:{operation}") };
        }

        private static HttpResponseMessage Xml(string operation, string inner)
        {
            var xml = $"<{operation}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><{operation}Result>{inner}</{operation}Result>" +
                      $"<ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{operation}Response>";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(xml, Encoding.UTF8, "text/xml") };
        }

        private sealed class Lease(HttpMessageHandler shared) : DelegatingHandler(shared)
        {
            protected override void Dispose(bool disposing)
            {
                // Not base.Dispose: the shared handler outlives every client.
            }
        }
    }
}
