using System;
using System.Collections.Generic;
using System.Linq;
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
    public async Task LookupEventsAll_reads_every_page_moto_lacks_the_operation()
    {
        handler.Stub("cloudtrail", "LookupEvents", call =>
        {
            var second = call.RequestBody.Contains("\"NextToken\":\"page-2\"");
            var id = second ? "e2" : "e1";
            var next = second ? "" : ",\"NextToken\":\"page-2\"";
            return StubResponse.Json("{\"Events\":[{\"EventId\":\"" + id + "\",\"EventName\":\"ConsoleLogin\",\"EventTime\":1700000000.5," +
                                     "\"Username\":\"root\",\"CloudTrailEvent\":\"{}\",\"Resources\":[{\"ResourceType\":\"AWS::IAM::User\",\"ResourceName\":\"root\"}]}]" + next + "}");
        });

        var events = await cloudTrail.LookupEventsAllAsync(new LookupEventsRequest
        {
            LookupAttributes = { new LookupAttribute { AttributeKey = "EventName", AttributeValue = "ConsoleLogin" } },
            StartTime = new DateTime(2023, 11, 1, 0, 0, 0, DateTimeKind.Utc),
        });

        Assert.Equal(new[] { "e1", "e2" }, events.Select(e => e.EventId));
        Assert.Equal(new DateTime(2023, 11, 14, 22, 13, 20, 500, DateTimeKind.Utc), events[0].EventTime);
        Assert.Equal("root", Assert.Single(events[0].Resources).ResourceName);
        var first = handler.CallsTo("cloudtrail", "LookupEvents")[0];
        Assert.Contains("\"StartTime\":1698796800", first.RequestBody);
        Assert.Contains("\"AttributeKey\":\"EventName\"", first.RequestBody);
        Assert.Equal("com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents", first.RequestHeaders["X-Amz-Target"]);
    }
}
