using System.Linq;
using System.Management.Automation;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Repair
{
    /// <summary>
    /// Repair-RootAccountSecurity on member accounts' root credentials: moto holds the organization (the default
    /// account is its management account) and the member roles; <see cref="CentralRootAccessFake"/> answers AssumeRoot,
    /// IAM's organization root features and the root user's credentials, which moto does not have.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class RepairRootCredentialsTests
    {
        private const string Member = "222222222222";
        private const string OtherMember = "333333333333";
        private const string Management = MotoServerFixture.AccountId;

        private readonly ModuleBackend backend;
        private readonly CentralRootAccessFake fake;

        public RepairRootCredentialsTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
            backend.Seeder.CreateOrganization();
            fake = new CentralRootAccessFake(backend.Handler);
        }

        private ScriptResult Run(PowerShellSession session, string script) => session.Run(script);

        // Accounts are written as each completes; one at a time, that is the order given, which the prompts below follow.
        private static string Findings(params string[] accounts) =>
            $"Test-RootAccountSecurity @aws -AccountId {string.Join(", ", accounts)} -CheckId RG.ROOT.1, RG.ROOT.2, RG.ROOT.3 -ThrottleLimit 1 | ";

        private static string Prop(PSObject o, string name) => o.Properties[name].Value?.ToString() ?? "";

        private static PSObject[] FindingsOf(PSObject result) => ((object[])result.Properties["Findings"].Value).Select(PSObject.AsPSObject).ToArray();

        [Fact]
        public void A_member_s_root_password_access_key_and_virtual_MFA_are_removed_through_an_AssumeRoot_session_and_the_checks_pass_again()
        {
            fake.WithCentralRootAccess();
            var root = fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            var key = root.AccessKeyIds.Single();
            var serial = root.MfaDevices.Single();
            using var session = backend.NewSession();

            var result = Run(session, Findings(Member) + "Repair-RootAccountSecurity @aws -Confirm:$false");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var repair = Assert.Single(result.Output);
            Assert.Equal(Member, Prop(repair, "AccountId"));
            Assert.Equal("RootCredentials", Prop(repair, "Fix"));
            Assert.Equal("Repaired", Prop(repair, "Action"));
            // RG.ROOT.1 (access key) and RG.ROOT.3 (virtual MFA) failed; RG.ROOT.2 passed. Assessed again: no access keys
            // passes, and with no credentials at all neither MFA check applies any more (which -Quiet counts as passed).
            Assert.Equal(new[] { "RG.ROOT.1", "RG.ROOT.3" }, (string[])repair.Properties["CheckId"].Value);
            var again = FindingsOf(repair).ToDictionary(f => Prop(f, "CheckId"), f => Prop(f, "Status"));
            Assert.Equal("Pass", again["RG.ROOT.1"]);
            Assert.Equal("NotApplicable", again["RG.ROOT.2"]);
            Assert.Equal("NotApplicable", again["RG.ROOT.3"]);

            Assert.False(root.Password);
            Assert.Empty(root.AccessKeyIds);
            Assert.Empty(root.MfaDevices);
            Assert.Empty(root.VirtualMfaDevices);

            // Exactly those deletions, each in the member's root session.
            var deletions = backend.Handler.MutatingCalls.Where(c => c.Service == "iam").ToList();
            Assert.Equal(new[] { "DeleteAccessKey", "DeleteLoginProfile", "DeactivateMFADevice", "DeleteVirtualMFADevice" }, deletions.Select(c => c.Operation));
            Assert.All(deletions, c => Assert.True(fake.IsRootSession(c) && fake.AccountOf(c) == Member, c.ToString()));
            Assert.Equal(key, deletions[0].FormParameters["AccessKeyId"]);
            Assert.Equal(serial, deletions[2].FormParameters["SerialNumber"]);
            Assert.Equal(serial, deletions[3].FormParameters["SerialNumber"]);
            Assert.DoesNotContain(backend.Handler.MutatingCalls, c => c.Service != "iam" && c.Service != "sts");

            var assumeRoot = backend.Handler.CallsTo("sts", "AssumeRoot");
            Assert.NotEmpty(assumeRoot);
            Assert.All(assumeRoot, c =>
            {
                Assert.Equal(Member, c.FormParameters["TargetPrincipal"]);
                Assert.Equal(CentralRootAccessFake.DeleteRootUserCredentialsPolicy, c.FormParameters["TaskPolicyArn.arn"]);
                Assert.True(int.Parse(c.FormParameters["DurationSeconds"]) <= 900);
                Assert.Equal(Management, fake.AccountOf(c));
            });
            foreach (var call in backend.Handler.Calls)
            {
                Assert.Empty(ServiceModelContract.Check(call));
            }
        }

        [Fact]
        public void WhatIf_lists_every_credential_per_account_and_makes_no_mutating_call()
        {
            fake.WithCentralRootAccess();
            var root = fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            var key = root.AccessKeyIds.Single();
            var serial = root.MfaDevices.Single();
            using var session = backend.NewSession();

            var result = Run(session, Findings(Member) + "Repair-RootAccountSecurity @aws -WhatIf");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal("WhatIf", Prop(Assert.Single(result.Output), "Action"));
            var whatIf = string.Join("\n", session.HostLines);
            Assert.Contains("What if:", whatIf);
            Assert.Contains(Member, whatIf);
            Assert.Contains(key, whatIf);
            Assert.Contains(serial, whatIf);
            Assert.Contains("console password", whatIf);
            // Opening sessions (AssumeRole to assess, AssumeRoot to list) changes nothing in AWS.
            Assert.DoesNotContain(backend.Handler.MutatingCalls, c => c.Service != "sts");
            Assert.True(root.Password);
            Assert.Single(root.AccessKeyIds);
            Assert.Single(root.MfaDevices);
        }

        [Fact]
        public void Declining_one_account_at_the_Confirm_prompt_leaves_it_untouched_and_the_other_is_repaired()
        {
            fake.WithCentralRootAccess();
            var declined = fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            var accepted = fake.SeedRootWithPasswordKeyAndVirtualMfa(OtherMember);
            using var session = backend.NewSession();
            session.Host.Recorder.ConfirmAnswers.Enqueue("No");
            session.Host.Recorder.ConfirmAnswers.Enqueue("Yes");

            var result = Run(session, Findings(Member, OtherMember) + "Repair-RootAccountSecurity @aws");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var prompts = session.Host.Recorder.Prompts;
            Assert.Equal(2, prompts.Count);
            Assert.Contains(Member, prompts[0]);
            Assert.Contains(OtherMember, prompts[1]);
            Assert.Equal(new[] { (Member, "Declined"), (OtherMember, "Repaired") },
                result.Output.Select(o => (Prop(o, "AccountId"), Prop(o, "Action"))));
            Assert.True(declined.Password);
            Assert.Single(declined.AccessKeyIds);
            Assert.Single(declined.MfaDevices);
            Assert.False(accepted.Password);
            Assert.Empty(accepted.AccessKeyIds);
            Assert.DoesNotContain(backend.Handler.MutatingCalls, c => c.Service == "iam" && fake.AccountOf(c) == Member);
        }

        [Fact]
        public void The_management_account_s_root_is_refused_with_a_clear_error_and_nothing_is_called()
        {
            fake.WithCentralRootAccess();
            fake.Root(Management).AccessKeyIds.Add("AKIAMANAGEMENTROOT");
            using var session = backend.NewSession();

            var result = Run(session, "Test-RootAccountSecurity @aws -CheckId RG.ROOT.1 | Repair-RootAccountSecurity @aws -Confirm:$false");

            var error = result.SingleError();
            Assert.Equal("RootGuard.ManagementAccountRoot", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidOperation, error.CategoryInfo.Category);
            Assert.Contains("AssumeRoot cannot target it", error.Exception.Message);
            Assert.Contains("Sign in as the management account's root user", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.CallsTo("sts", "AssumeRoot"));
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Single(fake.Root(Management).AccessKeyIds);
        }

        [Fact]
        public void A_member_without_centralized_root_access_gets_an_error_that_says_to_run_the_RG_ROOT_8_fix_first()
        {
            fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            using var session = backend.NewSession();

            var result = Run(session, Findings(Member) + "Repair-RootAccountSecurity @aws -Confirm:$false");

            var error = result.SingleError();
            Assert.Equal("RootGuard.CentralRootAccessRequired", ScriptResult.ErrorIdOf(error));
            Assert.Equal(Member, error.CategoryInfo.TargetName);
            Assert.Contains("RG.ROOT.8", error.ErrorDetails.RecommendedAction);
            Assert.Empty(backend.Handler.CallsTo("sts", "AssumeRoot"));
            Assert.True(fake.Root(Member).Password);
        }

        [Fact]
        public void One_account_s_failure_is_one_error_and_the_other_accounts_are_still_repaired()
        {
            fake.WithCentralRootAccess();
            var failing = fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            var other = fake.SeedRootWithPasswordKeyAndVirtualMfa(OtherMember);
            backend.Handler.On("sts", "AssumeRoot").Fail("AccessDenied", System.Net.HttpStatusCode.Forbidden, "denied by an SCP").Times(1);
            using var session = backend.NewSession();

            var result = Run(session, Findings(Member, OtherMember) + "Repair-RootAccountSecurity @aws -Confirm:$false");

            var error = result.SingleError();
            Assert.Equal("RootGuard.AssumeRootFailed", ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains(Member, error.Exception.Message);
            Assert.Equal(OtherMember, Prop(Assert.Single(result.Output), "AccountId"));
            Assert.True(failing.Password);
            Assert.Empty(other.AccessKeyIds);
        }

        [Fact]
        public void A_second_run_finds_nothing_to_repair_and_makes_no_mutating_call()
        {
            fake.WithCentralRootAccess();
            fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            using var session = backend.NewSession();
            Run(session, Findings(Member) + "Repair-RootAccountSecurity @aws -Confirm:$false").ThrowIfErrors();
            backend.Handler.Clear();

            var second = Run(session, Findings(Member) + "Repair-RootAccountSecurity @aws -Confirm:$false");

            Assert.True(second.Errors.Count == 0, second.Describe());
            Assert.Empty(second.Output);
            Assert.DoesNotContain(backend.Handler.MutatingCalls, c => c.Service != "sts");
        }
    }
}
