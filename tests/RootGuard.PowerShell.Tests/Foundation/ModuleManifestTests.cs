using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>
    /// The module folder's assemblies, read as files. The manifest, the exported cmdlets and the help are tested by
    /// Pester in a real pwsh (tests/Pester/RootGuard.Module.Tests.ps1, RootGuard.Help.Tests.ps1).
    /// </summary>
    public sealed class ModuleManifestTests
    {
        [Fact]
        public void The_cmdlet_assembly_references_no_AWSSDK_assembly_so_it_never_binds_another_modules_copy()
        {
            // The cmdlets reach AWS only through RootGuard.Core; an AWSSDK type named in the cmdlet assembly would be bound
            // in the default load context, where AWS Tools' AWSSDK.Core may already sit.
            var path = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(PowerShellSession.ModuleManifestPath)!, "RootGuard.PowerShell.dll");
            using var stream = System.IO.File.OpenRead(path);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();

            Assert.Contains("RootGuard.Core", references);
            Assert.DoesNotContain(references, r => r.StartsWith("AWSSDK", System.StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Dependencies_ship_in_their_own_folder_and_not_beside_the_cmdlet_assembly()
        {
            var root = System.IO.Path.GetDirectoryName(PowerShellSession.ModuleManifestPath)!;
            var top = System.IO.Directory.GetFiles(root, "*.dll").Select(System.IO.Path.GetFileName).ToList();
            Assert.Equal(new[] { "RootGuard.PowerShell.dll" }, top);
            foreach (var dependency in new[] { "RootGuard.Core.dll", "AWSSDK.Core.dll", "AWSSDK.SecurityToken.dll", "AWSSDK.SSO.dll", "AWSSDK.SSOOIDC.dll" })
            {
                Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "Dependencies", dependency)), dependency);
            }
        }

        [Fact]
        public void PowerShell_7_on_linux_x64_loads_the_ReadyToRun_copies_and_Windows_PowerShell_keeps_the_netstandard_ones()
        {
            // This test host is PowerShell 7.6 on .NET 10; the build compiles ReadyToRun copies for .NET 8 and .NET 10,
            // linux-x64 and win-x64, and a process takes the set of its own .NET.
            var root = System.IO.Path.GetDirectoryName(PowerShellSession.ModuleManifestPath)!;
            var rid = System.IO.Path.Combine($"net{System.Environment.Version.Major}.0", (System.OperatingSystem.IsWindows() ? "win" : "linux") + "-x64");
            foreach (var set in new[] { "net8.0", "net10.0" }.SelectMany(tfm => new[] { "linux-x64", "win-x64" }.Select(r => System.IO.Path.Combine(tfm, r))))
            {
                Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "Dependencies", "ReadyToRun", set, "AWSSDK.Core.dll")), set);
                Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "Dependencies", "ReadyToRun", set, "RootGuard.Core.dll")), set);
            }
            using var session = new PowerShellSession();
            var locations = session.Run("Get-RootGuardContext -AccessKey AKIAEXAMPLE -SecretKey secret -Region eu-west-1 | Out-Null; "
                    + "[AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -in 'RootGuard.Core', 'AWSSDK.Core' } | ForEach-Object Location")
                .ThrowIfErrors().Output.Select(o => o.ToString()!).ToList();

            Assert.Equal(2, locations.Count);
            Assert.All(locations, l => Assert.StartsWith(System.IO.Path.Combine(root, "Dependencies", "ReadyToRun", rid), l));
            // The netstandard2.0 copies Windows PowerShell loads stay where they were.
            Assert.True(System.IO.File.Exists(System.IO.Path.Combine(root, "Dependencies", "AWSSDK.Core.dll")));
        }
    }
}
