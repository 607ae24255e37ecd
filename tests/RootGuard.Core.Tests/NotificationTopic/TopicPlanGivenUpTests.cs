using System;
using System.Linq;
using System.Net;
using System.Threading;
using RootGuard.Core.Aws;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.NotificationTopic
{
    /// <summary>
    /// A topic's plan given up part-way (a read failed, or the topic's policy cannot be read) leaves no read behind: the
    /// reads it started alongside are cancelled, and the planner's task ends only after they have. The monitors' planners
    /// run this plan among their own reads, so a read left running here would outlive New-RootSignInAlert or
    /// New-RootUsageAlarm. The read made moot is held for longer than a plan given up takes; cancelled, it is never
    /// answered. The failing call waits until that read is on its way (a <see cref="CallGate"/>), so the test does not rest on timing.
    /// </summary>
    [Collection("moto")]
    public sealed class TopicPlanGivenUpTests : IDisposable
    {
        private const string OwnTopic = "RootGuard-RootAccountUsage";
        private const string OtherTopic = "RootGuard-RootSignIn";
        private static readonly TimeSpan Held = TimeSpan.FromSeconds(30);

        private readonly MotoServerFixture moto;
        private readonly RecordingHandler handler = new();

        public TopicPlanGivenUpTests(MotoServerFixture moto)
        {
            this.moto = moto;
            moto.Reset();
        }

        public void Dispose() => handler.Dispose();

        [Theory]
        [InlineData("the topic's policy is not JSON while its subscribers are read")]
        [InlineData("the topic's tags are denied while its subscribers are read")]
        [InlineData("this monitor's topic is denied while the other monitor's is read")]
        [InlineData("the other monitor's topic's tags are denied while its subscribers are read")]
        public void A_plan_given_up_part_way_cancels_the_reads_still_running_and_waits_for_them(string situation)
        {
            var ownArn = Arn(OwnTopic);
            var otherArn = Arn(OtherTopic);
            Func<SeenRequest, bool> failing, heldRead;
            Func<RecordedCall, bool> held;
            string expected;
            switch (situation)
            {
                case "the topic's policy is not JSON while its subscribers are read":
                    CreateRootGuardTopic(OwnTopic);
                    // Answered in AWS's shape, since moto keeps only a policy that parses; RootGuard refuses to edit such a policy.
                    handler.Stub("sns", "GetTopicAttributes", StubResponse.QueryResult("sns", "GetTopicAttributes",
                        $"<Attributes><entry><key>TopicArn</key><value>{ownArn}</value></entry><entry><key>Policy</key><value>{{ not json</value></entry></Attributes>"));
                    // Its tags are answered once the subscribers' read is on its way; then the policy is parsed.
                    failing = r => r.Action == "ListTagsForResource";
                    heldRead = r => r.Action == "ListSubscriptionsByTopic";
                    held = c => c.Operation == "ListSubscriptionsByTopic";
                    expected = ErrorIds.UnreadableTopicPolicy;
                    break;
                case "the topic's tags are denied while its subscribers are read":
                    CreateRootGuardTopic(OwnTopic);
                    handler.On("sns", "ListTagsForResource").Fail("AuthorizationError", HttpStatusCode.Forbidden);
                    failing = r => r.Action == "ListTagsForResource";
                    heldRead = r => r.Action == "ListSubscriptionsByTopic";
                    held = c => c.Operation == "ListSubscriptionsByTopic";
                    expected = "sns:ListTagsForResource";
                    break;
                case "this monitor's topic is denied while the other monitor's is read":
                    handler.On("sns", "GetTopicAttributes").When(c => c.RequestBody.Contains(OwnTopic, StringComparison.Ordinal))
                        .Fail("AuthorizationError", HttpStatusCode.Forbidden);
                    failing = r => r.Action == "GetTopicAttributes" && r.Body.Contains(OwnTopic, StringComparison.Ordinal);
                    heldRead = r => r.Action == "GetTopicAttributes" && r.Body.Contains(OtherTopic, StringComparison.Ordinal);
                    held = c => c.Operation == "GetTopicAttributes" && c.RequestBody.Contains(OtherTopic, StringComparison.Ordinal);
                    expected = "sns:GetTopicAttributes";
                    break;
                default:
                    // This monitor's topic is missing, so the other monitor's is looked at for reuse.
                    CreateRootGuardTopic(OtherTopic);
                    handler.On("sns", "ListTagsForResource").Fail("AuthorizationError", HttpStatusCode.Forbidden);
                    failing = r => r.Action == "ListTagsForResource";
                    heldRead = r => r.Action == "ListSubscriptionsByTopic";
                    held = c => c.Operation == "ListSubscriptionsByTopic";
                    expected = "sns:ListTagsForResource";
                    break;
            }

            handler.On("sns", "*").When(held).Delay(Held);
            var gate = new CallGate(TimeSpan.FromSeconds(20), hold: failing, until: heldRead);
            // The SDK's own timeout is set beyond the hold, so the held read ends only by being cancelled or by being answered.
            var options = new AwsClientFactoryOptions { HttpHandlerFactory = () => new CallGateHandler(gate, handler.CreateFactory()()), Timeout = Held * 4 };
            using var clients = new AwsClientFactory(TestClients.Connection(MotoServerFixture.Region, moto.Endpoint), options);

            var failure = Record.Exception(() => new NotificationTopicPlanner(clients.CreateSns()).PlanAsync(Request(), CancellationToken.None).GetAwaiter().GetResult());

            // Checked before the clients are disposed, which would end any call still running.
            var inFlight = handler.InFlight;
            var seen = handler.Calls.Count;
            Thread.Sleep(300);
            Assert.True(gate.OpenedByRelease, "The read to be held never started alongside the failing one: " + string.Join(", ", handler.Calls));
            Assert.Equal(0, inFlight);
            Assert.Equal(seen, handler.Calls.Count);
            // Cancelled, not waited out: a held read that ran to its end would have been answered (and a cancelled one is not retried).
            Assert.Single(handler.Calls, c => held(c));
            Assert.Equal(CallOutcome.Pending, handler.Calls.Single(held).Outcome);
            // The failure reported is the one that gave the plan up, never the cancellation of the read it made moot.
            Assert.NotNull(failure);
            Assert.IsNotAssignableFrom<OperationCanceledException>(failure);
            var reported = Assert.IsType<RootGuardException>(failure);
            if (expected.StartsWith("sns:", StringComparison.Ordinal))
            {
                Assert.Equal(FailureKind.PermissionDenied, reported.Kind);
                Assert.Contains(expected, reported.RecommendedAction);
            }
            else
            {
                Assert.Equal(expected, reported.ErrorId);
            }

            Assert.Empty(handler.MutatingCalls);
        }

        private void CreateRootGuardTopic(string name) => moto.Seeder.RunBoto3("""
client("sns").create_topic(Name=ARGS["name"], Tags=[{"Key": ARGS["key"], "Value": ARGS["value"]}])
""", new { name, key = RootGuardTags.ManagedByKey, value = RootGuardTags.ManagedByValue });

        private static string Arn(string topicName) => $"arn:aws:sns:{MotoServerFixture.Region}:{MotoServerFixture.AccountId}:{topicName}";

        private static NotificationTopicRequest Request() =>
            new NotificationTopicRequest(MotoServerFixture.Region, MotoServerFixture.AccountId, RootGuardTags.UsageAlarmComponent,
                "cloudwatch.amazonaws.com", "RootGuardUsageAlarmTest", $"arn:aws:cloudwatch:{MotoServerFixture.Region}:{MotoServerFixture.AccountId}:alarm:Test")
            {
                TopicName = OwnTopic,
                SharedTopic = (OtherTopic, "made by New-RootSignInAlert"),
                EmailAddresses = new[] { "security@example.com" },
            };
    }
}
