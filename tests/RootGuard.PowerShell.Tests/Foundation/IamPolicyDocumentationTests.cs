using System;
using System.IO;
using System.Linq;
using System.Reflection;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Foundation
{
    /// <summary>
    /// docs/iam-policies.md is the imported module's own account of each command's IAM actions: the cmdlets layer maps
    /// commands to Core's features (CommandPermissions), Core keeps each feature's actions.
    /// </summary>
    public sealed class IamPolicyDocumentationTests
    {
        private static string DocPath()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory != null && !File.Exists(Path.Combine(directory.FullName, "RootGuard.PowerShell.sln")))
            {
                directory = directory.Parent;
            }

            return Path.Combine(directory!.FullName, "docs", "iam-policies.md");
        }

        // The cmdlets assembly as the module loaded it (its Core sits in the module's own load context), read by reflection
        // because this test project deliberately references neither.
        private static Type CommandPermissions()
        {
            using (var session = new PowerShellSession())
            {
                session.Run("Get-Command -Module RootGuard").ThrowIfErrors();
            }

            var cmdlets = AppDomain.CurrentDomain.GetAssemblies().First(a => a.GetName().Name == "RootGuard.PowerShell");
            return cmdlets.GetType("RootGuard.PowerShell.CommandPermissions", throwOnError: true)!;
        }

        [Fact]
        public void The_IAM_policy_document_is_generated_from_the_commands_and_the_permission_lists_in_Core()
        {
            var expected = (string)CommandPermissions().GetMethod("ToMarkdown", BindingFlags.NonPublic | BindingFlags.Static)!.Invoke(null, null)!;
            if (Environment.GetEnvironmentVariable("ROOTGUARD_UPDATE_DOCS") == "1")
            {
                File.WriteAllText(DocPath(), expected);
            }

            Assert.True(File.Exists(DocPath()), "docs/iam-policies.md is missing: run the tests once with ROOTGUARD_UPDATE_DOCS=1.");
            Assert.Equal(expected, File.ReadAllText(DocPath()).Replace("\r\n", "\n"));
        }

        [Fact]
        public void Every_exported_command_that_calls_AWS_has_a_policy()
        {
            using var session = new PowerShellSession();
            var exported = session.Run("(Get-Command -Module RootGuard -CommandType Cmdlet | Where-Object { $_.Parameters.ContainsKey('ProfileName') }).Name")
                .ThrowIfErrors().Output.Select(o => o.ToString()).ToList();
            var documented = File.ReadAllLines(DocPath()).Where(l => l.StartsWith("## ", StringComparison.Ordinal)).Select(l => l.Substring(3).Split(' ')[0]).ToList();

            Assert.NotEmpty(exported);
            Assert.All(exported.Where(c => c != "Get-RootGuardContext"), command => Assert.Contains(command, documented));
        }
    }
}
