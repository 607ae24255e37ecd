using System.Diagnostics;
using System.Globalization;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Testing;

namespace RootGuard.Bench.Speed;

/// <summary>
/// The figures a user sees from outside: pwsh processes (import, the first AWS call, a runbook's cold deploy and its
/// no-op re-run), a warm session, and the AWS CLI route, all against the same moto (the pwsh ones through
/// <see cref="AwsRelay"/>, which counts their calls and notes the first one's arrival).
/// </summary>
internal sealed class ProcessFigures
{
    private const string Email = "security@example.com";
    private readonly string pwsh;
    private readonly string manifest;
    private readonly MotoServerFixture moto;
    private readonly AwsRelay relay;
    private readonly int runs;

    public ProcessFigures(string pwsh, string manifest, MotoServerFixture moto, AwsRelay relay, int runs)
    {
        this.pwsh = pwsh;
        this.manifest = manifest;
        this.moto = moto;
        this.relay = relay;
        this.runs = runs;
    }

    private string Aws => $"-Region us-east-1 -AccessKey {MotoServerFixture.AccessKeyId} -SecretKey {MotoServerFixture.SecretAccessKey} -EndpointUrl {relay.Endpoint.AbsoluteUri}";

    /// <summary>The environment of a reference run without the warm-up the import starts (PipelineWarmUp).</summary>
    private static readonly Dictionary<string, string> NoWarmUp = new() { ["ROOTGUARD_NO_WARMUP"] = "1" };

    private string DeployScript =>
        $"Import-Module '{manifest}'; New-RootSignInAlert {Aws} -EmailAddress {Email} -Confirm:$false | Out-Null; New-RootUsageAlarm {Aws} -EmailAddress {Email} -Confirm:$false | Out-Null";

    /// <summary>Wall time of pwsh doing nothing, importing RootGuard, and importing a module that ships with pwsh.</summary>
    public (Sample Bare, Sample RootGuard, Sample Shipped) Import()
    {
        var bare = new Sample("bare");
        var rootGuard = new Sample("RootGuard");
        var shipped = new Sample("PSResourceGet");
        Processes.Pwsh(pwsh, "exit"); // the disk cache, for every column alike
        for (var i = 0; i < runs; i++)
        {
            // Interleaved, so a change of load hits all three alike.
            bare.Add(Processes.Pwsh(pwsh, "exit").Ms);
            rootGuard.Add(Processes.Pwsh(pwsh, $"Import-Module '{manifest}'").Ms);
            shipped.Add(Processes.Pwsh(pwsh, "Import-Module Microsoft.PowerShell.PSResourceGet").Ms);
        }

        return (bare, rootGuard, shipped);
    }

    /// <summary>
    /// From the line that invokes the first AWS cmdlet of a fresh process (module already imported) to its first request
    /// arriving: New-RootSignInAlert -WhatIf, whose first request is sts:GetCallerIdentity. With the ReadyToRun copies and
    /// the warm-up started by the import; the references change one thing each: without the ReadyToRun copies
    /// (ROOTGUARD_NO_READYTORUN=1), without the warm-up (ROOTGUARD_NO_WARMUP=1). Runs interleaved.
    /// </summary>
    public (Sample ReadyToRun, Sample Jit, Sample NoWarmUp) FirstCall()
    {
        var script = $"Import-Module '{manifest}'; $t0 = [DateTimeOffset]::UtcNow.ToUnixTimeMilliseconds(); "
                     + $"New-RootSignInAlert {Aws} -EmailAddress {Email} -WhatIf | Out-Null; \"T0=$t0\"";
        double Once(bool readyToRun, bool warmUp)
        {
            relay.Clear();
            var env = new Dictionary<string, string> { ["ROOTGUARD_NO_READYTORUN"] = readyToRun ? "0" : "1", ["ROOTGUARD_NO_WARMUP"] = warmUp ? "0" : "1" };
            var output = Processes.Pwsh(pwsh, script, env).Output;
            var t0 = long.Parse(output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("T0=", StringComparison.Ordinal))[3..], CultureInfo.InvariantCulture);
            return relay.FirstArrivalUnixMs - t0;
        }

        var precompiled = new Sample("ReadyToRun");
        var jit = new Sample("JIT");
        var noWarmUp = new Sample("no warm-up");
        moto.Reset();
        for (var i = 0; i < runs; i++)
        {
            precompiled.Add(Once(readyToRun: true, warmUp: true));
            jit.Add(Once(readyToRun: false, warmUp: true));
            noWarmUp.Add(Once(readyToRun: true, warmUp: false));
        }

