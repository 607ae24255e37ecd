using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment;
using RootGuard.Core.Aws;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Assessment;

/// <summary>
/// The order in which the assessment starts its reads: each read as soon as the reads it depends on have returned, not
/// when a whole wave has, and each topic once. Proved with held calls, not timings: a call is held until the read that
/// must not wait for it has started; under wave scheduling that read never comes, and the hold gives up (the test fails).
/// </summary>
[Collection("moto")]
public sealed class EvidenceSchedulingTests : IDisposable
{
    private static readonly TimeSpan GiveUp = TimeSpan.FromSeconds(20);
    private readonly MotoServerFixture moto;
    private readonly RecordingHandler handler = new();
    private string topicArn = string.Empty;

    public EvidenceSchedulingTests(MotoServerFixture moto)
    {
        this.moto = moto;
        moto.Reset();
    }

    public void Dispose() => handler.Dispose();

    /// <summary>Both monitors in place, notifying one topic; the root facts moto cannot give are stubbed.</summary>
    private void SeedSharedTopic(bool secondRule = false)
    {
        var seeder = moto.Seeder;
        seeder.CreateTrailWithLogs();
        topicArn = seeder.CreateTopicWithSubscriptions("RootGuard-Shared", ("email", "security@example.com"));
        seeder.PutMetricFilter("rootguard-cloudtrail", "RootAccountUsage", RootMonitorDefinitions.CisRootUsageFilterPattern,
            "RootAccountUsageCount", "CloudTrailMetrics");
        seeder.PutAlarm("RootGuard-RootAccountUsage", "RootAccountUsageCount", "CloudTrailMetrics", topicArn);
        seeder.RunBoto3("""
client("sns").set_topic_attributes(TopicArn=ARGS["topic"], AttributeName="Policy", AttributeValue=json.dumps({"Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": s}, "Action": "sns:Publish", "Resource": ARGS["topic"]}
                  for s in ("events.amazonaws.com", "cloudwatch.amazonaws.com")]}))
""", new { topic = topicArn });
        seeder.PutRuleWithTarget("RootGuard-RootSignIn", RootMonitorDefinitions.BuildSignInEventPattern(), topicArn);
        if (secondRule)
        {
            var other = seeder.CreateTopic("RootGuard-Other");
            seeder.PutRuleWithTarget("RootGuard-RootSignIn-2", RootMonitorDefinitions.BuildSignInEventPattern(), other);
        }
    }

    private async Task<AssessmentReport> AssessAsync(CallGate gate, params string[] checkIds)
    {
        var options = new AwsClientFactoryOptions { HttpHandlerFactory = () => new CallGateHandler(gate, handler.CreateFactory()()) };
        using var clients = new AwsClientFactory(TestClients.Connection(MotoServerFixture.Region, moto.Endpoint), options);
        var checks = AssessmentCatalog.Select(checkIds, null);
        return await new RootAccountAssessment(clients).RunAsync(checks, AssessmentCatalog.DefaultUsageWindowDays, CancellationToken.None);
    }

    [Fact]
    public async Task An_alarm_topic_is_read_while_the_trail_status_read_is_still_in_flight()
    {
        SeedSharedTopic();
        // GetTrailStatus and the topic read both follow DescribeTrails, and neither needs the other.
        var gate = new CallGate(GiveUp, hold: r => r.Target.EndsWith(".GetTrailStatus", StringComparison.Ordinal), until: r => r.Action == "GetTopicAttributes");

        // RG.ROOT.6 alone: the sign-in chain would read the same topic and open the gate by another way.
        var report = await AssessAsync(gate, "RG.ROOT.6");

        Assert.True(gate.OpenedByRelease, "GetTrailStatus was answered only after giving up waiting for the topic read: the topic waited for it.");
        Assert.All(report.Results, r => Assert.NotEqual("Error", r.Status.ToString()));
    }

    [Theory]
    [InlineData("ListAlarmMuteRules", "GetTopicAttributes")]
    [InlineData("GetTopicAttributes", "ListAlarmMuteRules")]
    public async Task The_alarms_mute_rules_and_its_topic_are_read_side_by_side(string held, string awaited)
    {
        SeedSharedTopic();
        // Both follow the alarms and the filters, and neither needs the other: one after the other would add a link to the chain.
        var gate = new CallGate(GiveUp, hold: r => r.Action == held, until: r => r.Action == awaited);

        var report = await AssessAsync(gate, "RG.ROOT.6");

        Assert.True(gate.OpenedByRelease, $"{held} was answered only after giving up waiting for {awaited}: one waited for the other.");
        Assert.Equal("Pass", report.Results.Single().Status.ToString());
        Assert.Contains("AlarmName=RootGuard-RootAccountUsage", handler.CallsTo("monitoring", "ListAlarmMuteRules").Single().RequestBody);
    }

    [Fact]
    public async Task A_rules_topic_is_read_while_another_rules_targets_are_still_in_flight()
    {
        SeedSharedTopic(secondRule: true);
        // Hold the second rule's ListTargetsByRule until the first rule's topic is being read.
        var gate = new CallGate(GiveUp, hold: r => r.Target == "AWSEvents.ListTargetsByRule" && r.Body.Contains("RootGuard-RootSignIn-2"),
            until: r => r.Action == "GetTopicAttributes" && r.Body.Contains("RootGuard-Shared"));

        await AssessAsync(gate, "RG.ROOT.5");

        Assert.True(gate.OpenedByRelease, "The second rule's targets were answered only after giving up: the first rule's topic waited for them.");
    }

    [Fact]
    public async Task The_sign_in_alerts_trails_are_read_while_the_rules_are_still_in_flight()
    {
        SeedSharedTopic();
        // Neither needs the other: reading the trails after the rules would add a link to the sign-in chain.
        var gate = new CallGate(GiveUp, hold: r => r.Target == "AWSEvents.ListRules", until: r => r.Target.EndsWith(".DescribeTrails", StringComparison.Ordinal));

        var report = await AssessAsync(gate, "RG.ROOT.5");

        Assert.True(gate.OpenedByRelease, "ListRules was answered only after giving up waiting for DescribeTrails: the trails waited for the rules.");
        Assert.Equal("Pass", report.Results.Single().Status.ToString());
    }

    [Fact]
    public async Task A_topic_both_monitors_notify_is_read_once_per_assessment()
    {
        SeedSharedTopic();

        var report = await AssessAsync(new CallGate(GiveUp, _ => false, _ => false), "RG.ROOT.5", "RG.ROOT.6");

        Assert.Single(handler.CallsTo("sns", "GetTopicAttributes"));
        Assert.Single(handler.CallsTo("sns", "ListSubscriptionsByTopic"));
        // And the trails: both monitors judge the same DescribeTrails, GetTrailStatus and GetEventSelectors answers.
        Assert.Single(handler.CallsTo("cloudtrail", "DescribeTrails"));
        Assert.Single(handler.CallsTo("cloudtrail", "GetTrailStatus"));
        Assert.Single(handler.CallsTo("cloudtrail", "GetEventSelectors"));
        Assert.Contains(topicArn, handler.CallsTo("sns", "GetTopicAttributes").Single().RequestBody.Replace("%3A", ":"));
        // Both checks still judged the topic: each found its rule or alarm notifying a topic with a subscriber.
        Assert.Equal(new[] { "RG.ROOT.5", "RG.ROOT.6" }, report.Results.Select(r => r.CheckId).OrderBy(id => id));
        Assert.All(report.Results, r => Assert.Equal("Pass", r.Status.ToString()));
    }
}
