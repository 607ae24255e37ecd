using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Reflection;
using Xunit;

namespace RootGuard.PowerShell.Tests.Harness
{
    /// <summary>
    /// Runs script text in a new PowerShell process (tools/PowerShellHost), for what one process can only do once:
    /// which AWSSDK.Core loads first, and the SDK's per-process reading of AWS_CONFIG_FILE.
    /// </summary>
    public static class FreshPowerShellProcess
    {
        public static string Run(string script, IDictionary<string, string?>? environment = null, bool expectSuccess = true)
        {
            var host = typeof(FreshPowerShellProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PowerShellHostPath").Value!;
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(host);
            start.ArgumentList.Add("-Command");
            start.ArgumentList.Add(script);
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
