using System.Globalization;
using System.Text;
using RootGuard.Testing;

namespace RootGuard.Bench.Speed;

/// <summary>
/// "speed [runs]": every figure of issue 12 with its reference measured in the same run, written to bench/RESULTS.md
/// (and printed): import, the first AWS call of a fresh process, the assessment at 50 ms a call, deploying both
/// monitors warm and cold against the AWS CLI route, and the no-op re-run with its count of AWS calls.
/// </summary>
internal static class SpeedBench
{
    private static readonly TimeSpan Latency = TimeSpan.FromMilliseconds(50);

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var root = RepoRoot();
        var manifest = Directory.GetFiles(Path.Combine(root, "out", "RootGuard"), "RootGuard.psd1", SearchOption.AllDirectories).Single();
        var loadAtStart = LoadAverage();
        var started = DateTimeOffset.UtcNow;
        Console.WriteLine($"RootGuard speed benchmark, {runs} runs per figure; module {manifest}");
        var pwsh = Processes.PwshDll(root);
        using var moto = new MotoServerFixture();
        using var relay = new AwsRelay(moto.Endpoint);
        var figures = new ProcessFigures(pwsh, manifest, moto, relay, runs);

        Console.WriteLine("import ..."); var import = figures.Import();
        Console.WriteLine("first AWS call ..."); var first = figures.FirstCall();
        Console.WriteLine("assessment ..."); var assessment = await AssessmentFigure.MeasureAsync(moto, runs, Latency);
        var warmTraces = new List<DeployTrace.Trace>();
        Console.WriteLine("deploy, warm ..."); var warm = figures.WarmDeploy((start, end) => warmTraces.Add(new DeployTrace.Trace(start, end, relay.Recorded)));
        Console.WriteLine("deploy, cold ..."); var (cold, coldNoWarmUp, coldCalls, coldRuns) = figures.ColdDeploy();
        Console.WriteLine("deploy, AWS CLI route ..."); var cli = figures.AwsCliRoute();
        Console.WriteLine("no-op re-run ..."); var (noOp, noOpNoWarmUp, noOpCalls) = figures.NoOpRerun();

