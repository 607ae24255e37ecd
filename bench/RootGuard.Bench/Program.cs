using System.Diagnostics;
using Amazon.Runtime;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Bench;
using RootGuard.Testing;

// Modes. "all": every figure of bench/README.md, the fleet's included, written to bench/RESULTS.md ("speed": without
// the fleet); see Speed/SpeedBench.cs. "fleet [latency ms]": Test-RootAccountSecurity across many accounts, see
// FleetBench.cs. Otherwise: Test-RootAccountSecurity's Core against moto, every AWS call delayed by the same injected latency. Prints the wall
// time next to the sum of the per-call latencies (what a sequential assessment would cost) and the slowest chain of
// dependent calls (what a perfectly concurrent one costs), measured from the calls' start times.
if (args.Length > 0 && args[0] is "all" or "speed") return await RootGuard.Bench.Speed.SpeedBench.RunAsync(args);
if (args.Length > 0 && args[0] == "trace") return await RootGuard.Bench.Speed.DeployTrace.RunAsync(args);
if (args.Length > 0 && args[0] == "fleet") return await RootGuard.Bench.FleetBench.RunAsync(args);
if (args.Length > 0 && args[0] == FleetBench.ChildMode) return await RootGuard.Bench.FleetBench.ChildAsync(args);

var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0]) : 100);
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;

Console.WriteLine($"Starting moto; injected latency {latency.TotalMilliseconds:0} ms per call, {runs} runs.");
using var moto = new MotoServerFixture();
BenchAccount.Seed(moto);
var handler = new RecordingHandler();
BenchAccount.StubRootFacts(handler);
handler.On("*", "*").Delay(latency);

var connection = new AwsConnection(new BasicAWSCredentials(MotoServerFixture.AccessKeyId, MotoServerFixture.SecretAccessKey), "Bench",
    MotoServerFixture.Region, "Bench", moto.Endpoint);
var options = new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory() };

async Task<(TimeSpan Wall, IReadOnlyList<RecordedCall> Calls, long Allocated, AssessmentReport Report)> RunOnce()
{
    handler.Clear();
    using var clients = new AwsClientFactory(connection, options);
    var allocated = GC.GetTotalAllocatedBytes(precise: true);
    var watch = Stopwatch.StartNew();
    var report = await new RootAccountAssessment(clients).RunAsync(AssessmentCatalog.All, AssessmentCatalog.DefaultUsageWindowDays, CancellationToken.None);
    watch.Stop();
    return (watch.Elapsed, handler.Calls, GC.GetTotalAllocatedBytes(precise: true) - allocated, report);
}

// Calls that start together form a wave; each wave waits for the one before, so waves x latency is the dependent chain.
static List<List<RecordedCall>> Waves(IReadOnlyList<RecordedCall> calls, TimeSpan latency)
{
    var waves = new List<List<RecordedCall>>();
    foreach (var call in calls.OrderBy(c => c.Timestamp))
    {
        if (waves.Count == 0 || call.Timestamp - waves[^1][0].Timestamp > latency / 2) waves.Add(new List<RecordedCall>());
        waves[^1].Add(call);
    }
    return waves;
}

var warmUp = await RunOnce(); // JIT, connection pools, client construction
Console.WriteLine("Findings: " + string.Join(", ", warmUp.Report.Results.Select(r => $"{r.CheckId}={r.Status}")));
var samples = new List<TimeSpan>();
(TimeSpan Wall, IReadOnlyList<RecordedCall> Calls, long Allocated, AssessmentReport Report) last = warmUp;
for (var i = 0; i < runs; i++)
{
    last = await RunOnce();
    samples.Add(last.Wall);
}

var waves = Waves(last.Calls, latency);
var sum = TimeSpan.FromTicks(latency.Ticks * last.Calls.Count);
var chain = TimeSpan.FromTicks(latency.Ticks * waves.Count);
samples.Sort();
Console.WriteLine($"AWS calls per assessment:     {last.Calls.Count}");
Console.WriteLine($"Sum of per-call latencies:    {sum.TotalMilliseconds,7:0} ms  (a sequential assessment)");
Console.WriteLine($"Slowest dependent chain:      {chain.TotalMilliseconds,7:0} ms  ({waves.Count} waves of calls)");
Console.WriteLine($"Wall time, median of {runs}:     {samples[samples.Count / 2].TotalMilliseconds,7:0} ms  (min {samples[0].TotalMilliseconds:0}, max {samples[^1].TotalMilliseconds:0})");
Console.WriteLine($"Allocated per assessment:     {last.Allocated / 1024.0 / 1024.0,7:0.0} MB");
Console.WriteLine($"Peak working set:             {Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0,7:0.0} MB");
for (var w = 0; w < waves.Count; w++)
    Console.WriteLine($"  wave {w + 1}: " + string.Join(", ", waves[w].Select(c => $"{c.Service}:{c.Operation}")));
return 0;
