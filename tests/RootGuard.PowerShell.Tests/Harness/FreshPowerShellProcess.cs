using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using Xunit;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// Runs script text in a new process of the pinned pwsh (the repository's tool manifest, dotnet-tools.json), for
    /// what one process can only do once: which AWSSDK.Core loads first, and the SDK's per-process reading of
    /// AWS_CONFIG_FILE. Any error record fails the run ($ErrorActionPreference is Stop), as a script in CI would.
    /// </summary>
    public static class FreshPowerShellProcess
    {
        public static string Run(string script, IDictionary<string, string?>? environment = null, bool expectSuccess = true)
        {
            var repositoryRoot = typeof(FreshPowerShellProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
            // `dotnet tool run` finds the pinned pwsh through the manifest in the repository root ('dotnet tool restore' brings it).
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = repositoryRoot,
            };
            foreach (var argument in new[] { "tool", "run", "pwsh", "--", "-NoProfile", "-NonInteractive", "-Command", "$ErrorActionPreference = 'Stop'; " + script })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
            foreach (var pair in environment ?? new Dictionary<string, string?>())
            {
                start.Environment[pair.Key] = pair.Value;
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEnd();
            Assert.True(process.WaitForExit(120_000), "the PowerShell process did not finish");
            if (expectSuccess)
            {
                Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {stderr}\n{stdout.Result}");
            }

            return stdout.Result + stderr;
        }
    }
}
