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
    }
}