        var md = new StringBuilder();
        md.AppendLine("# RootGuard speed: results");
        md.AppendLine();
        md.AppendLine($"Written by `dotnet run -c Release --project bench/RootGuard.Bench -- all` (see [README](README.md)). Each figure is the median of {runs} runs with min and max, next to its reference measured in the same run.");
        md.AppendLine();
        md.AppendLine("## Machine");
        md.AppendLine();
        md.AppendLine($"- date: {started:yyyy-MM-dd HH:mm} UTC, DURATION");
        md.AppendLine($"- machine: {Environment.ProcessorCount} cores ({CpuModel()}), {MemoryGb():0} GB, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");
        md.AppendLine($"- load average (1 min) at start {loadAtStart}, at end {LoadAverage()}: {LoadNote(loadAtStart)}");
        md.AppendLine($"- versions: RootGuard {Path.GetFileName(Path.GetDirectoryName(manifest))}, PowerShell {Processes.Pwsh(pwsh, "$PSVersionTable.PSVersion.ToString()").Output.Trim()}, .NET {Environment.Version}, "
                      + $"moto {Processes.VersionOf(MotoServerFixture.Python, "-c", "import moto; print(moto.__version__)")}, {Processes.VersionOf("aws", "--version")}");
        md.AppendLine();
        md.AppendLine("## Figures");
        md.AppendLine();
        md.AppendLine("| figure | RootGuard | reference | ratio | goal |");
        md.AppendLine("|---|---|---|---|---|");
        var importCost = import.RootGuard.Median - import.Bare.Median;
        var shippedCost = import.Shipped.Median - import.Bare.Median;
        Row(md, "pwsh start + `Import-Module RootGuard` (process wall time)", import.RootGuard, $"bare pwsh start: {import.Bare}", $"+{importCost:0} ms", "");
        Row(md, "the same, importing PSResourceGet (ships with pwsh)", import.Shipped, $"RootGuard's import: +{importCost:0} ms", $"+{shippedCost:0} ms", "");
        Row(md, "first AWS cmdlet of a fresh process: invocation to first request (ReadyToRun)", first.ReadyToRun, $"without ReadyToRun (JIT): {first.Jit}",
            Ratio(first.ReadyToRun.Median, first.Jit.Median), "≤ 250 ms");
        Row(md, "the same", first.ReadyToRun, $"without the import's warm-up (ROOTGUARD_NO_WARMUP=1): {first.NoWarmUp}", Ratio(first.ReadyToRun.Median, first.NoWarmUp.Median), "");
        Row(md, $"assessment, all checks, {Latency.TotalMilliseconds:0} ms a call ({assessment.Calls} calls, {assessment.TopicReads} topic read)", assessment.Wall,
            $"dependent-chain bound: {assessment.BoundMs:0} ms ({assessment.Chain})", Ratio(assessment.Wall.Median, assessment.BoundMs), "≤ 1.2× bound");
        Row(md, "the same assessment", assessment.Wall, $"the same calls one after another: {assessment.Sequential}",
            Ratio(assessment.Wall.Median, assessment.Sequential.Median), "");
        Row(md, "deploy both monitors, warm session (moto, no injected latency)", warm, $"AWS CLI route, {figures.StepsOfAwsCliRoute} processes: {cli}",
            $"{cli.Median / warm.Median:0.0}× faster", "≥ 30× faster");
        Row(md, $"deploy both monitors, cold runbook process ({coldCalls} AWS calls)", cold, $"AWS CLI route: {cli.Median:0} ms", $"{cli.Median / cold.Median:0.0}× faster", "≥ 5× faster");
        Row(md, "the same", cold, $"without the import's warm-up: {coldNoWarmUp}", Ratio(cold.Median, coldNoWarmUp.Median), "");
        Row(md, $"no-op re-run, cold runbook process ({noOpCalls} AWS calls, all reads)", noOp, $"first deploy: {cold.Median:0} ms, {coldCalls} calls", Ratio(noOp.Median, cold.Median), "");
        Row(md, "the same", noOp, $"without the import's warm-up: {noOpNoWarmUp}", Ratio(noOp.Median, noOpNoWarmUp.Median), "");
        md.AppendLine();
        md.AppendLine($"Allocated per assessment: {assessment.AllocatedMb:0.0} MB; peak working set of the benchmark process: {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0:0} MB.");
        md.AppendLine();
        md.AppendLine("How each figure is taken: [README.md](README.md).");
        WhereDeployTimeGoes(md, warm, warmTraces, cold, coldRuns, cli.Median);

        if (args[0] == "all")
        {
            // The fleet figures (FleetBench.cs), in a process of their own as that mode runs each row in one.
            Console.WriteLine("fleet ...");
            var fleet = Processes.Run("dotnet", new[] { typeof(SpeedBench).Assembly.Location, "fleet", "50" }, mustSucceed: false);
            md.AppendLine();
            md.AppendLine("## Fleet (`-- fleet 50`: Test-RootAccountSecurity across an organization, 50 ms a call)");
            md.AppendLine();
            md.AppendLine("```");
            md.AppendLine(fleet.Output.TrimEnd());
            md.AppendLine("```");
        }

