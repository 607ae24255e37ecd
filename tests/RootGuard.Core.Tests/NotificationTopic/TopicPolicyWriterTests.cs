using System;
using System.Linq;
using System.Threading;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Tests.SignInAlert;
using Xunit;

namespace RootGuard.Core.Tests.NotificationTopic
{
    /// <summary>
    /// The topic policy edit that must stick although SetTopicAttributes replaces the whole policy: another writer
    /// (simulated right after RootGuard's write) erases RootGuard's statement, and RootGuard notices and re-applies it.
    /// </summary>
    public sealed class TopicPolicyWriterTests
    {
        private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:team";
        private static readonly TopicPolicyWriteRetry Quick = new() { SettleDelay = TimeSpan.FromMilliseconds(1), MaxSettleDelay = TimeSpan.FromMilliseconds(5) };

        private static readonly System.Text.Json.Nodes.JsonObject Ours =
            TopicPolicyDocument.ServicePublishStatement("RootGuardUsageAlarmX", "cloudwatch.amazonaws.com", TopicArn, "arn:aws:cloudwatch:us-east-1:123456789012:alarm:X");

        private static readonly System.Text.Json.Nodes.JsonObject Theirs =
            TopicPolicyDocument.ServicePublishStatement("TeamStatement", "events.amazonaws.com", TopicArn, "arn:aws:events:us-east-1:123456789012:rule/team");

        private static string Policy(params System.Text.Json.Nodes.JsonObject[] statements) =>
            statements.Aggregate(TopicPolicyDocument.Parse(null), (p, s) => p.WithStatement(s)).ToJson();

        private static TopicPolicyDocument PolicyOf(FakeSns sns) => TopicPolicyDocument.Parse(sns.Topics[TopicArn].Attributes["Policy"]);

        [Fact]
        public void A_statement_erased_by_another_writer_after_the_write_is_applied_again_on_the_fresh_policy()
        {
            var sns = new FakeSns();
            sns.Add(TopicArn, Policy());
            var clobbers = 2;
            // The other writer read the policy before RootGuard's write and writes back its own version: RootGuard's statement is gone, theirs is new.
            sns.AfterSetTopicAttributes = topic =>
            {
                if (clobbers-- > 0) topic.Attributes["Policy"] = Policy(Theirs);
            };

            new TopicPolicyWriter(sns, Quick).EnsureStatementAsync(TopicArn, Ours, CancellationToken.None).GetAwaiter().GetResult();

            Assert.True(PolicyOf(sns).HasEqualStatement(Ours));
            Assert.True(PolicyOf(sns).HasEqualStatement(Theirs));
            Assert.Equal(3, sns.Calls.Count(c => c == "SetTopicAttributes:Policy"));
        }

        [Fact]
        public void A_statement_that_never_sticks_is_a_conflict_error_not_a_success()
        {
            var sns = new FakeSns();
            sns.Add(TopicArn, Policy(Theirs));
            sns.AfterSetTopicAttributes = topic => topic.Attributes["Policy"] = Policy(Theirs);

            var e = Assert.Throws<RootGuardException>(() =>
                new TopicPolicyWriter(sns, Quick).EnsureStatementAsync(TopicArn, Ours, CancellationToken.None).GetAwaiter().GetResult());

            Assert.Equal(ErrorIds.TopicPolicyConflict, e.ErrorId);
            Assert.Equal(FailureKind.ResourceUnavailable, e.Kind);
            Assert.Contains(TopicArn, e.Message);
            Assert.Contains("RootGuardUsageAlarmX", e.Message);
            Assert.NotNull(e.RecommendedAction);
            Assert.Equal(Quick.MaxWrites, sns.Calls.Count(c => c == "SetTopicAttributes:Policy"));
        }

        [Fact]
        public void A_statement_already_in_place_costs_one_read_and_no_write()
        {
            var sns = new FakeSns();
            sns.Add(TopicArn, Policy(Theirs, Ours));

            new TopicPolicyWriter(sns, Quick).EnsureStatementAsync(TopicArn, Ours, CancellationToken.None).GetAwaiter().GetResult();

            Assert.Empty(sns.Calls);
        }

        [Fact]
        public void Undo_removes_only_RootGuards_statement_and_keeps_one_another_writer_added_since()
        {
            var sns = new FakeSns();
            sns.Add(TopicArn, Policy(Ours));
            var writer = new TopicPolicyWriter(sns, Quick);
            // Someone added their statement after RootGuard's step: putting the whole old policy back would erase it.
            sns.Topics[TopicArn].Attributes["Policy"] = Policy(Ours, Theirs);

            writer.RestoreStatementAsync(TopicArn, "RootGuardUsageAlarmX", previous: null, CancellationToken.None).GetAwaiter().GetResult();

            Assert.False(PolicyOf(sns).HasStatement("RootGuardUsageAlarmX"));
            Assert.True(PolicyOf(sns).HasEqualStatement(Theirs));
        }

        [Fact]
        public void The_wait_before_a_read_back_doubles_is_capped_and_is_random()
        {
            var retry = new TopicPolicyWriteRetry { SettleDelay = TimeSpan.FromMilliseconds(100), MaxSettleDelay = TimeSpan.FromMilliseconds(300) };
            var random = new Random(7);
            var slowWrite = TimeSpan.FromSeconds(1);

            var first = Enumerable.Range(0, 50).Select(_ => retry.SettleBefore(1, random, slowWrite).TotalMilliseconds).ToList();
            var third = Enumerable.Range(0, 50).Select(_ => retry.SettleBefore(3, random, slowWrite).TotalMilliseconds).ToList();

            Assert.All(first, d => Assert.InRange(d, 50, 100));
            Assert.All(third, d => Assert.InRange(d, 150, 300));
            Assert.True(first.Distinct().Count() > 1);
        }

        [Theory]
        [InlineData(2, 25, 12.5, 25)]     // a service that answers at once: the floor, never no wait at all
        [InlineData(20, 25, 40, 80)]      // four round trips of the write
        [InlineData(200, 25, 125, 250)]   // a slow service: at most SettleDelay
        public void The_first_wait_is_a_few_round_trips_of_the_write_between_the_floor_and_the_ceiling(double writeMs, double floorMs, double min, double max)
        {
            var retry = new TopicPolicyWriteRetry { MinSettleDelay = TimeSpan.FromMilliseconds(floorMs) };
            var random = new Random(11);

            var waits = Enumerable.Range(0, 50).Select(_ => retry.SettleBefore(1, random, TimeSpan.FromMilliseconds(writeMs)).TotalMilliseconds).ToList();

            Assert.All(waits, d => Assert.InRange(d, min, max));
        }
    }
}
