using System.Linq;
using System.Management.Automation;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Repair
{
    /// <summary>
    /// Repair-RootAccountSecurity's other fixes, with the command running the assessment itself: centralized root
    /// access (the fake's Organizations trusted access and IAM features), the security contact (moto's Account
    /// API), the sign-in alert (New-RootSignInAlert's planner against moto), skipped and manual findings.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class RepairAccountFixesTests
    {
        private const string Member = "222222222222";
        private const string Contact = "-SecurityContact @{ Name = 'Security team'; Title = 'Security'; EmailAddress = 'security@example.com'; PhoneNumber = '+1 555 0100' }";

        private readonly ModuleBackend backend;
        private readonly CentralRootAccessFake fake;

        public RepairAccountFixesTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
            backend.Seeder.CreateOrganization();
            fake = new CentralRootAccessFake(backend.Handler);
        }

        private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? "";

        private static string Status(PSObject result) => Prop(result, "Status");

        [Fact]
        public void Centralized_root_access_is_turned_on_step_by_step_and_RG_ROOT_8_passes_afterwards()
        {
            fake.IamTrustedAccess = false;
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.8 -Confirm:$false");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var repair = Assert.Single(result.Output);
            Assert.Equal(("CentralRootAccess", "Repaired", "RG.ROOT.8=Pass"), (Prop(repair, "Fix"), Prop(repair, "Action"), Status(repair)));
            Assert.Equal(new[] { "EnableAWSServiceAccess", "EnableOrganizationsRootCredentialsManagement", "EnableOrganizationsRootSessions" },
                backend.Handler.MutatingCalls.Select(c => c.Operation));
            Assert.Contains("iam.amazonaws.com", backend.Handler.CallsTo("organizations", "EnableAWSServiceAccess").Single().RequestBody);
            foreach (var call in backend.Handler.Calls)
            {
                Assert.Empty(ServiceModelContract.Check(call));
            }
        }

        [Fact]
        public void Only_what_is_off_is_turned_on()
        {
            // Trusted access and privileged root sessions on, root credentials management off: RG.ROOT.8 fails.
            fake.EnabledFeatures.Add("RootSessions");
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.8 -Confirm:$false");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal(new[] { "EnableOrganizationsRootCredentialsManagement" }, backend.Handler.MutatingCalls.Select(c => c.Operation));
            Assert.Equal("RG.ROOT.8=Pass", Status(Assert.Single(result.Output)));
        }

        [Fact]
        public void A_member_s_security_contact_is_registered_from_the_management_account_through_the_API_s_AccountId()
        {
            using var session = backend.NewSession();

            var result = session.Run($"Repair-RootAccountSecurity @aws -AccountId {Member} -CheckId RG.ROOT.7 {Contact} -Confirm:$false");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var repair = Assert.Single(result.Output);
            Assert.Equal((Member, "SecurityContact", "Repaired", "RG.ROOT.7=Pass"), (Prop(repair, "AccountId"), Prop(repair, "Fix"), Prop(repair, "Action"), Status(repair)));
            var put = Assert.Single(backend.Handler.CallsTo("account", "PutAlternateContact"));
            Assert.Contains($"\"AccountId\":\"{Member}\"", put.RequestBody);
            Assert.Contains("\"AlternateContactType\":\"SECURITY\"", put.RequestBody);
            // Made with the caller's own credentials, not the member's assumed role.
            Assert.Equal(MotoServerFixture.AccountId, fake.AccountOf(put));
        }

        [Fact]
        public void A_bad_security_contact_is_refused_before_any_AWS_call()
        {
            backend.Handler.Clear();
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -SecurityContact @{ Name = 'Security'; Title = 'Sec'; EmailAddress = 'not-an-address'; PhoneNumber = '+1 555 0100' }");

            var error = result.SingleError();
            Assert.Equal("RootGuard.InvalidSecurityContact", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Contains("EmailAddress", error.Exception.Message);
            Assert.Empty(backend.Handler.Calls);
        }

        [Fact]
        public void A_fix_without_its_parameters_is_skipped_with_a_warning_naming_them()
        {
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.5, RG.ROOT.7 -Confirm:$false");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal(new[] { ("SecurityContact", "Skipped"), ("SignInAlert", "Skipped") },
                result.Output.Select(o => (Prop(o, "Fix"), Prop(o, "Action"))).OrderBy(p => p.Item1));
            Assert.Contains(result.Warnings, w => w.Message.Contains("-SecurityContact"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("-EmailAddress or -TopicArn"));
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void The_sign_in_alert_is_repaired_with_New_RootSignInAlert_s_planner_and_assessed_again()
        {
            // The repaired alert passes only where a logging trail brings sign-ins to EventBridge.
            backend.Seeder.CreateTrailWithLogs();
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.5 -EmailAddress security@example.com -Confirm:$false");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var repair = Assert.Single(result.Output);
            Assert.Equal(("SignInAlert", "Repaired", "RG.ROOT.5=Pass"), (Prop(repair, "Fix"), Prop(repair, "Action"), Status(repair)));
            Assert.Single(backend.Handler.CallsTo("events", "PutRule"));
            Assert.Contains(((object[])repair.Properties["Changes"].Value).Select(PSObject.AsPSObject), c => Prop(c, "ResourceType") == "EventBridge rule");
        }

        [Fact]
        public void Recent_root_use_has_no_API_fix_and_is_passed_on_with_the_manual_step()
        {
            backend.Handler.Stub("iam", "GenerateCredentialReport", RootFactStubs.GenerateCredentialReport());
            backend.Handler.Stub("iam", "GetCredentialReport", RootFactStubs.CredentialReport(new CredentialReportRootRow
            {
                PasswordLastUsed = System.DateTimeOffset.UtcNow.AddDays(-2),
            }));
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.4 -Confirm:$false");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var manual = Assert.Single(result.Output);
            Assert.Equal(("Manual", "Manual", "RG.ROOT.4=Fail"), (Prop(manual, "Fix"), Prop(manual, "Action"), Status(manual)));
            Assert.Contains("CloudTrail", Prop(manual, "Message"));
            Assert.DoesNotContain(backend.Handler.MutatingCalls, c => c.Operation != "GenerateCredentialReport");
        }

        [Fact]
        public void WhatIf_on_the_organization_and_a_member_shows_the_features_and_defers_the_member_s_credentials()
        {
            fake.IamTrustedAccess = false;
            fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            using var session = backend.NewSession();

            var result = session.Run(
                $"@(Test-RootAccountSecurity @aws -CheckId RG.ROOT.8) + @(Test-RootAccountSecurity @aws -AccountId {Member} -CheckId RG.ROOT.1) | Repair-RootAccountSecurity @aws -WhatIf");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal(new[] { ("CentralRootAccess", "WhatIf"), ("RootCredentials", "Skipped") }, result.Output.Select(o => (Prop(o, "Fix"), Prop(o, "Action"))));
            Assert.Contains(session.HostLines, l => l.Contains("RootSessions"));
            Assert.Contains(result.Warnings, w => w.Message.Contains(Member) && w.Message.Contains("RG.ROOT.8"));
            Assert.DoesNotContain(backend.Handler.MutatingCalls, c => c.Service != "sts");
        }
    }
}
