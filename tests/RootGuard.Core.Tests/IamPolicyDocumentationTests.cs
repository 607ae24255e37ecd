using System;
using System.IO;
using Xunit;

namespace RootGuard.Core.Tests
{
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

        [Fact]
        public void The_IAM_policy_document_is_generated_from_the_permission_lists_in_Core()
        {
            var expected = RootGuardPermissions.ToMarkdown();
            if (Environment.GetEnvironmentVariable("ROOTGUARD_UPDATE_DOCS") == "1")
            {
                File.WriteAllText(DocPath(), expected);
            }

            Assert.True(File.Exists(DocPath()), "docs/iam-policies.md is missing: run the tests once with ROOTGUARD_UPDATE_DOCS=1.");
            Assert.Equal(expected, File.ReadAllText(DocPath()).Replace("\r\n", "\n"));
        }

        [Fact]
        public void Every_command_has_a_policy_and_none_is_empty()
        {
            Assert.Equal(7, RootGuardPermissions.ByCommand.Count);
            Assert.All(RootGuardPermissions.ByCommand, c => Assert.NotEmpty(c.Actions));
        }
    }
}
