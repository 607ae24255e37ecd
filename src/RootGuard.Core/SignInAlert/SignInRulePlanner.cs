using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.EventBridge;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Aws.Kms;
using RootGuard.Core.Aws.Sns;
using RootGuard.Core.Connection;
using RootGuard.Core.Json;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// The sign-in alert in one region over given clients: the EventBridge rule, RootGuard's target on it, and the topic
    /// (through <see cref="NotificationTopicPlanner"/>), with the topic key's policy checked (<see cref="UsageAlarm.KeyPolicyGrant"/>).
    /// The request carries its account id, or the planner is given how to read it (<see cref="SignInAlertPlanner"/> passes
    /// the caller's; it also checks CloudTrail around this).
    /// Unit tests drive it directly with in-memory fakes.
    /// </summary>
    internal sealed class SignInRulePlanner
    {
        private readonly IEventBridgeClient events;
        private readonly NotificationTopicPlanner topics;
        private readonly IKmsClient kms;

        /// <param name="events">EventBridge in the alert's region.</param>
        /// <param name="sns">SNS in the alert's region.</param>
        /// <param name="kms">KMS in the alert's region, to check a topic key's policy before anything is made.</param>
        /// <param name="policyRetry">How topic policy writes are re-checked against concurrent writers; null for the default.</param>
        internal SignInRulePlanner(IEventBridgeClient events, ISnsClient sns, IKmsClient kms, TopicPolicyWriteRetry? policyRetry = null)
        {
            this.events = events ?? throw new ArgumentNullException(nameof(events));
            topics = new NotificationTopicPlanner(sns ?? throw new ArgumentNullException(nameof(sns)), policyRetry);
            this.kms = kms ?? throw new ArgumentNullException(nameof(kms));
        }

        /// <summary>
        /// The rule, the account id and the topic are read together (the topic's once the account id is known, which its
        /// ARN needs; the rule's needs only its name); the rule's tags and targets together once the rule is known. A rule
        /// RootGuard did not make is refused before the topic's plan is looked at. A plan given up part-way cancels the
        /// reads it started and waits for them. The request's inputs were checked by the caller
        /// (<see cref="SignInAlertRequest.Validate"/>).
        /// </summary>
        /// <param name="request">The alert; its account id is set here when <paramref name="readAccountId"/> is given.</param>
        /// <param name="readAccountId">Reads the caller's account id, or null when the request carries it.</param>
        /// <param name="cancellationToken">Cancels every read.</param>
        internal async Task<SignInAlertPlan> PlanAsync(SignInAlertRequest request, Func<CancellationToken, Task<string>>? readAccountId = null,
            CancellationToken cancellationToken = default)
        {
            return await ConcurrentReads.PlanAsync(reads => PlanAsync(request, readAccountId, reads, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        private async Task<SignInAlertPlan> PlanAsync(SignInAlertRequest request, Func<CancellationToken, Task<string>>? readAccountId,
            ConcurrentReads reads, CancellationToken cancellationToken)
        {
            var ruleRead = reads.Start(ct => ReadRuleAsync(request.Name, ct));
            if (readAccountId != null)
            {
                request.AccountId = await reads.Start(readAccountId).ConfigureAwait(false);
            }

            var topicRequest = request.ToTopicRequest();
            // Subscriptions are recorded on the rule as EventBridge names it; read below, used only when the plan is applied.
            var recordOn = request.RuleArn;
            topicRequest.Recorder = SubscriptionRecorderFor(() => recordOn, request.Name);
            var topicRead = reads.Start(ct => topics.PlanAsync(topicRequest, ct));

            var rule = await ruleRead.ConfigureAwait(false);
            List<Aws.EventBridge.Model.Tag>? ruleTags = null;
            var targetsRead = rule == null
                ? Task.FromResult(new List<Target>())
                : reads.Start(ct => ReadTargetsAsync(request.Name, ct));
            if (rule != null)
            {
                recordOn = rule.Arn ?? request.RuleArn;
                ruleTags = await ReadRuleTagsAsync(recordOn, cancellationToken).ConfigureAwait(false);
                if (!RootGuardTags.IsManaged(ToDictionary(ruleTags)))
                {
                    // Rewriting someone else's rule would silently change what it does; refuse and let them pick a name.
                    throw new RootGuardException(ErrorIds.RuleNotManaged, FailureKind.InvalidOperation,
                        $"An EventBridge rule named '{request.Name}' already exists in {request.Region} and was not made by RootGuard (it has no {RootGuardTags.ManagedByKey}={RootGuardTags.ManagedByValue} tag).",
                        "Give another -Name, or tag the rule ManagedBy=RootGuard if RootGuard should take it over.", "Name");
                }
            }

            var topic = await topicRead.ConfigureAwait(false);
            var changes = new List<PlannedChange>(topic.TopicChanges);
            var tagsAfter = PlanRule(request, rule, ruleTags, changes);

            var targets = await targetsRead.ConfigureAwait(false);
            var transformer = SignInAlertMessages.TransformerFor(request.MessageFormat, request.Region);
            // The target needs its rule, and a topic that exists and lets EventBridge publish.
            var ruleCreation = changes.FirstOrDefault(c => c.ResourceType == SignInAlertPlanner.RuleResourceType && c.Action == ChangeAction.Create);
            var ownTarget = targets.FirstOrDefault(t => t.Id == SignInAlertNames.TargetId);
            changes.Add(PlanTarget(request, topic.TopicArn, transformer, ownTarget)
                .After(topic.PublishPrerequisites).After(ruleCreation));
            if (rule != null)
            {
                // The target is part of the stack's rule (its Targets property), so a changed target is drift too.
                var sendsTo = ownTarget?.Arn;
                StackOwnership.RefuseChanges($"EventBridge rule '{request.Name}' in {request.Region}", ToDictionary(ruleTags),
                    changes.Where(c => c.ResourceType == SignInAlertPlanner.RuleResourceType || c.ResourceType == SignInAlertPlanner.RuleTagsResourceType || c.ResourceType == SignInAlertPlanner.TargetResourceType),
                    "give another -Name to make a separate RootGuard rule."
                    + (sendsTo != null && sendsTo != topic.TopicArn
                        ? $" To look at the stack's alert without changing it, pass -TopicArn {sendsTo} (the topic it sends to) and the settings the stack was made with."
                        : string.Empty),
                    recordOn);
            }

            changes.AddRange(topic.SubscriptionChanges);
            var warnings = await UsageAlarm.KeyPolicyGrant.TopicNotesAsync(kms, topic, SignInAlertNames.ServicePrincipal, request.KmsMasterKeyId != null,
                cancellationToken).ConfigureAwait(false);
            return new SignInAlertPlan(request, topic, transformer, tagsAfter, changes, warnings);
        }

        // The subscriptions RootGuard adds to a topic it did not create are recorded on the rule, which exists by then:
        // subscriptions are the plan's last steps.
        private SubscriptionRecorder SubscriptionRecorderFor(Func<string> ruleArn, string ruleName) =>
            new SubscriptionRecorder($"EventBridge rule '{ruleName}'",
                (tag, ct) => events.TagResourceAsync(new TagResourceRequest
                {
                    ResourceARN = ruleArn(),
                    Tags = new List<Aws.EventBridge.Model.Tag> { new Aws.EventBridge.Model.Tag { Key = tag.Key, Value = tag.Value } },
                }, ct),
                (key, ct) => events.UntagResourceAsync(new UntagResourceRequest { ResourceARN = ruleArn(), TagKeys = new List<string> { key } }, ct),
                "events:TagResource", "events:UntagResource");

        private IReadOnlyDictionary<string, string> PlanRule(SignInAlertRequest request, DescribeRuleResponse? rule,
            List<Aws.EventBridge.Model.Tag>? currentTags, List<PlannedChange> changes)
        {
            var wantedTags = request.WantedTags;
            var pattern = request.EventPattern;
            if (rule == null)
            {
                changes.Add(new PlannedChange(SignInAlertPlanner.RuleResourceType, request.Name, ChangeAction.Create,
                    $"Create EventBridge rule on root console sign-ins{(request.SuccessOnly ? " (successful only)" : " (successful and failed)")} with {wantedTags.Count} tags",
                    ct => events.PutRuleAsync(new PutRuleRequest
                    {
                        Name = request.Name,
                        EventPattern = pattern,
                        State = SignInAlertPlanner.EnabledState,
                        Description = SignInAlertNames.RuleDescription,
                        Tags = wantedTags.Select(t => new Aws.EventBridge.Model.Tag { Key = t.Key, Value = t.Value }).ToList(),
                    }, ct),
                    ct => events.DeleteRuleAsync(new DeleteRuleRequest { Name = request.Name }, ct),
                    "events:PutRule", "events:TagResource"));
                return wantedTags;
            }

            var differences = new List<string>();
            if (!JsonEquivalence.AreEquivalent(rule.EventPattern, pattern))
            {
                differences.Add("correct the event pattern");
            }

            if (!RuleStates.IsEnabled(rule.State))
            {
                differences.Add($"enable it (it is {rule.State})");
            }

            if (!string.Equals(rule.Description, SignInAlertNames.RuleDescription, StringComparison.Ordinal))
            {
                differences.Add("restore the description");
            }

            if (differences.Count == 0)
            {
                changes.Add(new PlannedChange(SignInAlertPlanner.RuleResourceType, request.Name, ChangeAction.Unchanged, "Keep the EventBridge rule on root console sign-ins"));
            }
            else
            {
                // PutRule replaces the rule's definition; tags on an existing rule are changed only by TagResource.
                var previous = new PutRuleRequest
                {
                    Name = request.Name,
                    EventPattern = rule.EventPattern,
                    State = rule.State,
                    Description = rule.Description,
                    ScheduleExpression = rule.ScheduleExpression,
                    RoleArn = rule.RoleArn,
                };
                changes.Add(new PlannedChange(SignInAlertPlanner.RuleResourceType, request.Name, ChangeAction.Update,
                    "Update EventBridge rule: " + string.Join(", ", differences),
                    ct => events.PutRuleAsync(new PutRuleRequest
                    {
                        Name = request.Name,
                        EventPattern = pattern,
                        State = RuleStates.IsEnabled(rule.State) ? rule.State : SignInAlertPlanner.EnabledState,
                        Description = SignInAlertNames.RuleDescription,
                    }, ct),
                    ct => events.PutRuleAsync(previous, ct),
                    "events:PutRule"));
            }

            var arn = rule.Arn ?? request.RuleArn;
            var tagging = TagChange.Plan(ToDictionary(currentTags), wantedTags);
            var tagChange = tagging.ToPlannedChange(SignInAlertPlanner.RuleTagsResourceType, request.Name, "EventBridge rule",
                (tags, ct) => events.TagResourceAsync(new TagResourceRequest
                {
                    ResourceARN = arn,
                    Tags = tags.Select(m => new Aws.EventBridge.Model.Tag { Key = m.Key, Value = m.Value }).ToList(),
                }, ct),
                (keys, ct) => events.UntagResourceAsync(new UntagResourceRequest { ResourceARN = arn, TagKeys = keys.ToList() }, ct),
                "events:TagResource", "events:UntagResource");
            if (tagChange != null)
            {
                changes.Add(tagChange);
            }

            return tagging.After;
        }

        private PlannedChange PlanTarget(SignInAlertRequest request, string topicArn, InputTransformer? transformer, Target? existing)
        {
            var wanted = new Target { Id = SignInAlertNames.TargetId, Arn = topicArn, InputTransformer = transformer };
            var what = request.MessageFormat switch
            {
                SignInAlertMessageFormat.Raw => "the raw event",
                SignInAlertMessageFormat.Chatbot => "an AWS Chatbot notification",
                _ => "a readable message",
            };
            if (existing != null && SameTarget(existing, wanted))
            {
                return new PlannedChange(SignInAlertPlanner.TargetResourceType, request.Name + "/" + SignInAlertNames.TargetId, ChangeAction.Unchanged,
                    $"Keep the target sending {what} to {topicArn}");
            }

            return new PlannedChange(SignInAlertPlanner.TargetResourceType, request.Name + "/" + SignInAlertNames.TargetId, existing == null ? ChangeAction.Create : ChangeAction.Update,
                $"{(existing == null ? "Add" : "Correct")} target {SignInAlertNames.TargetId} on rule {request.Name}, sending {what} to {topicArn}",
                ct => PutTargetAsync(request.Name, wanted, ct),
                existing == null
                    ? ct => RemoveTargetAsync(request.Name, ct)
                    : ct => PutTargetAsync(request.Name, existing, ct),
                "events:PutTargets");
        }

        private static bool SameTarget(Target actual, Target wanted)
        {
            if (!string.Equals(actual.Arn, wanted.Arn, StringComparison.Ordinal) || !string.IsNullOrEmpty(actual.Input)
                || !string.IsNullOrEmpty(actual.InputPath) || !string.IsNullOrEmpty(actual.RoleArn))
            {
                return false;
            }

            var a = actual.InputTransformer;
            var w = wanted.InputTransformer;
            if (a == null || w == null)
            {
                return a == null && w == null;
            }

            return string.Equals(a.InputTemplate, w.InputTemplate, StringComparison.Ordinal)
                   && a.InputPathsMap.Count == w.InputPathsMap.Count
                   && w.InputPathsMap.All(p => a.InputPathsMap.TryGetValue(p.Key, out var v) && v == p.Value);
        }

        private async Task PutTargetAsync(string ruleName, Target target, CancellationToken cancellationToken)
        {
            var response = await events.PutTargetsAsync(new PutTargetsRequest { Rule = ruleName, Targets = new List<Target> { target } }, cancellationToken)
                .ConfigureAwait(false);
            // PutTargets reports per-target failures in a 200 answer; treat them as the failure they are.
            var failed = response.FailedEntries.FirstOrDefault();
            if ((response.FailedEntryCount ?? 0) > 0 || failed != null)
            {
                throw new RootGuardException(failed?.ErrorCode is { Length: > 0 } code ? ErrorIds.ForAwsErrorCode(code) : ErrorIds.PutTargetsFailed, FailureKind.InvalidOperation,
                    $"EventBridge did not accept target {target.Id}: {failed?.ErrorCode} {failed?.ErrorMessage}",
                    "Check that the topic exists in the rule's region and that the caller may call events:PutTargets.")
                {
                    AwsErrorCode = failed?.ErrorCode,
                };
            }
        }

        private Task RemoveTargetAsync(string ruleName, CancellationToken cancellationToken) =>
            events.RemoveTargetsAsync(new RemoveTargetsRequest { Rule = ruleName, Ids = new List<string> { SignInAlertNames.TargetId } }, cancellationToken);

        private async Task<DescribeRuleResponse?> ReadRuleAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                return await events.DescribeRuleAsync(new DescribeRuleRequest { Name = name }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                return null;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "events:DescribeRule" });
            }
        }

        private async Task<List<Aws.EventBridge.Model.Tag>> ReadRuleTagsAsync(string arn, CancellationToken cancellationToken)
        {
            try
            {
                return (await events.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceARN = arn }, cancellationToken)
                    .ConfigureAwait(false)).Tags;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "events:ListTagsForResource" });
            }
        }

        private async Task<List<Target>> ReadTargetsAsync(string ruleName, CancellationToken cancellationToken)
        {
            try
            {
                return await events.ListTargetsByRuleAllAsync(new ListTargetsByRuleRequest { Rule = ruleName }, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "events:ListTargetsByRule" });
            }
        }

        private static SortedDictionary<string, string> ToDictionary(IEnumerable<Aws.EventBridge.Model.Tag>? tags) =>
            TagChange.Current(tags, t => t.Key, t => t.Value);
    }
}
