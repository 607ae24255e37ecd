using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Fleet;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;
using OrganizationAccount = RootGuard.Core.Aws.Organizations.Model.Account;

namespace RootGuard.Core.Tests.Fleet;

/// <summary>The caller's view of its organization, against moto (ListOrganizationsFeatures stubbed: moto has none).</summary>
[Collection("moto")]
public sealed class OrganizationRosterReaderTests : IDisposable
{
    private readonly MotoServerFixture moto;
    private readonly RecordingHandler handler = new();
    private readonly RootGuard.Core.Aws.AwsClientFactory caller;

    public OrganizationRosterReaderTests(MotoServerFixture moto)
    {
        this.moto = moto;
        moto.Reset();
        caller = TestClients.ForMoto(moto, handler);
    }

    public void Dispose()
    {
        caller.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task Lists_every_active_account_through_every_page_management_account_first()
    {
        var organizationId = moto.Seeder.CreateOrganization();
        var members = moto.Seeder.RunBoto3Json("""
org = client("organizations")
out([org.create_account(Email=f"m{i}@example.com", AccountName=f"member-{i}")["CreateAccountStatus"]["AccountId"] for i in range(22)])
""").EnumerateArray().Select(e => e.GetString()!).ToList();
        handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures(organizationId, "RootCredentialsManagement"));

        var roster = await OrganizationRosterReader.ReadAsync(caller, listAccounts: true, CancellationToken.None);

        Assert.Equal(MotoServerFixture.AccountId, roster.CallerAccountId);
        Assert.Equal(organizationId, roster.OrganizationId);
        Assert.Equal(MotoServerFixture.AccountId, roster.ManagementAccountId);
        Assert.Equal(true, roster.RootCredentialsCentrallyManaged);
        Assert.Equal(MotoServerFixture.AccountId, roster.Accounts[0].Id);
        Assert.Equal(members.OrderBy(m => m), roster.Accounts.Skip(1).Select(a => a.Id).OrderBy(m => m));
        Assert.Equal(2, handler.CallsTo("organizations", "ListAccounts").Count);
    }

    [Theory]
    [InlineData("ACTIVE", null, true)]
    [InlineData("SUSPENDED", "SUSPENDED", false)]
    [InlineData("PENDING_CLOSURE", "ACTIVE", false)]
    [InlineData("CLOSED", null, false)]
    [InlineData(null, "ACTIVE", true)]
    public void Only_active_accounts_are_assessed_by_State_or_else_Status(string? state, string? status, bool active) =>
        Assert.Equal(active, OrganizationRosterReader.IsActive(new OrganizationAccount { State = state, Status = status }));

    [Fact]
    public async Task Without_an_organization_listing_is_a_clear_error_and_the_roster_alone_is_not()
    {
        var error = await Assert.ThrowsAsync<RootGuardException>(() => OrganizationRosterReader.ReadAsync(caller, listAccounts: true, CancellationToken.None));
        Assert.Equal("RootGuard.NotInOrganization", error.ErrorId);

        var roster = await OrganizationRosterReader.ReadAsync(caller, listAccounts: false, CancellationToken.None);
        Assert.Null(roster.OrganizationId);
        Assert.Equal(false, roster.RootCredentialsCentrallyManaged);
        Assert.Empty(roster.Accounts);
    }

    [Fact]
    public async Task A_member_that_may_not_list_accounts_is_told_to_run_from_the_management_account()
    {
        moto.Seeder.CreateOrganization();
        // moto answers a member's ListAccounts with an empty list; AWS denies it.
        handler.On("organizations", "ListAccounts").Fail("AccessDeniedException", System.Net.HttpStatusCode.BadRequest,
            "You don't have permissions to access this resource.");

        var error = await Assert.ThrowsAsync<RootGuardException>(() => OrganizationRosterReader.ReadAsync(caller, listAccounts: true, CancellationToken.None));

        Assert.Equal("RootGuard.CannotListAccounts", error.ErrorId);
        Assert.Equal(FailureKind.PermissionDenied, error.Kind);
        Assert.Contains("delegated administrator", error.RecommendedAction);
    }
}
