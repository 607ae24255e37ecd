using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>Shared steps of the Test-RootAccountSecurity tests: run the cmdlet, read a finding.</summary>
    public abstract class AssessmentTestBase
    {
        protected AssessmentTestBase(ModuleBackend backend)
        {
            Backend = backend;
            backend.Reset();
        }

        protected ModuleBackend Backend { get; }

        protected ScriptResult Assess(string arguments = "")
        {
            using var session = Backend.NewSession();
            return session.Run("Test-RootAccountSecurity @aws " + arguments);
        }

        /// <summary>Runs one check and returns its finding, failing on any error record.</summary>
        protected PSObject Finding(string checkId)
        {
            var result = Assess("-CheckId " + checkId);
            Assert.True(result.Errors.Count == 0, result.Describe());
            return Assert.Single(result.Output);
        }

        protected static string Status(PSObject finding) => finding.Properties["Status"].Value.ToString()!;

        protected static string Reason(PSObject finding) => (string)finding.Properties["Reason"].Value;

        protected static object? Evidence(PSObject finding, string key) =>
            ((System.Collections.Specialized.OrderedDictionary)finding.Properties["Evidence"].Value)[key];

        protected static Dictionary<string, PSObject> ById(ScriptResult result) =>
            result.Output.ToDictionary(f => (string)f.Properties["CheckId"].Value);

        protected void AssertError(PSObject finding, string action)
        {
            Assert.Equal("Error", Status(finding));
            Assert.Contains(action, Reason(finding));
            Assert.Contains(action, (string)finding.Properties["Remediation"].Value);
            Assert.Equal(action, Evidence(finding, "FailedAction"));
        }
    }
}
