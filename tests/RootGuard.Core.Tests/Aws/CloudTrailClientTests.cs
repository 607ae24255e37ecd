using System;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudTrail;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

[Collection("moto")]
public sealed class CloudTrailClientTests : IDisposable
{
    private readonly MotoServerFixture moto;
    private readonly RecordingHandler handler = new();
    private readonly AwsClientFactory factory;
    private readonly ICloudTrailClient cloudTrail;

    public CloudTrailClientTests(MotoServerFixture moto)
    {
        this.moto = moto;
        moto.Reset();
        factory = TestClients.ForMoto(moto, handler);
        cloudTrail = factory.CreateCloudTrail();
    }

    public void Dispose()
    {
        factory.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task A_trail_its_status_and_selectors_are_read()
    {
        var (trailArn, logGroupArn) = moto.Seeder.CreateTrailWithLogs();

        var trails = await cloudTrail.DescribeTrailsAsync(new DescribeTrailsRequest());
        var trail = Assert.Single(trails.TrailList);
        Assert.Equal(trailArn, trail.TrailARN);
        Assert.Equal("rootguard-trail", trail.Name);
        Assert.True(trail.IsMultiRegionTrail);
        Assert.Equal(logGroupArn, trail.CloudWatchLogsLogGroupArn);

        var status = await cloudTrail.GetTrailStatusAsync(new GetTrailStatusRequest { Name = trailArn });
        Assert.True(status.IsLogging);

        var selectors = await cloudTrail.GetEventSelectorsAsync(new GetEventSelectorsRequest { TrailName = trailArn });
        Assert.Equal(trailArn, selectors.TrailARN);
    }

    [Fact]
    public async Task The_status_of_a_missing_trail_is_TrailNotFound()
    {
        var error = await Assert.ThrowsAsync<TrailNotFoundException>(() => cloudTrail.GetTrailStatusAsync(new GetTrailStatusRequest { Name = "missing" }));

        Assert.Equal(AwsErrorKind.NotFound, error.Kind);
        Assert.Equal("TrailNotFoundException", error.ErrorCode);
    }

    [Fact]
    public async Task A_fractional_epoch_timestamp_in_a_JSON_answer_is_read_to_the_millisecond()
    {
        handler.Stub("cloudtrail", "GetTrailStatus", _ => StubResponse.Json("{\"IsLogging\":true,\"LatestDeliveryTime\":1700000000.5}"));

        var status = await cloudTrail.GetTrailStatusAsync(new GetTrailStatusRequest { Name = "trail" });

        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), status.LatestDeliveryTime);
        Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.GetTrailStatus",
            handler.CallsTo("cloudtrail", "GetTrailStatus")[0].RequestHeaders["X-Amz-Target"]);
    }
}
