using System.Diagnostics;

namespace RootGuard.Bench.Speed;

/// <summary>Starting and timing the processes the figures compare: pwsh (the pinned 7.6.9) and the AWS CLI.</summary>
internal static class Processes
{
    /// <summary>Runs a process to its end; returns its wall time, exit code and output. Throws when it fails and must not.</summary>
    public static (double Ms, int ExitCode, string Output) Run(string file, IEnumerable<string> arguments, IDictionary<string, string>? environment = null,
        bool mustSucceed = true, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) start.Environment[key] = value;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        watch.Stop();
        var output = stdout.Result + stderr.Result;
        if (mustSucceed && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(" ", arguments)} exited with {process.ExitCode}: {output}");
        }

        return (watch.Elapsed.TotalMilliseconds, process.ExitCode, output);
    }

    /// <summary>
    /// The pinned pwsh of the tool manifest, started as "dotnet &lt;PSHOME&gt;/pwsh.dll": the same program as "dotnet pwsh"
    /// without the dotnet CLI's tool lookup in front of it (which would be timed with every start).
    /// </summary>
    public static string PwshDll(string repoRoot)
    {
        Run("dotnet", new[] { "tool", "restore" }, workingDirectory: repoRoot);
        var home = Run("dotnet", new[] { "pwsh", "-NoProfile", "-NonInteractive", "-Command", "$PSHOME" }, workingDirectory: repoRoot).Output.Trim();
        var dll = Path.Combine(home.Split('\n').Last().Trim(), "pwsh.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("pwsh.dll of the pinned PowerShell was not found", dll);
    }

    public static (double Ms, int ExitCode, string Output) Pwsh(string pwshDll, string script, IDictionary<string, string>? environment = null, bool mustSucceed = true) =>
        Run("dotnet", new[] { pwshDll, "-NoProfile", "-NonInteractive", "-Command", script }, environment, mustSucceed);

    /// <summary>The first line of a command's output, or "not found".</summary>
    public static string VersionOf(string file, params string[] arguments)
    {
        try
        {
            return Run(file, arguments, mustSucceed: false).Output.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "unknown";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not found";
        }
    }
}
