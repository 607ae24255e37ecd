using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>
    /// Test-RootAccountSecurity -Organization against a moto organization of 25 accounts: the moto account is the
    /// management account (assessed with the caller's credentials), 24 members made with CreateAccount are reached by
    /// AssumeRole into their ids. moto has no ListOrganizationsFeatures: it is stubbed as the management account would see it.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class OrganizationAssessmentTests : AssessmentTestBase
    {
        private const string Management = MotoServerFixture.AccountId;

        public OrganizationAssessmentTests(ModuleBackend backend) : base(backend)
        {
        }

        /// <summary>An organization of the moto account and <paramref name="members"/> created accounts; returns the members' ids.</summary>
        private List<string> SeedOrganization(int members = 24)
        {
            var ids = Backend.Seeder.RunBoto3Json("""
org = client("organizations")
org.create_organization(FeatureSet="ALL")
out([org.create_account(Email=f"member{i}@example.com", AccountName=f"member-{i}")["CreateAccountStatus"]["AccountId"] for i in range(ARGS["n"])])
""", new { n = members });
            Backend.Handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-example", "RootCredentialsManagement", "RootSessions"));
            return ids.EnumerateArray().Select(e => e.GetString()!).ToList();
        }

        private static string AccountOf(PSObject item) => (string)item.Properties["AccountId"].Value;

        private static string RoleArnOf(RecordedCall call) => call.FormParameters.TryGetValue("RoleArn", out var arn) ? arn : string.Empty;

        [Fact]
        public void Organization_assesses_all_25_accounts_the_management_account_with_the_callers_own_credentials_with_progress()
        {
            var members = SeedOrganization();

            var result = Assess("-Organization -CheckId RG.ROOT.7 -ThrottleLimit 8");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var assessed = result.Output.Select(AccountOf).ToList();
            Assert.Equal(25, assessed.Count);
            Assert.Equal(members.Append(Management).OrderBy(a => a), assessed.OrderBy(a => a));

            // Members through OrganizationAccountAccessRole, one AssumeRole each; none into the management account.
            var assumed = Backend.Handler.CallsTo("sts", "AssumeRole").Select(RoleArnOf).ToList();
            Assert.Equal(members.Select(m => $"arn:aws:iam::{m}:role/OrganizationAccountAccessRole").OrderBy(a => a), assumed.OrderBy(a => a));
            // ListAccounts was followed past its first page (20 a page, 25 accounts).
            Assert.Equal(2, Backend.Handler.CallsTo("organizations", "ListAccounts").Count);

            var management = Assert.Single(result.Output, f => AccountOf(f) == Management);
            Assert.Equal(true, management.Properties["IsManagementAccount"].Value);
            Assert.All(result.Output.Where(f => AccountOf(f) != Management), f => Assert.Equal(false, f.Properties["IsManagementAccount"].Value));
            // Central root management is the organization's setting, read once by the caller, true for every account.
            Assert.All(result.Output, f => Assert.Equal(true, f.Properties["RootCredentialsCentrallyManaged"].Value));

            // Progress: one record per account done, counting up to 25 of 25, then a completed record.
            var progress = result.Progress.Where(p => p.RecordType == ProgressRecordType.Processing && p.PercentComplete >= 0).ToList();
            Assert.Contains(progress, p => p.StatusDescription.StartsWith("25 of 25 accounts assessed", StringComparison.Ordinal));
            Assert.Equal(progress.Select(p => p.PercentComplete).OrderBy(p => p), progress.Select(p => p.PercentComplete));
            Assert.Equal(ProgressRecordType.Completed, result.Progress.Last().RecordType);
        }

        [Fact]
        public void A_member_whose_role_assumption_is_denied_is_one_error_naming_it_and_the_others_complete()
        {
            var members = SeedOrganization();
            var denied = members[7];
            // moto lets every AssumeRole through: AWS's answer to an SCP that denies sts:AssumeRole is injected for one account.
            Backend.Handler.On("sts", "AssumeRole").When(c => RoleArnOf(c).Contains(denied))
                .Fail("AccessDenied", System.Net.HttpStatusCode.Forbidden,
                    $"User: arn:aws:iam::{Management}:user/moto is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::{denied}:role/OrganizationAccountAccessRole with an explicit deny in a service control policy");

            var result = Assess("-Organization -CheckId RG.ROOT.7 -ThrottleLimit 4");

            var error = result.SingleError();
            Assert.Equal("RootGuard.AssumeRoleFailed", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Equal(denied, error.TargetObject);
            Assert.Contains("service control policy", error.Exception.Message);
            Assert.Contains("-RoleName", error.ErrorDetails.RecommendedAction);
            Assert.Equal(members.Where(m => m != denied).Append(Management).OrderBy(a => a), result.Output.Select(AccountOf).OrderBy(a => a));
            Assert.Contains(result.Progress, p => p.StatusDescription == "25 of 25 accounts assessed, 1 could not be assessed");

            var quiet = Assess("-Organization -CheckId RG.ROOT.8 -Quiet");
            Assert.Equal(false, Assert.Single(quiet.Output).BaseObject);
        }

        [Fact]
        public void Summary_writes_one_typed_row_per_account_with_its_counts()
        {
            var members = SeedOrganization(members: 3);
            Backend.Seeder.PutAlternateContact("SECURITY", "Security", "CISO", "security@example.com", "+1-555-0100");

            var result = Assess("-Organization -CheckId RG.ROOT.7, RG.ROOT.8 -Summary");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal(4, result.Output.Count);
            Assert.All(result.Output, row => Assert.Equal("RootGuard.AccountSummary", row.TypeNames[0]));
            var management = Assert.Single(result.Output, r => AccountOf(r) == Management);
            // The management account has the security contact (Pass) and reads the organization's features (Pass).
            Assert.Equal((true, 2, 0, 0, 0), ((bool?)management.Properties["IsManagementAccount"].Value, (int)management.Properties["Passed"].Value,
                (int)management.Properties["Failed"].Value, (int)management.Properties["Warnings"].Value, (int)management.Properties["Errors"].Value));
            Assert.All(result.Output.Where(r => AccountOf(r) != Management), row =>
            {
                Assert.Equal(false, row.Properties["IsManagementAccount"].Value);
                Assert.Equal(1, row.Properties["Failed"].Value); // no security contact in the member
            });
        }

        [Fact]
        public void The_external_id_goes_with_every_AssumeRole()
        {
            var members = SeedOrganization(members: 2);

            // Quoted: moto's ids may start with 0, which PowerShell would read as a number and drop.
            var result = Assess("-AccountId " + string.Join(",", members.Select(m => $"'{m}'")) + " -CheckId RG.ROOT.7 -RoleName AuditRole -ExternalId rootguard-7f3a9c");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var calls = Backend.Handler.CallsTo("sts", "AssumeRole");
            Assert.Equal(2, calls.Count);
            Assert.All(calls, c => Assert.Equal("rootguard-7f3a9c", c.FormParameters["ExternalId"]));
            Assert.All(calls, c => Assert.EndsWith(":role/AuditRole", RoleArnOf(c)));
        }

        [Fact]
        public void Piped_ids_and_objects_with_Id_or_AccountId_are_assessed_and_the_callers_own_account_without_a_role()
        {
            var members = SeedOrganization(members: 3);
            using var session = Backend.NewSession();
            session.SetVariable("members", members.ToArray());

            // As AWS Tools' Get-ORGAccountList gives them (an Id property), as rows with AccountId, and as plain strings.
            var result = session.Run("""
@(
    [pscustomobject]@{ Id = $members[0]; Name = 'member-0'; Status = 'ACTIVE' }
    [pscustomobject]@{ AccountId = $members[1] }
    $members[2]
    '123456789012'
) | Test-RootAccountSecurity @aws -CheckId RG.ROOT.7
""");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal(members.Append(Management).OrderBy(a => a), result.Output.Select(AccountOf).OrderBy(a => a));
            Assert.DoesNotContain(Backend.Handler.CallsTo("sts", "AssumeRole"), c => RoleArnOf(c).Contains(Management));
        }

        [Fact]
        public void Organization_from_an_account_in_no_organization_is_a_clear_error()
        {
            var result = Assess("-Organization -CheckId RG.ROOT.7");

            var error = result.SingleError();
            Assert.Equal("RootGuard.NotInOrganization", ScriptResult.ErrorIdOf(error));
            Assert.Empty(result.Output);
            Assert.Empty(Backend.Handler.CallsTo("sts", "AssumeRole"));
        }

        [Theory]
        [InlineData("-Organization -Quiet -Summary", "RootGuard.QuietWithSummary")]
        [InlineData("-Organization -ExternalId 'has spaces'", "ParameterArgumentValidationError")]
        [InlineData("-Organization -AccountId 111111111111", "AmbiguousParameterSet")]
        public void Conflicting_or_malformed_fleet_parameters_are_refused_before_any_call(string arguments, string errorId)
        {
            Backend.Handler.ClearWhenQuiet();
            var result = Assess(arguments);

            Assert.Contains(errorId, result.SingleError().FullyQualifiedErrorId);
            Assert.Empty(Backend.Handler.Calls);
        }
    }
}
