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

        [Fact]
        public async Task The_own_topic_and_the_other_monitors_are_asked_for_at_once()
        {
            var sharedArn = moto.Seeder.RunBoto3Json("""
sns = client("sns")
out(sns.create_topic(Name="RootGuard-RootSignIn", Tags=[{"Key": ARGS["key"], "Value": ARGS["value"]}])["TopicArn"])
""", new { key = RootGuardTags.ManagedByKey, value = RootGuardTags.ManagedByValue }).GetString()!;
            // The own topic's (missing) answer is held until the other monitor's topic is asked for; asked one after the
            // other, that never happens.
            var gate = new CallGate(TimeSpan.FromSeconds(20),
                hold: r => r.Action == "GetTopicAttributes" && r.Body.Contains("RootGuard-RootAccountUsage", StringComparison.Ordinal),
                until: r => r.Action == "GetTopicAttributes" && r.Body.Contains("RootGuard-RootSignIn", StringComparison.Ordinal));
            var options = new AwsClientFactoryOptions { HttpHandlerFactory = () => new CallGateHandler(gate, handler.CreateFactory()()) };
            using var clients = new AwsClientFactory(TestClients.Connection(MotoServerFixture.Region, moto.Endpoint), options);

            var plan = await new NotificationTopicPlanner(clients.CreateSns()).PlanAsync(UsageTopicRequest(), CancellationToken.None);

            Assert.True(gate.OpenedByRelease, "The other monitor's topic was asked for only after this monitor's own topic had answered.");
            Assert.Equal(sharedArn, plan.TopicArn);
            Assert.Equal(2, handler.CallsTo("sns", "GetTopicAttributes").Count);
        }

        [Fact]
        public async Task An_existing_own_topic_is_kept_and_the_other_monitors_answer_is_not_used()
        {
            var arns = moto.Seeder.RunBoto3Json("""
sns = client("sns")
tags = [{"Key": ARGS["key"], "Value": ARGS["value"]}]
out([sns.create_topic(Name=name, Tags=tags)["TopicArn"] for name in ["RootGuard-RootAccountUsage", "RootGuard-RootSignIn"]])
""", new { key = RootGuardTags.ManagedByKey, value = RootGuardTags.ManagedByValue });
            using var clients = TestClients.ForMoto(moto, handler);

            var plan = await new NotificationTopicPlanner(clients.CreateSns()).PlanAsync(UsageTopicRequest(), CancellationToken.None);

            Assert.Equal(arns[0].GetString(), plan.TopicArn);
            Assert.DoesNotContain(plan.Warnings, w => w.Contains("reused", StringComparison.Ordinal));
            // Nothing of the other monitor's topic is read beyond the one question asked alongside.
            Assert.DoesNotContain(handler.Calls, c => c.Service == "sns" && c.Operation != "GetTopicAttributes" && c.RequestBody.Contains("RootGuard-RootSignIn", StringComparison.Ordinal));
            Assert.Equal(0, handler.InFlight);
        }

        private static NotificationTopicRequest UsageTopicRequest() =>
            new NotificationTopicRequest(MotoServerFixture.Region, MotoServerFixture.AccountId, RootGuardTags.UsageAlarmComponent,
                "cloudwatch.amazonaws.com", "RootGuardUsageAlarmTest", $"arn:aws:cloudwatch:{MotoServerFixture.Region}:{MotoServerFixture.AccountId}:alarm:Test")
            {
                TopicName = "RootGuard-RootAccountUsage",
                SharedTopic = ("RootGuard-RootSignIn", "made by New-RootSignInAlert"),
                EmailAddresses = new[] { "security@example.com" },
            };
    }
}
