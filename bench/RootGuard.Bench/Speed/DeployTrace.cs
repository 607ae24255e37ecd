using System.Diagnostics;
using System.Globalization;
using RootGuard.Testing;

namespace RootGuard.Bench.Speed;

/// <summary>
/// "trace [runs]": where a deploy's time goes, from the relay's clock. For the warm deploy (both monitors in a warm
/// pwsh) and the cold runbook (a fresh pwsh), each AWS call with its arrival, moto's time and the relay's, and the
/// time no call was in flight (RootGuard, the SDK and PowerShell working, or waiting on nothing). Prints only; the
/// figures themselves are taken by "all".
/// </summary>
internal static class DeployTrace
{
    public static Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        var root = SpeedBench.RepoRoot();
        var manifest = Directory.GetFiles(Path.Combine(root, "out", "RootGuard"), "RootGuard.psd1", SearchOption.AllDirectories).Single();
        var pwsh = Processes.PwshDll(root);
        using var moto = new MotoServerFixture();
        using var relay = new AwsRelay(moto.Endpoint);
        var figures = new ProcessFigures(pwsh, manifest, moto, relay, runs);

        Console.WriteLine($"Warm deploy, {runs} runs (the last one's calls listed):");
        var traces = new List<Trace>();
        figures.WarmDeploy((start, end) => traces.Add(new Trace(start, end, relay.Recorded)));
        foreach (var trace in traces) Console.WriteLine("  " + trace.Summary());
        traces[^1].Print();

        Console.WriteLine();
        Console.WriteLine($"Cold runbook, {runs} runs (the last one's calls listed):");
        var cold = new List<ColdRun>();
        for (var i = 0; i < runs; i++) cold.Add(figures.TracedColdDeploy());
        PrintCold(cold);

        Console.WriteLine();
        Console.WriteLine($"No-op re-run of the cold runbook, {runs} runs (the last one's calls listed):");
        var noOp = new List<ColdRun>();
        for (var i = 0; i < runs; i++) noOp.Add(figures.TracedColdDeploy(freshAccount: false));
        PrintCold(noOp);
        return Task.FromResult(0);
    }

    private static void PrintCold(List<ColdRun> runs)
    {
        foreach (var (launched, imported, trace, exited) in runs)
        {
            Console.WriteLine($"  start+import {Ms(imported - launched),5:0} ms, " + trace.Summary() + $", end to exit {Ms(exited - trace.End),4:0} ms, process {Ms(exited - launched),5:0} ms");
        }

        runs[^1].Trace.Print();
    }

    internal static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    /// <summary>One timed stretch (from just before the first command to just after the last) and the calls in it.</summary>
    internal sealed record Trace(long Start, long End, IReadOnlyList<RelayedCall> Calls)
    {
        /// <summary>The longest stretch with no call in flight between two calls, and the call that ended it.</summary>
        public (double Ms, string Before) LongestGap
        {
            get
            {
                (double Ms, string Before) longest = (0, "none");
                long coveredTo = Start;
                foreach (var call in Calls)
                {
                    if (coveredTo > Start && call.Arrived > coveredTo && Ms(call.Arrived - coveredTo) > longest.Ms)
                    {
                        longest = (Ms(call.Arrived - coveredTo), call.Operation);
                    }

                    coveredTo = Math.Max(coveredTo, call.Replied);
                }

                return longest;
            }
        }

        /// <summary>From the start to the first call's arrival.</summary>
        public double BeforeFirstCall => Calls.Count > 0 ? Ms(Calls[0].Arrived - Start) : 0;

        /// <summary>Time with at least one call in flight, from its arrival at the relay to the relay's reply.</summary>
        public double InFlight
        {
            get
            {
                double total = 0;
                long coveredTo = Start;
                foreach (var call in Calls.OrderBy(c => c.Arrived))
                {
                    var from = Math.Max(call.Arrived, coveredTo);
                    if (call.Replied > from) total += Ms(call.Replied - from);
                    coveredTo = Math.Max(coveredTo, call.Replied);
                }

                return total;
            }
        }

        public string Summary()
        {
            var wall = Ms(End - Start);
            var moto = Calls.Sum(c => Ms(c.Answered - c.Sent));
            var relayOwn = Calls.Sum(c => Ms(c.Sent - c.Arrived) + Ms(c.Replied - c.Answered));
            var firstCall = Calls.Count > 0 ? Ms(Calls[0].Arrived - Start) : 0;
            return string.Create(CultureInfo.InvariantCulture,
                $"wall {wall,5:0} ms: {Calls.Count} calls, in flight {InFlight,5:0} ms (moto {moto:0}, relay {relayOwn:0}), nothing in flight {wall - InFlight,5:0} ms (before the first call {firstCall:0})");
        }

        public void Print()
        {
            long previousEnd = Start;
            foreach (var call in Calls)
            {
                var gap = Ms(call.Arrived - previousEnd);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {Ms(call.Arrived - Start),7:0.0} ms  +{gap,6:0.0} idle  moto {Ms(call.Answered - call.Sent),5:0.0}  relay {Ms(call.Sent - call.Arrived) + Ms(call.Replied - call.Answered),4:0.0}  {call.Operation}"));
                previousEnd = Math.Max(previousEnd, call.Replied);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {Ms(End - Start),7:0.0} ms  +{Ms(End - previousEnd),6:0.0} idle  (end)"));
        }
    }
}
