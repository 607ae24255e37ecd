using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>Test-RootAccountSecurity as a whole: a secured account, -Quiet, selection, order, completion.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class TestRootAccountSecurityTests : AssessmentTestBase
    {
        private static readonly string[] AllIds = { "RG.ROOT.1", "RG.ROOT.2", "RG.ROOT.3", "RG.ROOT.4", "RG.ROOT.5", "RG.ROOT.6", "RG.ROOT.7", "RG.ROOT.8" };

        public TestRootAccountSecurityTests(ModuleBackend backend) : base(backend)
        {
        }

        [Fact]
        public void A_fully_secured_and_monitored_account_passes_every_check_and_Quiet_says_true()
        {
            AssessmentScenario.Seed(Backend);
            var result = Assess();
            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal(AllIds, result.Output.Select(f => (string)f.Properties["CheckId"].Value).OrderBy(i => i));
            Assert.All(result.Output, f => Assert.True("Pass" == Status(f), $"{f.Properties["CheckId"].Value}: {Reason(f)}"));
            Assert.All(result.Output, f => Assert.Equal("RootGuard.Finding", f.TypeNames[0]));
            Assert.DoesNotContain(Backend.Handler.MutatingCalls, c => c.Operation != "GenerateCredentialReport");

            var quiet = Assess("-Quiet");
            Assert.Equal(true, Assert.Single(quiet.Output).BaseObject);
        }

        [Fact]
        public void The_sign_in_alert_made_by_New_RootSignInAlert_passes_RG_ROOT_5()
        {
            // New-RootUsageAlarm is not in this branch yet: the usage chain is seeded as it would build it.
            AssessmentScenario.Seed(Backend, new AccountShape { SignInRule = false });
            using var session = Backend.NewSession();
            var created = session.Run("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false");
            Assert.True(created.Errors.Count == 0, created.Describe());
            var result = session.Run("Test-RootAccountSecurity @aws");
            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.All(result.Output, f => Assert.True("Pass" == Status(f), $"{f.Properties["CheckId"].Value}: {Reason(f)}"));
            Assert.Equal(true, Assert.Single(session.Run("Test-RootAccountSecurity @aws -Quiet").Output).BaseObject);
        }

        [Fact]
        public void Quiet_returns_false_once_root_access_keys_exist()
        {
            AssessmentScenario.Seed(Backend);
            Backend.Handler.Stub("iam", "GetAccountSummary", RootFactStubs.AccountSummary(accessKeysPresent: true));
            var quiet = Assess("-Quiet -Verbose");
            Assert.Empty(quiet.Errors);
            Assert.Equal(false, Assert.Single(quiet.Output).BaseObject);
            Assert.Contains(quiet.Verbose, v => v.Message.StartsWith("RG.ROOT.1 Fail:", System.StringComparison.Ordinal));
        }

        [Fact]
        public void Failures_sort_first()
        {
            AssessmentScenario.Seed(Backend, new AccountShape { SecurityContact = false, Alarm = false });
            var statuses = Assess().Output.Select(Status).ToList();
            Assert.Equal(new[] { "Fail", "Fail" }, statuses.Take(2));
            Assert.All(statuses.Skip(2), s => Assert.Equal("Pass", s));
        }

        [Fact]
        public void CheckId_and_ExcludeCheckId_select_checks_case_insensitively()
        {
            AssessmentScenario.StubRootFacts(Backend);
            var result = Assess("-CheckId rg.root.1, RG.ROOT.2, RG.ROOT.7 -ExcludeCheckId RG.ROOT.2");
            Assert.Empty(result.Errors);
            Assert.Equal(new[] { "RG.ROOT.1", "RG.ROOT.7" }, result.Output.Select(f => (string)f.Properties["CheckId"].Value).OrderBy(i => i));
            Assert.Empty(Backend.Handler.CallsTo("events", "*"));
            Assert.Empty(Backend.Handler.CallsTo("cloudtrail", "*"));
        }

        [Fact]
        public void An_unknown_check_id_is_refused_before_any_call()
        {
            var result = Assess("-CheckId RG.ROOT.42");
            var error = result.SingleError();
            Assert.Equal("ParameterArgumentValidationError", ScriptResult.ErrorIdOf(error));
            Assert.Contains("RG.ROOT.1", error.Exception.Message);
            Assert.Empty(Backend.Handler.Calls);
        }

        [Fact]
        public void A_usage_window_out_of_range_is_refused()
        {
            var error = Assess("-UsageWindowDays 0").SingleError();
            Assert.Equal("ParameterArgumentValidationError", ScriptResult.ErrorIdOf(error));
            Assert.Empty(Backend.Handler.Calls);
        }

        [Fact]
        public void Credentials_AWS_rejects_end_the_call_with_one_error_and_no_findings()
        {
            AssessmentScenario.StubRootFacts(Backend);
            Backend.Handler.On("sts", "GetCallerIdentity").Fail("InvalidClientTokenId", System.Net.HttpStatusCode.Forbidden, "The security token included in the request is invalid.");
            var result = Assess();
            Assert.Empty(result.Output);
            var error = result.SingleError();
            Assert.Equal("RootGuard.InvalidClientTokenId", ScriptResult.ErrorIdOf(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.AuthenticationError, error.CategoryInfo.Category);
        }

        [Fact]
        public void Excluding_every_check_is_a_clear_error()
        {
            var error = Assess("-ExcludeCheckId " + string.Join(",", AllIds)).SingleError();
            Assert.Equal("RootGuard.NoCheckSelected", ScriptResult.ErrorIdOf(error));
        }

        [Fact]
        public void CheckId_tab_completion_lists_the_check_ids()
        {
            using var session = Backend.NewSession();
            var result = session.Run("""
$line = 'Test-RootAccountSecurity -CheckId RG.ROOT.'
(TabExpansion2 -inputScript $line -cursorColumn $line.Length).CompletionMatches | ForEach-Object { $_.CompletionText }
""");
            Assert.Empty(result.Errors);
            Assert.Equal(AllIds, result.Output.Select(o => (string)o.BaseObject));
        }

        [Fact]
        public void The_default_view_is_a_table_of_status_check_id_severity_and_title()
        {
            // Format-Table and Get-FormatData are not in a CreateDefault2 runspace: read the view the module loads.
            using var session = Backend.NewSession();
            var result = session.Run("""
$file = (Get-Module RootGuard).ExportedFormatFiles | Where-Object { $_ -like '*Finding.Format.ps1xml' }
$view = ([xml][System.IO.File]::ReadAllText($file)).Configuration.ViewDefinitions.View
$view.ViewSelectedBy.TypeName
$view.TableControl.TableHeaders.TableColumnHeader | ForEach-Object { $_.Label }
""");
            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal("RootGuard.Finding", (string)result.Output[0].BaseObject);
            result.Output.RemoveAt(0);
            Assert.Equal(new[] { "Status", "CheckId", "Severity", "Title" }, result.Output.Select(o => (string)o.BaseObject));
        }
    }
}