        return (precompiled, jit, noWarmUp);
    }

    /// <summary>
    /// Both monitors in a fresh process: start, import, New-RootSignInAlert, New-RootUsageAlarm (a runbook's run), each
    /// run traced (<see cref="TracedColdDeploy"/>).
    /// </summary>
    public (Sample Cold, Sample NoWarmUp, int Calls, List<ColdRun> Runs) ColdDeploy()
    {
        var sample = new Sample("cold");
        var noWarmUp = new Sample("cold, no warm-up");
        var runs = new List<ColdRun>();
        for (var i = 0; i < this.runs; i++)
        {
            var run = TracedColdDeploy();
            runs.Add(run);
            sample.Add(DeployTrace.Ms(run.Exited - run.Launched));
            var plain = TracedColdDeploy(NoWarmUp);
            noWarmUp.Add(DeployTrace.Ms(plain.Exited - plain.Launched));
        }

        return (sample, noWarmUp, runs[^1].Trace.Calls.Count, runs);
    }

    /// <summary>
    /// One cold deploy, traced (DeployTrace): when the process was launched, when its import was done, the stretch of
    /// the two commands with their calls, and when the process had exited (Stopwatch timestamps).
    /// </summary>
    /// <param name="environment">Variables for the pwsh process.</param>
    /// <param name="freshAccount">Start from an emptied account (a first deploy); false runs on the account as it is (a re-run).</param>
    public ColdRun TracedColdDeploy(IDictionary<string, string>? environment = null, bool freshAccount = true)
    {
        if (freshAccount) FreshAccount();
        relay.Clear();
        var script = DeployScript.Replace("; New-RootSignInAlert", "; $t0 = [Diagnostics.Stopwatch]::GetTimestamp(); New-RootSignInAlert", StringComparison.Ordinal)
                     + "; \"STAMPS $t0 $([Diagnostics.Stopwatch]::GetTimestamp())\"";
        var launched = Stopwatch.GetTimestamp();
        var output = Processes.Pwsh(pwsh, script, environment).Output;
        var exited = Stopwatch.GetTimestamp();
        var stamps = output.Split('\n').Select(l => l.Trim()).Last(l => l.StartsWith("STAMPS ", StringComparison.Ordinal))[7..].Split(' ')
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return new ColdRun(launched, stamps[0], new DeployTrace.Trace(stamps[0], stamps[1], relay.Recorded), exited);
    }

    /// <summary>The same runbook again on the account it already set up: nothing to change; interleaved with runs without the warm-up.</summary>
    public (Sample NoOp, Sample NoWarmUp, int Calls) NoOpRerun()
    {
        FreshAccount();
        Processes.Pwsh(pwsh, DeployScript);
        var calls = 0;
        var sample = new Sample("no-op");
        var noWarmUp = new Sample("no-op, no warm-up");
        for (var i = 0; i < runs; i++)
        {
            relay.Clear();
            sample.Add(Processes.Pwsh(pwsh, DeployScript).Ms);
            calls = relay.Calls;
            noWarmUp.Add(Processes.Pwsh(pwsh, DeployScript, NoWarmUp).Ms);
        }

        return (sample, noWarmUp, calls);
    }

    /// <summary>
    /// Both monitors in a warm process: one pwsh that has run a deploy before, each run in a new runspace of it (so no
    /// reads are kept from the run before), timed around the two commands.
    /// </summary>
    /// <param name="traced">Called after each timed run with the Stopwatch timestamps of its start and end (the relay's clock).</param>
    public Sample WarmDeploy(Action<long, long>? traced = null)
    {
        var script = Path.Combine(Path.GetTempPath(), $"rootguard-bench-warm-{Environment.ProcessId}.ps1");
        File.WriteAllText(script, $$"""
            function Invoke-WarmDeploy {
                $runspace = [runspacefactory]::CreateRunspace(); $runspace.Open()
                $shell = [powershell]::Create(); $shell.Runspace = $runspace
                [void]$shell.AddScript("Import-Module '{{manifest}}'; `$t0 = [Diagnostics.Stopwatch]::GetTimestamp(); New-RootSignInAlert {{Aws}} -EmailAddress {{Email}} -Confirm:`$false | Out-Null; New-RootUsageAlarm {{Aws}} -EmailAddress {{Email}} -Confirm:`$false | Out-Null; `$t1 = [Diagnostics.Stopwatch]::GetTimestamp(); `"`$t0 `$t1`"")
                $ms = $shell.Invoke() | Select-Object -Last 1
                if ($shell.HadErrors) { [Console]::Out.WriteLine("ERROR " + ($shell.Streams.Error | Select-Object -First 1)) }
                $shell.Dispose(); $runspace.Dispose()
                [Console]::Out.WriteLine("DONE " + $ms.ToString([Globalization.CultureInfo]::InvariantCulture))
            }
            """);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { pwsh, "-NoProfile", "-NonInteractive", "-Command", "-" }) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        double Once()
        {
            FreshAccount();
            relay.Clear();
            process.StandardInput.WriteLine("Invoke-WarmDeploy");
            process.StandardInput.Flush();
            // pwsh reading from stdin puts terminal mode sequences before its output lines.
            while (process.StandardOutput.ReadLine() is { } line)
            {
                if (line.Contains("ERROR ", StringComparison.Ordinal)) throw new InvalidOperationException("Warm deploy failed: " + line);
                var done = line.IndexOf("DONE ", StringComparison.Ordinal);
                if (done >= 0)
                {
                    // Stopwatch timestamps: the monotonic clock every process of the machine shares.
                    var stamps = line[(done + 5)..].Trim().Split(' ').Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
                    traced?.Invoke(stamps[0], stamps[1]);
                    return (stamps[1] - stamps[0]) * 1000.0 / Stopwatch.Frequency;
                }
            }

            throw new InvalidOperationException("The warm pwsh ended early.");
        }

        try
        {
            process.StandardInput.WriteLine($". '{script}'");
            var tracing = traced;
            traced = null;
            Once(); // the warm-up: imports, JIT, connections
            traced = tracing;
            var sample = new Sample("warm");
            for (var i = 0; i < runs; i++) sample.Add(Once());
            return sample;
        }
        finally
        {
            try
            {
                process.StandardInput.WriteLine("exit");
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // It has ended already.
            }

            if (!process.WaitForExit(30000)) process.Kill();
            File.Delete(script);
        }
    }

    /// <summary>
    /// The AWS CLI route of AWS's guides, one aws process per step against the same moto: the EventBridge root sign-in
    /// tutorial (topic, subscription, topic policy, rule, target) and the CIS CloudWatch.1 remediation (find the trail's
    /// log group, metric filter, topic, subscription, alarm).
    /// </summary>
    public Sample AwsCliRoute()
    {
        const string account = MotoServerFixture.AccountId;
        var signInTopic = $"arn:aws:sns:us-east-1:{account}:RootSignIn";
        var usageTopic = $"arn:aws:sns:us-east-1:{account}:RootUsage";
        var policy = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sns:Publish\",\"Resource\":\"" + signInTopic + "\"}]}";
        var steps = new[]
        {
            new[] { "sns", "create-topic", "--name", "RootSignIn" },
            new[] { "sns", "subscribe", "--topic-arn", signInTopic, "--protocol", "email", "--notification-endpoint", Email },
            new[] { "sns", "set-topic-attributes", "--topic-arn", signInTopic, "--attribute-name", "Policy", "--attribute-value", policy },
            new[] { "events", "put-rule", "--name", "RootSignIn", "--event-pattern", RootMonitorDefinitions.BuildSignInEventPattern() },
            new[] { "events", "put-targets", "--rule", "RootSignIn", "--targets", $"Id=1,Arn={signInTopic}" },
            new[] { "cloudtrail", "describe-trails" },
            new[] { "logs", "put-metric-filter", "--log-group-name", "rootguard-cloudtrail", "--filter-name", "RootAccountUsage", "--filter-pattern",
                RootMonitorDefinitions.CisRootUsageFilterPattern, "--metric-transformations", "metricName=RootAccountUsageCount,metricNamespace=CloudTrailMetrics,metricValue=1" },
            new[] { "sns", "create-topic", "--name", "RootUsage" },
            new[] { "sns", "subscribe", "--topic-arn", usageTopic, "--protocol", "email", "--notification-endpoint", Email },
            new[] { "cloudwatch", "put-metric-alarm", "--alarm-name", "RootAccountUsage", "--metric-name", "RootAccountUsageCount", "--namespace", "CloudTrailMetrics",
                "--statistic", "Sum", "--period", "300", "--threshold", "1", "--comparison-operator", "GreaterThanOrEqualToThreshold", "--evaluation-periods", "1",
                "--alarm-actions", usageTopic },
        };
        var env = new Dictionary<string, string>
        {
            ["AWS_ACCESS_KEY_ID"] = MotoServerFixture.AccessKeyId, ["AWS_SECRET_ACCESS_KEY"] = MotoServerFixture.SecretAccessKey,
            ["AWS_DEFAULT_REGION"] = "us-east-1", ["AWS_PAGER"] = string.Empty,
        };
        var sample = new Sample("aws CLI");
        for (var i = 0; i < runs; i++)
        {
            FreshAccount();
            var total = 0.0;
            foreach (var step in steps)
            {
                total += Processes.Run("aws", new[] { "--endpoint-url", moto.Endpoint.AbsoluteUri }.Concat(step), env).Ms;
            }

            sample.Add(total);
        }

        return sample;
    }

    /// <summary>moto emptied, then the trail every deploy needs (seeding is not timed).</summary>
    private void FreshAccount()
    {
        moto.Reset();
        moto.Seeder.CreateTrailWithLogs();
    }

    public int StepsOfAwsCliRoute => 10;
}

/// <summary>A traced cold run: launched, import done, the two commands with their calls, exited (Stopwatch timestamps).</summary>
internal sealed record ColdRun(long Launched, long Imported, DeployTrace.Trace Trace, long Exited);
