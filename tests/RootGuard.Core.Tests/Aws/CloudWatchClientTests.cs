using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudWatch;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

[Collection("moto")]
public sealed class CloudWatchClientTests : IDisposable
{
    private readonly RecordingHandler handler = new();
    private readonly AwsClientFactory factory;
    private readonly ICloudWatchClient cloudWatch;

    public CloudWatchClientTests(MotoServerFixture moto)
    {
        moto.Reset();
        factory = TestClients.ForMoto(moto, handler);
        cloudWatch = factory.CreateCloudWatch();
    }

    public void Dispose()
    {
        factory.Dispose();
        handler.Dispose();
    }

    private static PutMetricAlarmRequest Alarm(string name) => new()
    {
        AlarmName = name,
        AlarmDescription = "Root account usage",
        MetricName = "RootAccountUsageCount",
        Namespace = "CISBenchmark",
        Statistic = "Sum",
        Period = 300,
        EvaluationPeriods = 1,
        Threshold = 1,
        ComparisonOperator = "GreaterThanOrEqualToThreshold",
        TreatMissingData = "notBreaching",
        AlarmActions = { "arn:aws:sns:us-east-1:123456789012:root-alerts" },
        Tags = { new Tag { Key = "ManagedBy", Value = "RootGuard" } },
    };

    [Fact]
    public async Task An_alarm_round_trips_changes_state_and_is_deleted()
    {
        await cloudWatch.PutMetricAlarmAsync(Alarm("root-usage"));

        var described = await cloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = { "root-usage" } });
        var alarm = Assert.Single(described.MetricAlarms);
        Assert.Equal("RootAccountUsageCount", alarm.MetricName);
        Assert.Equal(1d, alarm.Threshold);
        Assert.Equal(300, alarm.Period);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:root-alerts", Assert.Single(alarm.AlarmActions));
        Assert.NotNull(alarm.AlarmArn);

        var forMetric = await cloudWatch.DescribeAlarmsForMetricAsync(new DescribeAlarmsForMetricRequest { MetricName = "RootAccountUsageCount", Namespace = "CISBenchmark" });
        Assert.Equal("root-usage", Assert.Single(forMetric.MetricAlarms).AlarmName);

        await cloudWatch.SetAlarmStateAsync(new SetAlarmStateRequest { AlarmName = "root-usage", StateValue = "ALARM", StateReason = "test" });
        var afterState = await cloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = { "root-usage" } });
        Assert.Equal("ALARM", Assert.Single(afterState.MetricAlarms).StateValue);

        var tags = await cloudWatch.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceARN = alarm.AlarmArn });
        Assert.Contains(tags.Tags, t => t.Key == "ManagedBy" && t.Value == "RootGuard");

        await cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = { "root-usage" } });
        var gone = await cloudWatch.DescribeAlarmsAsync(new DescribeAlarmsRequest { AlarmNames = { "root-usage" } });
        Assert.Empty(gone.MetricAlarms);
    }

    [Fact]
    public async Task DescribeAlarmsAll_follows_NextToken_and_merges_the_pages()
    {
        // moto ignores MaxRecords, so the pages come from a stub in CloudWatch's wire shape.
        handler.Stub("monitoring", "DescribeAlarms", call =>
        {
            var token = call.FormParameters.TryGetValue("NextToken", out var t) ? t : null;
            var (alarm, next) = token switch
            {
                null => ("a1", "<NextToken>p2</NextToken>"),
                "p2" => ("a2", "<NextToken>p3</NextToken>"),
                _ => ("a3", ""),
            };
            return StubResponse.QueryResult("monitoring", "DescribeAlarms",
                $"<MetricAlarms><member><AlarmName>{alarm}</AlarmName><Threshold>1.0</Threshold></member></MetricAlarms>" +
                $"<CompositeAlarms><member><AlarmName>c-{alarm}</AlarmName></member></CompositeAlarms>{next}");
        });

        var all = await cloudWatch.DescribeAlarmsAllAsync(new DescribeAlarmsRequest { MaxRecords = 1 });

        Assert.Equal(new[] { "a1", "a2", "a3" }, all.MetricAlarms.Select(a => a.AlarmName));
        Assert.Equal(new[] { "c-a1", "c-a2", "c-a3" }, all.CompositeAlarms.Select(a => a.AlarmName));
        Assert.Equal(3, handler.CallsTo("monitoring", "DescribeAlarms").Count);
    }
}
