using System;
using System.Collections.Generic;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Fleet;
using Xunit;
using static RootGuard.Core.Tests.Assessment.Facts;
using Organization = RootGuard.Core.Aws.Organizations.Model.Organization;

namespace RootGuard.Core.Tests.Fleet;

/// <summary>What a finding says about its account's place in the organization, from RG.ROOT.8's evidence and the caller's roster.</summary>
public sealed class AccountStandingTests
{
    private const string Member = "210987654321";

    private static AssessmentReport Report(SourceResult<Organization?>? organization, SourceResult<OrganizationsFeaturesFact>? features) =>
        new(Context(), Array.Empty<CheckResult>(), new AssessmentEvidence { Organization = organization, OrganizationsFeatures = features });

    private static Organization Org(string management, string featureSet = "ALL") =>
        new() { Id = "o-abc", MasterAccountId = management, FeatureSet = featureSet };

    private static OrganizationRoster Roster(bool? central, string organizationId = "o-abc") =>
        new(Member, organizationId, Account, central, Array.Empty<FleetAccount>());

    [Fact]
    public void The_management_account_that_reads_its_features_knows_both_facts()
    {
        var standing = AccountStanding.From(Report(Ok<Organization?>(Org(Account)), Ok(new OrganizationsFeaturesFact(new[] { "RootCredentialsManagement" }))));
        Assert.Equal((true, true), (standing.IsManagementAccount, standing.RootCredentialsCentrallyManaged));
    }

    [Theory]
    [InlineData("ServiceAccessNotEnabledException")]
    [InlineData("OrganizationNotInAllFeaturesModeException")]
    public void An_organization_that_cannot_manage_root_centrally_is_not_centrally_managed(string answer)
    {
        var standing = AccountStanding.From(Report(Ok<Organization?>(Org(Account)), Ok(new OrganizationsFeaturesFact(Array.Empty<string>(), answer))));
        Assert.Equal(false, standing.RootCredentialsCentrallyManaged);
    }

    [Fact]
    public void Consolidated_billing_only_is_not_centrally_managed_whatever_else_was_read()
    {
        var standing = AccountStanding.From(Report(Ok<Organization?>(Org(Account, "CONSOLIDATED_BILLING")), null), Roster(central: true));
        Assert.Equal(false, standing.RootCredentialsCentrallyManaged);
    }

    [Fact]
    public void An_account_in_no_organization_is_neither_management_nor_centrally_managed()
    {
        var standing = AccountStanding.From(Report(Ok<Organization?>(null), null), Roster(central: true));
        Assert.Equal((false, false), (standing.IsManagementAccount, standing.RootCredentialsCentrallyManaged));
    }

    [Fact]
    public void A_member_that_cannot_read_its_organizations_features_takes_them_from_the_callers_roster()
    {
        var member = Report(Ok<Organization?>(Org("999999999999")), Ok(new OrganizationsFeaturesFact(Array.Empty<string>(), "AccountNotManagementOrDelegatedAdministratorException")));

        Assert.Equal((false, (bool?)null), (AccountStanding.From(member).IsManagementAccount, AccountStanding.From(member).RootCredentialsCentrallyManaged));
        Assert.Equal(true, AccountStanding.From(member, Roster(central: true, organizationId: "o-abc")).RootCredentialsCentrallyManaged);
        // Another organization's setting says nothing about this one.
        Assert.Null(AccountStanding.From(member, Roster(central: true, organizationId: "o-other")).RootCredentialsCentrallyManaged);
    }

    [Fact]
    public void Without_RG_ROOT_8s_reads_the_roster_says_which_account_is_the_management_account()
    {
        var unread = Report(null, null);
        Assert.Equal((true, (bool?)false), (AccountStanding.From(unread, Roster(central: false)).IsManagementAccount, AccountStanding.From(unread, Roster(central: false)).RootCredentialsCentrallyManaged));
        Assert.Equal((null, null), (AccountStanding.From(unread).IsManagementAccount, AccountStanding.From(unread).RootCredentialsCentrallyManaged));
        Assert.Equal(false, AccountStanding.From(Member, Roster(central: true)).IsManagementAccount);
    }
}

public sealed class FleetProgressTests
{
    [Fact]
    public void Time_left_follows_the_pace_so_far_and_is_unknown_before_the_first_account()
    {
        Assert.Null(new FleetProgress(10, 0, 0, TimeSpan.FromSeconds(3)).Remaining);
        var progress = new FleetProgress(10, 4, 1, TimeSpan.FromSeconds(8));
        Assert.Equal(TimeSpan.FromSeconds(12), progress.Remaining);
        Assert.Equal(40, progress.PercentComplete);
        Assert.Equal("4 of 10 accounts assessed, 1 could not be assessed", progress.Describe());
    }
}
