using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Iam;
using RootGuard.Core.Aws.Iam.Model;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

[Collection("moto")]
public sealed class IamClientTests : IDisposable
{
    private readonly MotoServerFixture moto;
    private readonly RecordingHandler handler = new();
    private readonly AwsClientFactory factory;
    private readonly IIamClient iam;

    public IamClientTests(MotoServerFixture moto)
    {
        this.moto = moto;
        moto.Reset();
        factory = TestClients.ForMoto(moto, handler);
        iam = factory.CreateIam();
    }

    public void Dispose()
    {
        factory.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task GetAccountSummary_reads_the_summary_map()
    {
        var summary = await iam.GetAccountSummaryAsync(new GetAccountSummaryRequest());

        Assert.True(summary.SummaryMap.ContainsKey("AccountMFAEnabled"));
        Assert.True(summary.SummaryMap.ContainsKey("Users"));
        var call = Assert.Single(handler.CallsTo("iam", "GetAccountSummary"));
        Assert.Contains("/us-east-1/iam/aws4_request", call.Authorization);
    }

    [Fact]
    public async Task ListVirtualMFADevicesAll_follows_Marker_to_the_last_page()
    {
        moto.Seeder.RunBoto3("""
            iam = client("iam")
            for i in range(5):
                iam.create_virtual_mfa_device(VirtualMFADeviceName=f"device-{i}")
            """);

        var all = await iam.ListVirtualMFADevicesAllAsync(new ListVirtualMFADevicesRequest { MaxItems = 2 });

        Assert.Equal(5, all.Count);
        Assert.All(all, d => Assert.Contains(":mfa/device-", d.SerialNumber));
        Assert.Equal(3, handler.CallsTo("iam", "ListVirtualMFADevices").Count);
    }

    [Fact]
    public async Task The_credential_report_is_generated_then_read_as_csv()
    {
        var generated = await iam.GenerateCredentialReportAsync(new GenerateCredentialReportRequest());
        Assert.NotNull(generated.State);

        var report = await iam.GetCredentialReportAsync(new GetCredentialReportRequest());
        Assert.Equal("text/csv", report.ReportFormat);
        var csv = Encoding.UTF8.GetString(report.Content!.ToArray());
        Assert.StartsWith("user,arn,user_creation_time", csv);
    }

    [Fact]
    public async Task ListOrganizationsFeatures_reads_the_enabled_features_moto_lacks_the_operation()
    {
        handler.Stub("iam", "ListOrganizationsFeatures", RootFactStubs.OrganizationsFeatures("o-exampleorg1", "RootCredentialsManagement", "RootSessions"));

        var features = await iam.ListOrganizationsFeaturesAsync(new ListOrganizationsFeaturesRequest());

        Assert.Equal("o-exampleorg1", features.OrganizationId);
        Assert.Equal(new[] { "RootCredentialsManagement", "RootSessions" }, features.EnabledFeatures);
    }

    [Fact]
    public async Task Credential_report_states_map_to_their_own_exceptions()
    {
        handler.Stub("iam", "GetCredentialReport", StubResponse.Error("ReportNotPresent", (HttpStatusCode)410, "No report"));
        var notPresent = await Assert.ThrowsAsync<CredentialReportNotPresentException>(() => iam.GetCredentialReportAsync(new GetCredentialReportRequest()));
        Assert.Equal(AwsErrorKind.NotFound, notPresent.Kind);
        Assert.Equal((HttpStatusCode)410, notPresent.StatusCode);

        handler.Stub("iam", "GetCredentialReport", StubResponse.Error("ReportInProgress", HttpStatusCode.NotFound));
        var inProgress = await Assert.ThrowsAsync<CredentialReportNotReadyException>(() => iam.GetCredentialReportAsync(new GetCredentialReportRequest()));
        Assert.Equal(AwsErrorKind.NotReady, inProgress.Kind);
    }
}
