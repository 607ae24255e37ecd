using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Account.Model;
using RootGuard.Core.Aws.Organizations.Model;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

[Collection("moto")]
public sealed class GlobalServiceClientTests : IDisposable
{
    private readonly MotoServerFixture moto;
    private readonly RecordingHandler handler = new();
    private readonly AwsClientFactory factory;

    public GlobalServiceClientTests(MotoServerFixture moto)
    {
        this.moto = moto;
        moto.Reset();
        factory = TestClients.ForMoto(moto, handler);
    }

    public void Dispose()
    {
        factory.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task DescribeOrganization_reads_the_organization()
    {
        var id = moto.Seeder.CreateOrganization();

        var organization = (await factory.CreateOrganizations().DescribeOrganizationAsync(new DescribeOrganizationRequest())).Organization;

        Assert.NotNull(organization);
        Assert.Equal(id, organization!.Id);
        Assert.Equal("ALL", organization.FeatureSet);
        Assert.Equal(MotoServerFixture.AccountId, organization.MasterAccountId);
        Assert.Equal("AWSOrganizationsV20161128.DescribeOrganization", Assert.Single(handler.CallsTo("organizations", "DescribeOrganization")).RequestHeaders["X-Amz-Target"]);
    }

    [Fact]
    public async Task DescribeOrganization_outside_an_organization_is_AWSOrganizationsNotInUse()
    {
        var error = await Assert.ThrowsAsync<AWSOrganizationsNotInUseException>(() =>
            factory.CreateOrganizations().DescribeOrganizationAsync(new DescribeOrganizationRequest()));

        Assert.Equal(AwsErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task GetAlternateContact_reads_the_security_contact_over_restJson()
    {
        moto.Seeder.PutAlternateContact("SECURITY", "Sec Team", "CISO", "security@example.com", "+1 555 0100");

        var contact = (await factory.CreateAccount().GetAlternateContactAsync(new GetAlternateContactRequest { AlternateContactType = "SECURITY" })).AlternateContact;

        Assert.NotNull(contact);
        Assert.Equal("security@example.com", contact!.EmailAddress);
        Assert.Equal("SECURITY", contact.AlternateContactType);
        var call = Assert.Single(handler.CallsTo("account", "GetAlternateContact"));
        Assert.Equal("POST", call.Method);
        Assert.EndsWith("/getAlternateContact", call.Uri!.AbsolutePath);
        Assert.Contains("\"AlternateContactType\":\"SECURITY\"", call.RequestBody);
    }

    [Fact]
    public async Task GetAlternateContact_when_none_is_set_is_ResourceNotFound()
    {
        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() =>
            factory.CreateAccount().GetAlternateContactAsync(new GetAlternateContactRequest { AlternateContactType = "BILLING" }));

        Assert.Equal(AwsErrorKind.NotFound, error.Kind);
    }

    [Fact]
    public async Task Sts_GetCallerIdentity_and_AssumeRole_go_through_the_same_factory_and_handler()
    {
        var sts = factory.CreateSts();

        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(MotoServerFixture.AccountId, identity.Account);

        var assumed = await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = $"arn:aws:iam::{MotoServerFixture.AccountId}:role/audit", RoleSessionName = "rootguard" });
        Assert.False(string.IsNullOrEmpty(assumed.Credentials.AccessKeyId));
        Assert.Contains("assumed-role/audit/rootguard", assumed.AssumedRoleUser.Arn);

        Assert.Single(handler.CallsTo("sts", "GetCallerIdentity"));
        Assert.Single(handler.CallsTo("sts", "AssumeRole"));
    }
}
