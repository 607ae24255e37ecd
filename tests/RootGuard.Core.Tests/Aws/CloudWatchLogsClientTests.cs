using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudWatchLogs;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

[Collection("moto")]
public sealed class CloudWatchLogsClientTests : IDisposable
{
    private const string RootUsage = "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }";
    private readonly MotoServerFixture moto;
    private readonly RecordingHandler handler = new();
    private readonly AwsClientFactory factory;
    private readonly ICloudWatchLogsClient logs;

    public CloudWatchLogsClientTests(MotoServerFixture moto)
    {
        this.moto = moto;
        moto.Reset();
        factory = TestClients.ForMoto(moto, handler);
        logs = factory.CreateCloudWatchLogs();
    }

    public void Dispose()
    {
        factory.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task A_metric_filter_round_trips_and_is_deleted()
    {
        moto.Seeder.RunBoto3("""client("logs").create_log_group(logGroupName="trail-logs")""");

        await logs.PutMetricFilterAsync(new PutMetricFilterRequest
        {
            LogGroupName = "trail-logs",
            FilterName = "RootAccountUsage",
            FilterPattern = RootUsage,
            MetricTransformations = { new MetricTransformation { MetricName = "RootAccountUsageCount", MetricNamespace = "CISBenchmark", MetricValue = "1" } },
        });

        var filters = await logs.DescribeMetricFiltersAsync(new DescribeMetricFiltersRequest { LogGroupName = "trail-logs" });
        var filter = Assert.Single(filters.MetricFilters);
        Assert.Equal("RootAccountUsage", filter.FilterName);
        Assert.Equal(RootUsage, filter.FilterPattern);
        Assert.Equal("RootAccountUsageCount", Assert.Single(filter.MetricTransformations).MetricName);

        await logs.DeleteMetricFilterAsync(new DeleteMetricFilterRequest { LogGroupName = "trail-logs", FilterName = "RootAccountUsage" });
        Assert.Empty((await logs.DescribeMetricFiltersAsync(new DescribeMetricFiltersRequest { LogGroupName = "trail-logs" })).MetricFilters);
    }

    [Fact]
    public async Task A_filter_on_a_missing_group_is_ResourceNotFound()
    {
        // moto accepts filters on groups that do not exist; AWS answers this.
        handler.Stub("logs", "PutMetricFilter", StubResponse.Error("ResourceNotFoundException", System.Net.HttpStatusCode.BadRequest, "The specified log group does not exist."));

        var error = await Assert.ThrowsAsync<ResourceNotFoundException>(() => logs.PutMetricFilterAsync(new PutMetricFilterRequest
        {
            LogGroupName = "missing",
            FilterName = "f",
            FilterPattern = "x",
            MetricTransformations = { new MetricTransformation { MetricName = "m", MetricNamespace = "n", MetricValue = "1" } },
        }));

        Assert.Equal("ResourceNotFoundException", error.ErrorCode);
        Assert.Equal("CloudWatch Logs", error.ServiceId);
    }

    [Fact]
    public async Task DescribeLogGroupsAll_follows_nextToken_to_the_last_page()
    {
        moto.Seeder.RunBoto3("""
            logs = client("logs")
            for i in range(5):
                logs.create_log_group(logGroupName=f"group-{i}")
            """);

        var all = await logs.DescribeLogGroupsAllAsync(new DescribeLogGroupsRequest { Limit = 2 });

        Assert.Equal(Enumerable.Range(0, 5).Select(i => "group-" + i), all.Select(g => g.LogGroupName).OrderBy(n => n));
        Assert.Equal(3, handler.CallsTo("logs", "DescribeLogGroups").Count);
        Assert.Contains("\"limit\":2", handler.CallsTo("logs", "DescribeLogGroups")[0].RequestBody);
    }
}
