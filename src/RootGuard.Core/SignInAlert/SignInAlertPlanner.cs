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
    /// Plans the root sign-in alert: the SNS topic (through <see cref="NotificationTopicPlanner"/>), the EventBridge
    /// rule with the sign-in pattern, and RootGuard's target on it. It reads what exists and plans only the
    /// difference, so a second run plans nothing and a changed parameter is corrected in place. It also says when no
    /// trail records the management events the rule needs (<see cref="CloudTrailCoverageCheck"/>).
    /// </summary>
    public sealed class SignInAlertPlanner : IChangePlanner<SignInAlertRequest, SignInAlertPlan>
    {
        /// <summary>The state RootGuard gives its rule; any enabled state of the model (<see cref="RuleStates"/>) is left as it is.</summary>
        public const string EnabledState = RuleState.ENABLED;
        public const string RuleResourceType = "EventBridge rule";
        public const string RuleTagsResourceType = "EventBridge rule tags";
        public const string TargetResourceType = "EventBridge target";

        private readonly AwsClientFactory? clients;
        private readonly TopicPolicyWriteRetry? policyRetry;
        private readonly IEventBridgeClient? events;
        private readonly NotificationTopicPlanner? topics;
        private readonly IKmsClient? kms;

        /// <summary>A planner that reaches the request's region through <paramref name="clients"/>.</summary>
        /// <param name="clients">The command's clients.</param>
        /// <param name="policyRetry">How topic policy writes are re-checked against concurrent writers; null for the default.</param>
        public SignInAlertPlanner(AwsClientFactory clients, TopicPolicyWriteRetry? policyRetry = null)
        {
            this.clients = clients ?? throw new ArgumentNullException(nameof(clients));
            this.policyRetry = policyRetry;
        }

        /// <summary>
        /// A planner over given clients, for unit tests with in-memory fakes: it plans the rule and topic only, so the
        /// request must carry its account id, and CloudTrail is not checked.
        /// </summary>
        /// <param name="events">EventBridge in the alert's region.</param>
        /// <param name="sns">SNS in the alert's region.</param>
        /// <param name="policyRetry">How topic policy writes are re-checked against concurrent writers; null for the default.</param>
        /// <param name="kms">KMS in the alert's region, to check a topic key's policy before anything is made; without it, a generic note.</param>
        internal SignInAlertPlanner(IEventBridgeClient events, ISnsClient sns, TopicPolicyWriteRetry? policyRetry = null, IKmsClient? kms = null)
        {
            this.events = events ?? throw new ArgumentNullException(nameof(events));
            topics = new NotificationTopicPlanner(sns, policyRetry);
            this.kms = kms;
        }

        // Set by the internal constructor, or on the regional planner PlanAsync makes from the factory.
        private IEventBridgeClient Events => events ?? throw new InvalidOperationException("This planner plans through its factory.");
        private NotificationTopicPlanner Topics => topics ?? throw new InvalidOperationException("This planner plans through its factory.");

        /// <summary>
        /// Reads and plans: the account id (unless the request carries it), then the rule and topic, while the CloudTrail
        /// coverage check reads the trails alongside; its finding is one of the plan's warnings.
        /// </summary>
        public async Task<SignInAlertPlan> PlanAsync(SignInAlertRequest request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            if (clients == null)
            {
                return await PlanRuleAndTopicAsync(request, cancellationToken).ConfigureAwait(false);
            }

            // The CloudTrail check needs nothing of the plan: it reads while the account id, the rule and the topic are read.
            var coverageRead = CloudTrailCoverageCheck.CheckAsync(clients, request.Region, cancellationToken);
            SignInAlertPlan plan;
            try
            {
                if (!request.HasAccountId)
                {
                    request.AccountId = await CallerAccount.ReadIdAsync(clients, request.Region, cancellationToken).ConfigureAwait(false);
                }

                plan = await new SignInAlertPlanner(clients.CreateEventBridge(request.Region), clients.CreateSns(request.Region), policyRetry,
                        clients.CreateKms(request.Region))
                    .PlanRuleAndTopicAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The plan's failure is the one reported; the check is still waited for, so it never outlives the command's clients.
                await Task.WhenAny(coverageRead).ConfigureAwait(false);
                throw;
            }

            var coverage = await coverageRead.ConfigureAwait(false);
            return coverage.Warning == null ? plan : plan.WithWarning(coverage.Warning);
        }

        /// <summary>
        /// The rule and the topic are read together; the rule's tags and targets together once the rule is known. A rule
        /// RootGuard did not make is refused before the topic's plan is looked at.
        /// </summary>
        private async Task<SignInAlertPlan> PlanRuleAndTopicAsync(SignInAlertRequest request, CancellationToken cancellationToken)
        {
            var ruleRead = ReadRuleAsync(request.Name, cancellationToken);
            var topicRequest = request.ToTopicRequest();
            // Subscriptions are recorded on the rule as EventBridge names it; read below, used only when the plan is applied.
            var recordOn = request.RuleArn;
            topicRequest.Recorder = SubscriptionRecorderFor(() => recordOn, request.Name);
            var topicRead = Topics.PlanAsync(topicRequest, cancellationToken);

            var rule = await ruleRead.ConfigureAwait(false);
            List<Aws.EventBridge.Model.Tag>? ruleTags = null;
            var targetsRead = rule == null
                ? Task.FromResult(new List<Target>())
                : ReadTargetsAsync(request.Name, cancellationToken);
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
            var ruleCreation = changes.FirstOrDefault(c => c.ResourceType == RuleResourceType && c.Action == ChangeAction.Create);
            var ownTarget = targets.FirstOrDefault(t => t.Id == SignInAlertNames.TargetId);
            changes.Add(PlanTarget(request, topic.TopicArn, transformer, ownTarget)
                .After(topic.PublishPrerequisites).After(ruleCreation));
            if (rule != null)
            {
                // The target is part of the stack's rule (its Targets property), so a changed target is drift too.
                var sendsTo = ownTarget?.Arn;
                StackOwnership.RefuseChanges($"EventBridge rule '{request.Name}' in {request.Region}", ToDictionary(ruleTags),
                    changes.Where(c => c.ResourceType == RuleResourceType || c.ResourceType == RuleTagsResourceType || c.ResourceType == TargetResourceType),
                    "give another -Name to make a separate RootGuard rule."
                    + (sendsTo != null && sendsTo != topic.TopicArn
                        ? $" To look at the stack's alert without changing it, pass -TopicArn {sendsTo} (the topic it sends to) and the settings the stack was made with."
                        : string.Empty),
                    recordOn);
            }

            changes.AddRange(topic.SubscriptionChanges);
            var warnings = kms == null
                ? topic.Warnings
                : await UsageAlarm.KeyPolicyGrant.TopicNotesAsync(kms, topic, SignInAlertNames.ServicePrincipal, request.KmsMasterKeyId != null, cancellationToken)
                    .ConfigureAwait(false);
            return new SignInAlertPlan(request, topic, transformer, tagsAfter, changes, warnings);
        }

        // The subscriptions RootGuard adds to a topic it did not create are recorded on the rule, which exists by then:
        // subscriptions are the plan's last steps.
        private SubscriptionRecorder SubscriptionRecorderFor(Func<string> ruleArn, string ruleName) =>
            new SubscriptionRecorder($"EventBridge rule '{ruleName}'",
                (tag, ct) => Events.TagResourceAsync(new TagResourceRequest
                {
                    ResourceARN = ruleArn(),
                    Tags = new List<Aws.EventBridge.Model.Tag> { new Aws.EventBridge.Model.Tag { Key = tag.Key, Value = tag.Value } },
                }, ct),
                (key, ct) => Events.UntagResourceAsync(new UntagResourceRequest { ResourceARN = ruleArn(), TagKeys = new List<string> { key } }, ct),
                "events:TagResource", "events:UntagResource");

        private IReadOnlyDictionary<string, string> PlanRule(SignInAlertRequest request, DescribeRuleResponse? rule,
            List<Aws.EventBridge.Model.Tag>? currentTags, List<PlannedChange> changes)
        {
            var wantedTags = request.WantedTags;
            var pattern = request.EventPattern;
            if (rule == null)
            {
                changes.Add(new PlannedChange(RuleResourceType, request.Name, ChangeAction.Create,
                    $"Create EventBridge rule on root console sign-ins{(request.SuccessOnly ? " (successful only)" : " (successful and failed)")} with {wantedTags.Count} tags",
                    ct => Events.PutRuleAsync(new PutRuleRequest
                    {
                        Name = request.Name,
                        EventPattern = pattern,
                        State = EnabledState,
                        Description = SignInAlertNames.RuleDescription,
                        Tags = wantedTags.Select(t => new Aws.EventBridge.Model.Tag { Key = t.Key, Value = t.Value }).ToList(),
                    }, ct),
                    ct => Events.DeleteRuleAsync(new DeleteRuleRequest { Name = request.Name }, ct),
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
                changes.Add(new PlannedChange(RuleResourceType, request.Name, ChangeAction.Unchanged, "Keep the EventBridge rule on root console sign-ins"));
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
                changes.Add(new PlannedChange(RuleResourceType, request.Name, ChangeAction.Update,
                    "Update EventBridge rule: " + string.Join(", ", differences),
                    ct => Events.PutRuleAsync(new PutRuleRequest
                    {
                        Name = request.Name,
                        EventPattern = pattern,
                        State = RuleStates.IsEnabled(rule.State) ? rule.State : EnabledState,
                        Description = SignInAlertNames.RuleDescription,
                    }, ct),
                    ct => Events.PutRuleAsync(previous, ct),
                    "events:PutRule"));
            }

            var arn = rule.Arn ?? request.RuleArn;
            var tagging = TagChange.Plan(ToDictionary(currentTags), wantedTags);
            var tagChange = tagging.ToPlannedChange(RuleTagsResourceType, request.Name, "EventBridge rule",
                (tags, ct) => Events.TagResourceAsync(new TagResourceRequest
                {
                    ResourceARN = arn,
                    Tags = tags.Select(m => new Aws.EventBridge.Model.Tag { Key = m.Key, Value = m.Value }).ToList(),
                }, ct),
                (keys, ct) => Events.UntagResourceAsync(new UntagResourceRequest { ResourceARN = arn, TagKeys = keys.ToList() }, ct),
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
                return new PlannedChange(TargetResourceType, request.Name + "/" + SignInAlertNames.TargetId, ChangeAction.Unchanged,
                    $"Keep the target sending {what} to {topicArn}");
            }

            return new PlannedChange(TargetResourceType, request.Name + "/" + SignInAlertNames.TargetId, existing == null ? ChangeAction.Create : ChangeAction.Update,
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
            var response = await Events.PutTargetsAsync(new PutTargetsRequest { Rule = ruleName, Targets = new List<Target> { target } }, cancellationToken)
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
            Events.RemoveTargetsAsync(new RemoveTargetsRequest { Rule = ruleName, Ids = new List<string> { SignInAlertNames.TargetId } }, cancellationToken);

        private async Task<DescribeRuleResponse?> ReadRuleAsync(string name, CancellationToken cancellationToken)
        {
            try
            {
                return await Events.DescribeRuleAsync(new DescribeRuleRequest { Name = name }, cancellationToken).ConfigureAwait(false);
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
                return (await Events.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceARN = arn }, cancellationToken)
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
                return await Events.ListTargetsByRuleAllAsync(new ListTargetsByRuleRequest { Rule = ruleName }, cancellationToken).ConfigureAwait(false);
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
