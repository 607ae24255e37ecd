using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Sns;
using RootGuard.Core.Aws.Sns.Model;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

[Collection("moto")]
public sealed class SnsClientTests : IDisposable
{
    private readonly RecordingHandler handler = new();
    private readonly AwsClientFactory factory;
    private readonly ISnsClient sns;

    public SnsClientTests(MotoServerFixture moto)
    {
        moto.Reset();
        factory = TestClients.ForMoto(moto, handler);
        sns = factory.CreateSns();
    }

    public void Dispose()
    {
        factory.Dispose();
        handler.Dispose();
    }

    [Fact]
    public async Task A_topic_with_attributes_tags_and_a_subscription_round_trips_and_is_deleted()
    {
        var created = await sns.CreateTopicAsync(new CreateTopicRequest
        {
            Name = "root-alerts",
            Attributes = { ["DisplayName"] = "Root alerts" },
            Tags = { new Tag { Key = "ManagedBy", Value = "RootGuard" } },
        });
        Assert.Equal("arn:aws:sns:us-east-1:123456789012:root-alerts", created.TopicArn);

        await sns.SetTopicAttributesAsync(new SetTopicAttributesRequest { TopicArn = created.TopicArn, AttributeName = "DisplayName", AttributeValue = "Root!" });
        var attributes = await sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = created.TopicArn });
        Assert.Equal("Root!", attributes.Attributes["DisplayName"]);
        Assert.Equal(created.TopicArn, attributes.Attributes["TopicArn"]);

        var subscribed = await sns.SubscribeAsync(new SubscribeRequest
        {
            TopicArn = created.TopicArn, Protocol = "email", Endpoint = "security@example.com", ReturnSubscriptionArn = true,
        });
        Assert.StartsWith(created.TopicArn, subscribed.SubscriptionArn);

        var subscriptions = await sns.ListSubscriptionsByTopicAsync(new ListSubscriptionsByTopicRequest { TopicArn = created.TopicArn });
        var subscription = Assert.Single(subscriptions.Subscriptions);
        Assert.Equal("email", subscription.Protocol);
        Assert.Equal("security@example.com", subscription.Endpoint);

        await sns.TagResourceAsync(new TagResourceRequest { ResourceArn = created.TopicArn, Tags = { new Tag { Key = "Component", Value = "SignInAlert" } } });
        var tags = await sns.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = created.TopicArn });
        Assert.Contains(tags.Tags, t => t.Key == "ManagedBy" && t.Value == "RootGuard");
        Assert.Contains(tags.Tags, t => t.Key == "Component");

        var published = await sns.PublishAsync(new PublishRequest { TopicArn = created.TopicArn, Subject = "Test", Message = "Hello" });
        Assert.False(string.IsNullOrEmpty(published.MessageId));

        await sns.DeleteTopicAsync(new DeleteTopicRequest { TopicArn = created.TopicArn });
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = created.TopicArn }));
        Assert.Equal("NotFound", missing.ErrorCode);
        Assert.Equal(AwsErrorKind.NotFound, missing.Kind);
    }

    [Fact]
    public async Task Lists_and_maps_are_sent_as_member_and_entry_parameters()
    {
        await sns.CreateTopicAsync(new CreateTopicRequest
        {
            Name = "t",
            Attributes = { ["DisplayName"] = "d" },
            Tags = { new Tag { Key = "k1", Value = "v1" }, new Tag { Key = "k2", Value = "v2" } },
        });

        var form = Assert.Single(handler.CallsTo("sns", "CreateTopic")).FormParameters;
        Assert.Equal("CreateTopic", form["Action"]);
        Assert.Equal("2010-03-31", form["Version"]);
        Assert.Equal("DisplayName", form["Attributes.entry.1.key"]);
        Assert.Equal("d", form["Attributes.entry.1.value"]);
        Assert.Equal("k2", form["Tags.member.2.Key"]);
        Assert.Equal("v2", form["Tags.member.2.Value"]);
    }

    [Fact]
    public async Task ListTopicsAll_follows_NextToken_to_the_last_page()
    {
        // moto pages ListTopics by 100.
        for (var i = 0; i < 105; i++)
        {
            await sns.CreateTopicAsync(new CreateTopicRequest { Name = "topic-" + i });
        }

        var all = await sns.ListTopicsAllAsync();

        Assert.Equal(105, all.Select(t => t.TopicArn).Distinct().Count());
        Assert.Equal(2, handler.CallsTo("sns", "ListTopics").Count);
    }
}
