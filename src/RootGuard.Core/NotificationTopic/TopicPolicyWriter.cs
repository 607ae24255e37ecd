using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws.Sns;
using RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// Edits RootGuard's statements in an SNS topic policy so that the edit sticks when others write the policy too.
    /// SetTopicAttributes replaces the whole document and has no conditional form, so two writers that each read the
    /// policy, add their statement and write it back can erase each other's statement. Every edit therefore reads the
    /// policy just before writing (never a copy from planning), writes, waits a few of its own round trips (randomised,
    /// see <see cref="TopicPolicyWriteRetry"/>) for other writers to land, and reads the policy back; when its statement was erased it applies it again on the fresh
    /// policy. After <see cref="TopicPolicyWriteRetry.MaxWrites"/> writes it fails with
    /// <see cref="ErrorIds.TopicPolicyConflict"/> instead of reporting success.
    /// </summary>
    public sealed class TopicPolicyWriter
    {
        [ThreadStatic] private static Random? random;

        private readonly ISnsClient sns;
        private readonly TopicPolicyWriteRetry retry;

        public TopicPolicyWriter(ISnsClient sns, TopicPolicyWriteRetry? retry = null)
        {
            this.sns = sns ?? throw new ArgumentNullException(nameof(sns));
            this.retry = retry ?? new TopicPolicyWriteRetry();
        }

        private static Random Random => random ??= new Random(Guid.NewGuid().GetHashCode());

        /// <summary>Adds the statement, or replaces the one with its Sid, keeping every other statement as the topic has it now.</summary>
        public Task EnsureStatementAsync(string topicArn, JsonObject statement, CancellationToken cancellationToken)
        {
            var sid = (string)statement["Sid"]!;
            return EditAsync(topicArn, policy => policy.WithStatement(statement), policy => policy.HasEqualStatement(statement),
                $"RootGuard's statement '{sid}'", cancellationToken);
        }

        /// <summary>Removes the statements with these Sids, keeping every other statement as the topic has it now.</summary>
        public Task RemoveStatementsAsync(string topicArn, IReadOnlyCollection<string> sids, CancellationToken cancellationToken) =>
            EditAsync(topicArn, policy => sids.Aggregate(policy, (p, sid) => p.WithoutStatement(sid)), policy => !sids.Any(policy.HasStatement),
                $"the removal of RootGuard's statement(s) {string.Join(", ", sids)}", cancellationToken);

        /// <summary>The undo of <see cref="EnsureStatementAsync"/>: puts the statement back as it was, or removes it when there was none.</summary>
        public Task RestoreStatementAsync(string topicArn, string sid, JsonObject? previous, CancellationToken cancellationToken) =>
            previous == null
                ? RemoveStatementsAsync(topicArn, new[] { sid }, cancellationToken)
                : EnsureStatementAsync(topicArn, previous, cancellationToken);

        private async Task EditAsync(string topicArn, Func<TopicPolicyDocument, TopicPolicyDocument> edit, Func<TopicPolicyDocument, bool> holds,
            string what, CancellationToken cancellationToken)
        {
            var policy = await ReadAsync(topicArn, cancellationToken).ConfigureAwait(false);
            if (holds(policy))
            {
                return;
            }

            for (var attempt = 1; attempt <= retry.MaxWrites; attempt++)
            {
                var write = Stopwatch.StartNew();
                await sns.SetTopicAttributesAsync(new SetTopicAttributesRequest
                {
                    TopicArn = topicArn,
                    AttributeName = "Policy",
                    AttributeValue = edit(policy).ToJson(),
                }, cancellationToken).ConfigureAwait(false);
                write.Stop();

                await Task.Delay(retry.SettleBefore(attempt, Random, write.Elapsed), cancellationToken).ConfigureAwait(false);
                policy = await ReadAsync(topicArn, cancellationToken).ConfigureAwait(false);
                if (holds(policy))
                {
                    return;
                }
            }

            throw new RootGuardException(ErrorIds.TopicPolicyConflict, FailureKind.ResourceUnavailable,
                $"Another writer kept replacing the access policy of topic '{topicArn}': {what} was undone again after {retry.MaxWrites} writes, so it cannot be relied on.",
                "Run the command again once the other change to the topic's policy has finished. If a tool rewrites the policy continuously (infrastructure as code, for example), add RootGuard's statement to that tool's policy instead.",
                topicArn);
        }

        /// <summary>The topic's policy as it is now.</summary>
        public async Task<TopicPolicyDocument> ReadAsync(string topicArn, CancellationToken cancellationToken)
        {
            var attributes = await sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = topicArn }, cancellationToken).ConfigureAwait(false);
            attributes.Attributes.TryGetValue("Policy", out var text);
            return Parse(text, topicArn);
        }

        /// <summary>Parses a topic's policy; one that is not JSON is refused, since editing it could lose the other statements.</summary>
        public static TopicPolicyDocument Parse(string? text, string topicArn)
        {
            try
            {
                return TopicPolicyDocument.Parse(text);
            }
            catch (Exception e) when (e is FormatException || e is System.Text.Json.JsonException)
            {
                throw new RootGuardException(ErrorIds.UnreadableTopicPolicy, FailureKind.InvalidOperation,
                    $"The policy of topic '{topicArn}' is not valid JSON, so RootGuard cannot change its statement without risking the others.",
                    "Fix the topic's access policy in the SNS console, then run the command again.", topicArn, e);
            }
        }
    }
}
