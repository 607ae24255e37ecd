using System;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.NotificationTopic
{
    /// <summary>
    /// The other monitor's topic, looked up when this monitor's own does not exist (one RootGuard topic per region): its
    /// subscribers are read while its tags are, not after them. Proved with a held call, not a timing.
    /// </summary>
    [Collection("moto")]
    public sealed class SharedTopicReadTests : IDisposable
    {
        private readonly MotoServerFixture moto;
        private readonly RecordingHandler handler = new();

        public SharedTopicReadTests(MotoServerFixture moto)
        {
            this.moto = moto;
            moto.Reset();
        }

        public void Dispose() => handler.Dispose();

        [Fact]
        public async Task The_other_monitors_topic_has_its_subscribers_read_while_its_tags_are_and_is_reused()
        {
            var sharedArn = moto.Seeder.RunBoto3Json("""
sns = client("sns")
arn = sns.create_topic(Name="RootGuard-RootSignIn", Tags=[{"Key": ARGS["key"], "Value": ARGS["value"]}])["TopicArn"]
sns.subscribe(TopicArn=arn, Protocol="email", Endpoint="security@example.com")
out(arn)
""", new { key = RootGuardTags.ManagedByKey, value = RootGuardTags.ManagedByValue }).GetString()!;
            // The tags' answer is held until the subscribers' read has started; read one after the other, it never does.
            var gate = new CallGate(TimeSpan.FromSeconds(20), hold: r => r.Action == "ListTagsForResource", until: r => r.Action == "ListSubscriptionsByTopic");
            var options = new AwsClientFactoryOptions { HttpHandlerFactory = () => new CallGateHandler(gate, handler.CreateFactory()()) };
            using var clients = new AwsClientFactory(TestClients.Connection(MotoServerFixture.Region, moto.Endpoint), options);
            var request = new NotificationTopicRequest(MotoServerFixture.Region, MotoServerFixture.AccountId, RootGuardTags.UsageAlarmComponent,
                "cloudwatch.amazonaws.com", "RootGuardUsageAlarmTest", $"arn:aws:cloudwatch:{MotoServerFixture.Region}:{MotoServerFixture.AccountId}:alarm:Test")
            {
                TopicName = "RootGuard-RootAccountUsage",
                SharedTopic = ("RootGuard-RootSignIn", "made by New-RootSignInAlert"),
                EmailAddresses = new[] { "security@example.com" },
            };

            var plan = await new NotificationTopicPlanner(clients.CreateSns()).PlanAsync(request, CancellationToken.None);

            Assert.True(gate.OpenedByRelease, "The topic's tags were answered only after giving up: its subscribers were read after them.");
            Assert.Equal(sharedArn, plan.TopicArn);
            Assert.Contains(plan.Warnings, w => w.Contains("reused", StringComparison.Ordinal));
            // The address is already subscribed: nothing to add, and each read made once.
            Assert.All(plan.SubscriptionChanges, c => Assert.False(c.IsMutating));
            Assert.Single(handler.CallsTo("sns", "ListSubscriptionsByTopic"));
            Assert.Single(handler.CallsTo("sns", "ListTagsForResource"));
        }
    }
}
