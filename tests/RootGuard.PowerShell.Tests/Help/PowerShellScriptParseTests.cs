using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation.Language;
using System.Reflection;
using Xunit;

namespace RootGuard.PowerShell.Tests.Help
{
    /// <summary>
    /// Every PowerShell script in the repository parses: a syntax error shows up here, by file and line, before
    /// build.ps1 -Test gets to run the Pester suite (and for the demo, which no test runs).
    /// </summary>
    public sealed class PowerShellScriptParseTests
    {
        private static string RepositoryRoot =>
            typeof(PowerShellScriptParseTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

        public static IEnumerable<object[]> Scripts()
        {
            var root = RepositoryRoot;
            return Directory.GetFiles(Path.Combine(root, "tests"), "*.ps1", SearchOption.AllDirectories)
                .Where(f => !f.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar).Any(d => d == "bin" || d == "obj"))
                .Append(Path.Combine(root, "build.ps1"))
                .Append(Path.Combine(root, "demo", "Demo.ps1"))
                .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                .OrderBy(f => f, System.StringComparer.Ordinal)
                .Select(f => new object[] { f });
        }

        [Fact]
        public void The_Pester_help_and_module_tests_are_among_the_scripts_checked()
        {
            var scripts = Scripts().Select(s => (string)s[0]).ToList();
            Assert.Contains("tests/Pester/RootGuard.Help.Tests.ps1", scripts);
            Assert.Contains("tests/Pester/RootGuard.Module.Tests.ps1", scripts);
            Assert.Contains("build.ps1", scripts);
        }

        [Theory]
        [MemberData(nameof(Scripts))]
        public void Script_parses_without_errors(string relativePath)
        {
            Parser.ParseFile(Path.Combine(RepositoryRoot, relativePath), out _, out var errors);

            Assert.False(errors.Length > 0, $"{relativePath}: " + string.Join("; ",
                errors.Select(e => $"line {e.Extent.StartLineNumber}, column {e.Extent.StartColumnNumber}: {e.Message}")));
        }
    }
}
