using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Planning;
using RootGuard.Core.Repair;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Repair
{
    /// <summary>
    /// The planners of the organization's root features, the member root credentials and the security contact,
    /// offline: <see cref="CentralRootAccessFake"/> answers as AWS documents, and every call is recorded.
    /// </summary>
    public sealed class RepairPlannerTests : IDisposable
    {
        private const string Management = MotoServerFixture.AccountId;
        private const string Member = "222222222222";
        private static readonly CallerStanding Caller = new CallerStanding(Management, "aws", "o-exampleorg1", Management, "ALL");

        private readonly RecordingHandler handler = TestClients.Offline();
        private readonly CentralRootAccessFake fake;
        private readonly AwsClientFactory clients;

        public RepairPlannerTests()
        {
            fake = new CentralRootAccessFake(handler);
            clients = TestClients.ForStubs(handler, maxErrorRetry: 0);
        }

        public void Dispose() => clients.Dispose();

        private static void Apply(FixPlan plan) => PlanExecutor.Execute(plan.Changes, _ => true, CancellationToken.None);

        private Task<FixPlan> PlanCredentials() => new RootCredentialPlanner(clients).PlanAsync(Caller, Member, CancellationToken.None);

        [Fact]
        public async Task Planning_a_member_s_credentials_lists_one_deletion_each_and_deletes_nothing()
        {
            fake.WithCentralRootAccess();
            var root = fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            root.SigningCertificateIds.Add("CERT1");
            root.MfaDevices.Add("GAHT12345678");

            using var plan = await PlanCredentials();

            Assert.Equal(new[]
            {
                (RootCredentialPlanner.AccessKeyResourceType, root.AccessKeyIds[0]),
                (RootCredentialPlanner.SigningCertificateResourceType, "CERT1"),
                (RootCredentialPlanner.PasswordResourceType, Member + " root"),
                (RootCredentialPlanner.MfaDeviceResourceType, root.MfaDevices[0]),
                (RootCredentialPlanner.MfaDeviceResourceType, "GAHT12345678"),
            }, plan.Changes.Select(c => (c.ResourceType, c.ResourceName)));
            Assert.All(plan.Changes, c => Assert.Equal(ChangeAction.Delete, c.Action));
            Assert.Equal(new[] { "AssumeRoot" }, handler.MutatingCalls.Select(c => c.Operation));
            var assume = handler.CallsTo("sts", "AssumeRoot").Single();
            Assert.Equal(Member, assume.FormParameters["TargetPrincipal"]);
            Assert.Equal("arn:aws:iam::aws:policy/root-task/IAMDeleteRootUserCredentials", assume.FormParameters["TaskPolicyArn.arn"]);
            Assert.Equal("900", assume.FormParameters["DurationSeconds"]);
        }

        [Fact]
        public async Task Applying_deletes_exactly_what_was_listed_and_a_hardware_device_is_only_deactivated()
        {
            fake.WithCentralRootAccess();
            var root = fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            root.MfaDevices.Add("GAHT12345678");
            using var plan = await PlanCredentials();
            root.AccessKeyIds.Add("AKIAADDEDAFTERLISTING");

            Apply(plan);

            Assert.Equal(new[] { "AKIAADDEDAFTERLISTING" }, root.AccessKeyIds);
            Assert.False(root.Password);
            Assert.Empty(root.MfaDevices);
            Assert.Empty(root.VirtualMfaDevices);
            Assert.Equal(new[] { $"arn:aws:iam::{Member}:mfa/root-account-mfa-device" },
                handler.CallsTo("iam", "DeleteVirtualMFADevice").Select(c => c.FormParameters["SerialNumber"]));
            Assert.All(handler.MutatingCalls.Where(c => c.Service == "iam"), c => Assert.True(fake.IsRootSession(c)));
        }

        [Fact]
        public async Task A_credential_deleted_by_someone_else_after_listing_counts_as_done()
        {
            fake.WithCentralRootAccess();
            var root = fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            using var plan = await PlanCredentials();
            root.AccessKeyIds.Clear();
            root.Password = false;

            Apply(plan);

            Assert.Empty(root.MfaDevices);
        }

        [Fact]
        public async Task A_session_about_to_expire_is_opened_again_before_a_deletion()
        {
            fake.WithCentralRootAccess();
            fake.SessionLifetime = TimeSpan.FromSeconds(30);
            fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);
            using var plan = await PlanCredentials();
            var opened = handler.CallsTo("sts", "AssumeRoot").Count;

            Apply(plan);

            Assert.True(handler.CallsTo("sts", "AssumeRoot").Count > opened);
        }

        [Fact]
        public async Task The_management_account_is_refused_before_any_call()
        {
            var failure = await Assert.ThrowsAsync<RootGuardException>(() => new RootCredentialPlanner(clients).PlanAsync(Caller, Management, CancellationToken.None));

            Assert.Equal(ErrorIds.ManagementAccountRoot, failure.ErrorId);
            Assert.Empty(handler.Calls);
        }

        [Fact]
        public async Task Without_privileged_root_sessions_the_member_is_refused_with_the_RG_ROOT_8_fix_as_the_remedy()
        {
            fake.EnabledFeatures.Add("RootCredentialsManagement");
            fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);

            var failure = await Assert.ThrowsAsync<RootGuardException>(PlanCredentials);

            Assert.Equal(ErrorIds.CentralRootAccessRequired, failure.ErrorId);
            Assert.Contains("RootSessions", failure.Message);
            Assert.Contains("RG.ROOT.8", failure.RecommendedAction);
            Assert.Empty(handler.CallsTo("sts", "AssumeRoot"));
        }

        [Fact]
        public async Task Centralized_root_access_plans_only_what_is_off()
        {
            fake.IamTrustedAccess = false;
            using var off = await new CentralRootAccessPlanner(clients).PlanAsync(Caller, CancellationToken.None);
            fake.WithCentralRootAccess();
            using var on = await new CentralRootAccessPlanner(clients).PlanAsync(Caller, CancellationToken.None);

            Assert.Equal(new[] { "iam.amazonaws.com", "RootCredentialsManagement", "RootSessions" }, off.Changes.Select(c => c.ResourceName));
            Assert.All(off.Changes, c => Assert.Equal(ChangeAction.Create, c.Action));
            Assert.All(on.Changes, c => Assert.Equal(ChangeAction.Unchanged, c.Action));
            Assert.False(on.HasChanges);
            Assert.Empty(handler.MutatingCalls);
        }

        [Theory]
        [InlineData("CONSOLIDATED_BILLING", Management, ErrorIds.AllFeaturesRequired)]
        [InlineData("ALL", Member, ErrorIds.NotManagementAccount)]
        public async Task Centralized_root_access_needs_the_management_account_of_an_all_features_organization(string featureSet, string callerAccount, string errorId)
        {
            var caller = new CallerStanding(callerAccount, "aws", "o-exampleorg1", Management, featureSet);

            var failure = await Assert.ThrowsAsync<RootGuardException>(() => new CentralRootAccessPlanner(clients).PlanAsync(caller, CancellationToken.None));

            Assert.Equal(errorId, failure.ErrorId);
            Assert.Empty(handler.Calls);
        }

        [Theory]
        [InlineData(false, false, ChangeAction.Create)]
        [InlineData(true, true, ChangeAction.Unchanged)]
        [InlineData(true, false, ChangeAction.Update)]
        public async Task The_security_contact_is_registered_replaced_or_left_as_it_is(bool exists, bool same, ChangeAction expected)
        {
            handler.Stub("account", "GetAlternateContact", !exists
                ? RootFactStubs.AlternateContactNotFound()
                : RootFactStubs.AlternateContact(name: "Team", title: "Security", emailAddress: same ? "security@example.com" : "old@example.com", phoneNumber: "+1 555 0100"));
            var contact = new SecurityContactDetails("Team", "Security", "security@example.com", "+1 555 0100");

            using var plan = await new SecurityContactPlanner(clients).PlanAsync(Caller, Member, contact, CancellationToken.None);

            Assert.Equal(expected, Assert.Single(plan.Changes).Action);
            Assert.Contains($"\"AccountId\":\"{Member}\"", handler.CallsTo("account", "GetAlternateContact").Single().RequestBody);
        }

        [Fact]
        public async Task The_caller_s_own_contact_leaves_AccountId_out_as_the_API_requires()
        {
            handler.Stub("account", "GetAlternateContact", RootFactStubs.AlternateContactNotFound());
            handler.Stub("account", "PutAlternateContact", StubResponse.Json("{}"));
            var contact = new SecurityContactDetails("Team", "Security", "security@example.com", "+1 555 0100");

            using var plan = await new SecurityContactPlanner(clients).PlanAsync(Caller, Management, contact, CancellationToken.None);
            Apply(plan);

            var put = handler.CallsTo("account", "PutAlternateContact").Single();
            Assert.DoesNotContain("AccountId", put.RequestBody);
            Assert.Contains("\"EmailAddress\":\"security@example.com\"", put.RequestBody);
            foreach (var call in handler.Calls)
            {
                Assert.Empty(ServiceModelContract.Check(call));
            }
        }
    }
}
