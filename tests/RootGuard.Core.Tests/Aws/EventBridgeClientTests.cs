using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.EventBridge;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

[Collection("moto")]
public sealed class EventBridgeClientTests : IDisposable
{
    private const string Pattern = "{\"detail-type\":[\"AWS Console Sign In via CloudTrail\"],\"detail\":{\"userIdentity\":{\"type\":[\"Root\"]}}}";
    private readonly RecordingHandler handler = new();
    private readonly AwsClientFactory factory;
    private readonly IEventBridgeClient events;

    public EventBridgeClientTests(MotoServerFixture moto)
    {
        moto.Reset();
        factory = TestClients.ForMoto(moto, handler);
        events = factory.CreateEventBridge();
    }

    public void Dispose()
    {
        factory.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task A_rule_with_targets_and_tags_round_trips_and_is_deleted()
    {
        var put = await events.PutRuleAsync(new PutRuleRequest
        {
            Name = "rootguard-signin",
            EventPattern = Pattern,
            State = "ENABLED",
            Description = "Root sign-in",
            Tags = { new Tag { Key = "ManagedBy", Value = "RootGuard" } },
        });
        Assert.EndsWith(":rule/rootguard-signin", put.RuleArn);
        Assert.False(string.IsNullOrEmpty(put.ResponseMetadata.RequestId));

        var described = await events.DescribeRuleAsync(new DescribeRuleRequest { Name = "rootguard-signin" });
        Assert.Equal("ENABLED", described.State);
        Assert.Equal("Root sign-in", described.Description);
        Assert.Contains("Root", described.EventPattern);

        var targets = await events.PutTargetsAsync(new PutTargetsRequest
        {
            Rule = "rootguard-signin",
            Targets = { new Target { Id = "sns", Arn = "arn:aws:sns:us-east-1:123456789012:root-alerts", Input = "{\"a\":1}" } },
        });
        Assert.Equal(0, targets.FailedEntryCount);

        var listed = await events.ListTargetsByRuleAsync(new ListTargetsByRuleRequest { Rule = "rootguard-signin" });
        var target = Assert.Single(listed.Targets);
        Assert.Equal("sns", target.Id);
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:root-alerts", target.Arn);

        await events.TagResourceAsync(new TagResourceRequest { ResourceARN = put.RuleArn, Tags = { new Tag { Key = "Component", Value = "SignInAlert" } } });
        var tags = await events.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceARN = put.RuleArn });
        Assert.Contains(tags.Tags, t => t.Key == "ManagedBy" && t.Value == "RootGuard");
        Assert.Contains(tags.Tags, t => t.Key == "Component" && t.Value == "SignInAlert");

        var removed = await events.RemoveTargetsAsync(new RemoveTargetsRequest { Rule = "rootguard-signin", Ids = { "sns" } });
        Assert.Equal(0, removed.FailedEntryCount);
        await events.DeleteRuleAsync(new DeleteRuleRequest { Name = "rootguard-signin" });

        var missing = await Assert.ThrowsAsync<ResourceNotFoundException>(() => events.DescribeRuleAsync(new DescribeRuleRequest { Name = "rootguard-signin" }));
        Assert.Equal("ResourceNotFoundException", missing.ErrorCode);
        Assert.Equal(AwsErrorKind.NotFound, missing.Kind);
        Assert.Equal("EventBridge", missing.ServiceId);
    }

    [Fact]
    public async Task ListRulesAll_follows_NextToken_to_the_last_page()
    {
        for (var i = 0; i < 5; i++)
        {
            await events.PutRuleAsync(new PutRuleRequest { Name = $"rule-{i}", ScheduleExpression = "rate(5 minutes)" });
        }

        var all = await events.ListRulesAllAsync(new ListRulesRequest { Limit = 2 });

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"rule-{i}"), all.Select(r => r.Name).OrderBy(n => n));
        Assert.Equal(3, handler.CallsTo("events", "ListRules").Count);
    }

    [Fact]
    public async Task TestEventPattern_reads_EventBridges_Result_and_moto_leaves_it_out()
    {
        var request = new TestEventPatternRequest { EventPattern = Pattern, Event = RootGuard.Core.MonitorDefinitions.RootMonitorSamples.RootSignInFailure.Json };

        // moto 5.2.1 answers 200 with no body (MOTO-NOTES.md): no Result, which callers must not read as a match.
        Assert.Null((await events.TestEventPatternAsync(request)).Result);

        handler.Stub("events", "TestEventPattern", StubResponse.Json("{\"Result\":true}"));
        Assert.True((await events.TestEventPatternAsync(request)).Result);
        handler.Stub("events", "TestEventPattern", StubResponse.Json("{\"Result\":false}"));
        Assert.False((await events.TestEventPatternAsync(request)).Result);
        Assert.All(handler.CallsTo("events", "TestEventPattern"), c => Assert.Empty(ServiceModelContract.Check(c)));
    }

    [Fact]
    public async Task Requests_carry_the_awsJson_target_and_a_SigV4_scope_for_events()
    {
        await events.ListRulesAsync(new ListRulesRequest());

        var call = Assert.Single(handler.CallsTo("events", "ListRules"));
        Assert.Equal("AWSEvents.ListRules", call.RequestHeaders["X-Amz-Target"]);
        Assert.StartsWith("application/x-amz-json-1.1", call.RequestHeaders["Content-Type"]);
        Assert.Contains("/us-east-1/events/aws4_request", call.Authorization);
    }
}
