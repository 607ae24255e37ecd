using System.Diagnostics;
using System.IO;
using System.Reflection;
using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>
    /// AWS Tools for PowerShell brings AWSSDK.Core 3.x; RootGuard brings 4.x. Each test runs in a fresh
    /// PowerShell process, because which copy loads first is exactly what is being tested.
    /// </summary>
    public sealed class SideBySideLoadTests : IClassFixture<RootGuard.Testing.MotoServerFixture>
    {
        private static readonly string Foreign = PowerShellSession.ForeignAwsSdkCorePath;
        private static readonly string Manifest = PowerShellSession.ModuleManifestPath;
        private readonly string endpoint;

        public SideBySideLoadTests(RootGuard.Testing.MotoServerFixture moto)
        {
            endpoint = moto.Endpoint.ToString().TrimEnd('/');
            moto.Reset();
            moto.Seeder.RunBoto3("""client("sns").create_topic(Name="RootGuard-RootSignIn", Tags=[{"Key": "ManagedBy", "Value": "RootGuard"}, {"Key": "RootGuard:Component", "Value": "SignInAlert"}])""");
        }

        // A real AWS call through RootGuard's AWSSDK.Core 4 pipeline (SigV4, retries), signed with credentials held by
        // the other copy of AWSSDK.Core: it lists the inventory (one seeded RootGuard topic) and counts what it found.
        private string CallAws(string credentialArgument) =>
            $"'found=' + @(Get-RootMonitoring -Resource {credentialArgument} -Region us-east-1 -EndpointUrl '{endpoint}' -ErrorAction Stop).Count; ";

        [Fact]
        public void RootGuard_works_after_another_AWSSDK_Core_was_loaded_first_and_that_one_keeps_working()
        {
            var output = RunInFreshProcess(
                $"$null = [Reflection.Assembly]::LoadFrom('{Foreign}'); " +
                "$foreign = [Amazon.Runtime.BasicAWSCredentials]::new('AKIAFOREIGN', 'secret'); " +
                $"Import-Module '{Manifest}' -ErrorAction Stop; " +
                "'source=' + (Get-RootGuardContext -Credential $foreign -Region eu-west-1).CredentialSource; " +
                CallAws("-Credential $foreign") +
                "'foreign=' + $foreign.GetCredentials().AccessKey; " +
                "'versions=' + ((AwsCoreVersions) -join ';')");
            Assert.Contains("source=Credential", output);
            Assert.Contains("found=1", output);
            Assert.Contains("foreign=AKIAFOREIGN", output);
            Assert.Contains("3.3.0.0@Default", output);
            Assert.Contains("4.0.0.0@RootGuard", output);
        }

        [Fact]
        public void Another_AWSSDK_Core_loads_and_works_after_RootGuard_was_imported_first()
        {
            var output = RunInFreshProcess(
                $"Import-Module '{Manifest}' -ErrorAction Stop; " +
                "'before=' + (Get-RootGuardContext -AccessKey AKIAOURS -SecretKey s -Region eu-west-1).CredentialSource; " +
                $"$null = [Reflection.Assembly]::LoadFrom('{Foreign}'); " +
                "$foreign = [Amazon.Runtime.BasicAWSCredentials]::new('AKIAFOREIGN', 'secret'); " +
                "'foreign=' + $foreign.GetCredentials().AccessKey; " +
                "'after=' + (Get-RootGuardContext -Credential $foreign -Region eu-west-1).CredentialSource; " +
                CallAws("-Credential $foreign") +
                "'versions=' + ((AwsCoreVersions) -join ';')");
            Assert.Contains("found=1", output);
            Assert.Contains("before=AccessKey", output);
            Assert.Contains("foreign=AKIAFOREIGN", output);
            Assert.Contains("after=Credential", output);
            Assert.Contains("3.3.0.0@Default", output);
            Assert.Contains("4.0.0.0@RootGuard", output);
        }

        [Fact]
        public void Removing_and_re_importing_the_module_keeps_it_working()
        {
            var output = RunInFreshProcess(
                $"Import-Module '{Manifest}' -ErrorAction Stop; " +
                "$null = Get-RootGuardContext -AccessKey a -SecretKey b -Region eu-west-1; Remove-Module RootGuard; " +
                $"Import-Module '{Manifest}' -ErrorAction Stop; " +
                "'again=' + (Get-RootGuardContext -AccessKey a -SecretKey b -Region eu-west-1).Region");
            Assert.Contains("again=eu-west-1", output);
        }

        [Fact]
        public void RootGuard_s_context_loads_only_files_it_ships_the_ReadyToRun_copy_first_and_no_name_reaches_outside_Dependencies()
        {
            var output = RunInFreshProcess(
                $"Import-Module '{Manifest}' -ErrorAction Stop; " +
                "$null = Get-RootGuardContext -AccessKey a -SecretKey b -Region eu-west-1; " +
                "$context = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'RootGuard'; " +
                "'dotnet=' + [Environment]::Version.Major; " +
                "$context.Assemblies | ForEach-Object { 'loaded=' + $_.GetName().Name + '@' + $_.Location }; " +
                // Dependencies/../RootGuard.PowerShell.dll exists: only the check of the name keeps the context from loading it.
                "try { $null = $context.LoadFromAssemblyName([Reflection.AssemblyName]::new('..' + [IO.Path]::DirectorySeparatorChar + 'RootGuard.PowerShell')); 'escape=loaded' } " +
                "catch { 'escape=refused' }; " +
                "try { $null = $context.LoadFromAssemblyName([Reflection.AssemblyName]::new('NotShippedByRootGuard')); 'unknown=loaded' } catch { 'unknown=refused' }");
            var lines = output.Split('\n').Select(l => l.Trim()).ToList();
            var dependencies = Path.Combine(Path.GetDirectoryName(Manifest)!, "Dependencies");
            var major = lines.Single(l => l.StartsWith("dotnet=", System.StringComparison.Ordinal)).Substring("dotnet=".Length);
            var rid = (System.OperatingSystem.IsWindows() ? "win-" : "linux-") + System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant();
            var precompiled = Path.Combine(dependencies, "ReadyToRun", $"net{major}.0", rid);
            var expectedFolder = File.Exists(Path.Combine(precompiled, "RootGuard.Core.dll")) ? precompiled : dependencies;

            var loaded = lines.Where(l => l.StartsWith("loaded=", System.StringComparison.Ordinal)).Select(l => l.Substring("loaded=".Length).Split('@', 2)).ToList();
            Assert.Contains(loaded, a => a[0] == "RootGuard.Core");
            Assert.Contains(loaded, a => a[0] == "AWSSDK.Core");
            Assert.All(loaded, a => Assert.Equal(expectedFolder, Path.GetDirectoryName(a[1])));
            Assert.Contains("escape=refused", output);
            Assert.Contains("unknown=refused", output);
        }

        private static string RunInFreshProcess(string script)
        {
            const string helper = "function AwsCoreVersions { [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AWSSDK.Core' } | ForEach-Object { $_.GetName().Version.ToString() + '@' + [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($_).Name } }; ";
            return FreshPowerShellProcess.Run(helper + script);
        }
    }
}