        // The whole run's length, fleet included, known only now.
        md.Replace("DURATION", $"{(DateTimeOffset.UtcNow - started).TotalMinutes:0.0} minutes");
        var path = Path.Combine(root, "bench", "RESULTS.md");
        File.WriteAllText(path, md.ToString());
        Console.WriteLine();
        Console.WriteLine(md.ToString());
        Console.WriteLine($"Written to {path}");
        return 0;
    }

    /// <summary>
    /// The deploy figures taken apart from the relay's clock (the same runs, traced): what was in flight, what was not,
    /// and the longest wait with nothing in flight, with the call that ended it; and for the cold runs, the process's start
    /// and import, the wait for the first request and the exit. Medians over the runs.
    /// </summary>
    private static void WhereDeployTimeGoes(StringBuilder md, Sample warm, List<DeployTrace.Trace> warmTraces, Sample cold, List<ColdRun> coldRuns, double cliMs)
    {
        static double Median(IEnumerable<double> values) => Sample.MedianOf(values);

        var gaps = warmTraces.Select(t => t.LongestGap).ToList();
        var gap = Median(gaps.Select(g => g.Ms));
        var gapCall = gaps.GroupBy(g => g.Before).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key ?? "none";
        var inFlight = Median(warmTraces.Select(t => t.InFlight));
        var idle = Median(warmTraces.Select(t => DeployTrace.Ms(t.End - t.Start) - t.InFlight));
        md.AppendLine();
        md.AppendLine("## Where the deploys' time goes (the same runs, from the relay's clock; medians)");
        md.AppendLine();
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"- warm: {warm.Median:0} ms = calls in flight {inFlight:0} ms + nothing in flight {idle:0} ms; of the latter, the longest single wait is {gap:0} ms, before `{gapCall}`."));
        if (gapCall == "sns:GetTopicAttributes")
        {
            md.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"  That wait is `TopicPolicyWriter`'s settle (four round trips of the write, 25–250 ms, then random 50–100 %): New-RootUsageAlarm adds its statement to the topic New-RootSignInAlert made (one RootGuard topic per region), and SetTopicAttributes replaces the whole policy with no conditional form, so RootGuard waits for a concurrent writer's write to land and reads the policy back before it reports success. "
                + $"It is kept on purpose; without it the warm deploy would take about {warm.Median - gap:0} ms ({cliMs / (warm.Median - gap):0.0}× faster than the AWS CLI route). The CLI route writes no policy for the second topic and checks none."));
        }

        var startImport = Median(coldRuns.Select(r => DeployTrace.Ms(r.Imported - r.Launched)));
        var firstCall = Median(coldRuns.Select(r => r.Trace.BeforeFirstCall));
        var coldInFlight = Median(coldRuns.Select(r => r.Trace.InFlight));
        var coldIdle = Median(coldRuns.Select(r => DeployTrace.Ms(r.Trace.End - r.Trace.Start) - r.Trace.InFlight - r.Trace.BeforeFirstCall));
        var coldGap = Median(coldRuns.Select(r => r.Trace.LongestGap.Ms));
        var exit = Median(coldRuns.Select(r => DeployTrace.Ms(r.Exited - r.Trace.End)));
        md.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"- cold: {cold.Median:0} ms = process start and import {startImport:0} ms + the first command's start-up to its first request {firstCall:0} ms + calls in flight {coldInFlight:0} ms + nothing in flight between calls {coldIdle:0} ms (the longest wait {coldGap:0} ms, the same settle) + exit {exit:0} ms."));
        md.AppendLine("  Between calls, a fresh process also JIT-compiles what ReadyToRun cannot hold: the generic instantiations of the framework's async and collection code over RootGuard's and the SDK's types (about 1,700 methods; `DOTNET_JitStdOutFile` with `DOTNET_JitDisasmSummary=1`), and PowerShell's own binding of the two commands.");
    }

    private static void Row(StringBuilder md, string figure, Sample value, string reference, string ratio, string goal) =>
        md.AppendLine($"| {figure} | {value} | {reference} | {ratio} | {goal} |");

    private static string Ratio(double value, double reference) => string.Format(CultureInfo.InvariantCulture, "{0:0.00}×", value / reference);

    internal static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RootGuard.PowerShell.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("Run the benchmark from the repository (RootGuard.PowerShell.sln not found above " + AppContext.BaseDirectory + ").");
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static string LoadNote(string load) =>
        double.TryParse(load, NumberStyles.Float, CultureInfo.InvariantCulture, out var l) && l > Environment.ProcessorCount
            ? $"the machine was shared ({l / Environment.ProcessorCount:0.0} runnable tasks per core): wall times are stretched and noisy, ratios within one row less so"
            : "the machine was not otherwise busy";

    private static string CpuModel() =>
        File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU"
            : "unknown CPU";

    private static double MemoryGb() =>
        File.Exists("/proc/meminfo")
            ? double.Parse(File.ReadLines("/proc/meminfo").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024 / 1024
            : 0;
}
