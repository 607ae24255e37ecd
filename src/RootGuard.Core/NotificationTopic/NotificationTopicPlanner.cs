using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.Sns;
using RootGuard.Core.Aws.Sns.Model;
using RootGuard.Core.Connection;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;
using RootGuard.Core.Policies;

namespace RootGuard.Core.NotificationTopic
{
    /// <summary>
    /// Plans the SNS topic a RootGuard monitor publishes to (the sign-in rule and the root usage alarm share this):
    /// reads the topic, its policy, encryption, tags and subscribers, and returns only the steps that close the gap.
    /// It knows nothing of the monitor beyond the service principal and the source ARN allowed to publish.
    /// </summary>
    public sealed class NotificationTopicPlanner
    {
        public const string TopicResourceType = "SNS topic";
        public const string TagsResourceType = "SNS topic tags";
        public const string EncryptionResourceType = "SNS topic encryption";
        public const string PolicyResourceType = "SNS topic policy statement";
        public const string SubscriptionResourceType = "SNS e-mail subscription";

        /// <summary>The IAM actions the topic's reads, changes and rollback need (the monitors' permission lists include them).</summary>
        public static readonly IReadOnlyList<string> Permissions = new[]
        {
            "sns:CreateTopic",
            "sns:DeleteTopic",
            "sns:GetSubscriptionAttributes",
            "sns:GetTopicAttributes",
            "sns:ListSubscriptionsByTopic",
            "sns:ListTagsForResource",
            "sns:SetTopicAttributes",
            "sns:Subscribe",
            "sns:TagResource",
            "sns:Unsubscribe",
            "sns:UntagResource",
        };

        private const string EmailProtocol = "email";

        private readonly ISnsClient sns;
        private readonly TopicPolicyWriter policies;

        public NotificationTopicPlanner(ISnsClient sns, TopicPolicyWriteRetry? policyRetry = null)
        {
            this.sns = sns ?? throw new ArgumentNullException(nameof(sns));
            policies = new TopicPolicyWriter(sns, policyRetry);
        }

        /// <summary>Checks the request's inputs; throws a <see cref="RootGuardException"/> naming the parameter. Calls nothing.</summary>
        public static void Validate(NotificationTopicRequest request) =>
            NotificationInputRules.ValidateTopicInput(request.TopicArn, request.TopicName, request.EmailAddresses, request.KmsMasterKeyId,
                request.Tags, request.Region);

        /// <summary>
        /// The plan. A plan given up part-way (a read failed, or the topic's policy cannot be edited) cancels the reads it
        /// started alongside and waits for them: none outlives the call.
        /// </summary>
        public async Task<NotificationTopicPlan> PlanAsync(NotificationTopicRequest request, CancellationToken cancellationToken = default)
        {
            Validate(request);
            return await ConcurrentReads.PlanAsync(reads => PlanAsync(request, reads, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        private async Task<NotificationTopicPlan> PlanAsync(NotificationTopicRequest request, ConcurrentReads reads, CancellationToken cancellationToken)
        {
            var topicArn = request.EffectiveTopicArn;
            var userTopic = request.TopicArn != null;
            var wantedTags = request.WantedTags;
            var warnings = new List<string>();
            var topicChanges = new List<PlannedChange>();
            var reused = false;

            // The other monitor's topic counts only when this monitor's own is missing (then a second RootGuard topic in the
            // region would send a second confirmation e-mail to the same people). That is every run of a region's second
            // monitor, so both are asked at once; when the own topic exists, the other's answer is not used.
            var sharedTopic = userTopic ? null : request.SharedTopic;
            var sharedArn = sharedTopic is { } other ? $"arn:{request.Partition}:sns:{request.Region}:{request.AccountId}:{other.TopicName}" : null;
            var sharedRead = sharedArn == null ? null : reads.Start(ct => ReadAttributesAsync(sharedArn, ct));
            var attributes = await ReadAttributesAsync(topicArn, cancellationToken).ConfigureAwait(false);
            if (attributes == null && userTopic)
            {
                throw new RootGuardException(ErrorIds.TopicNotFound, FailureKind.NotFound, $"The topic '{topicArn}' does not exist.",
                    "Give the ARN of an existing topic in the monitor's region, or leave out -TopicArn to let RootGuard create one.", "TopicArn");
            }

            if (attributes != null && sharedRead != null)
            {
                // Not needed: it still ends before the plan does, and its failure (a denied read of a topic not used) is dropped.
                await Task.WhenAny(sharedRead).ConfigureAwait(false);
                _ = sharedRead.Exception;
            }

            Task<List<Subscription>>? subscriptionsRead = null;
            if (attributes == null && sharedTopic is { } shared && sharedArn != null && sharedRead != null)
            {
                var sharedAttributes = await sharedRead.ConfigureAwait(false);
                if (sharedAttributes != null
                    && (request.KmsMasterKeyId == null || sharedAttributes.TryGetValue("KmsMasterKeyId", out var sharedKey) && sharedKey == request.KmsMasterKeyId)
                    && await ReadIfRootGuardsAsync(sharedArn, shared.MadeBy, warnings, reads, cancellationToken).ConfigureAwait(false) is { } sharedSubscriptionsRead)
                {
                    subscriptionsRead = sharedSubscriptionsRead;
                    topicArn = sharedArn;
                    userTopic = true;
                    attributes = sharedAttributes;
                    reused = true;
                    // A warning, not only a verbose line: the user asked for addresses on this monitor's own topic.
                    warnings.Add($"RootGuard's topic '{sharedArn}' ({shared.MadeBy}) is reused: one RootGuard topic per region, so each address confirms once.");
                }
            }

            var statement = TopicPolicyDocument.ServicePublishStatement(request.StatementSid, request.ServicePrincipal, topicArn, request.SourceArn);
            if (attributes == null)
            {
                return PlanNewTopic(request, topicArn, wantedTags, statement, warnings);
            }

            // Whose subscribers are asked for does not depend on the tags: both are read together.
            subscriptionsRead ??= reads.Start(ct => ReadSubscriptionsAsync(topicArn, ct));
            // The filter policies of the asked-for addresses' subscriptions are read as soon as the subscribers are in; this
            // read ends after the subscribers' read, so waiting for it waits for both.
            var filteredRead = reads.Start(ct => FilteredWarningsAsync(request, topicArn, subscriptionsRead, ct));

            attributes.TryGetValue("Policy", out var currentPolicyText);
            attributes.TryGetValue("KmsMasterKeyId", out var currentKey);
            currentKey = string.IsNullOrEmpty(currentKey) ? null : currentKey;
            var effectiveKey = currentKey;

            // Listed as unchanged so the output names every resource the monitor rests on, changed or not.
            topicChanges.Add(new PlannedChange(TopicResourceType, topicArn, ChangeAction.Unchanged,
                reused ? "Reuse RootGuard's existing SNS topic of the other monitor in this region"
                : userTopic ? "Use the existing SNS topic given with -TopicArn" : "Keep the existing SNS topic"));
            IReadOnlyDictionary<string, string> tagsAfter = new SortedDictionary<string, string>(StringComparer.Ordinal);
            var rootGuardsTopic = false;
            // The topic's tags, where this plan reads them anyway; a reused topic's were read (and were not a stack's) above.
            List<Tag>? knownTags = null;
            if (userTopic)
            {
                if (NotificationInputRules.IsAwsManagedSnsKey(currentKey))
                {
                    warnings.Add($"The topic '{topicArn}' is encrypted with the AWS managed key alias/aws/sns, which {request.ServicePrincipal} cannot use: "
                              + "no alert will be delivered. Re-encrypt the topic with a customer managed key, or leave out -TopicArn.");
                }
            }
            else
            {
                var currentTags = knownTags = await ReadTagsAsync(topicArn, cancellationToken).ConfigureAwait(false);
                if (RootGuardTags.IsManaged(ToDictionary(currentTags)))
                {
                    rootGuardsTopic = true;
                    tagsAfter = PlanTags(topicArn, currentTags, wantedTags, topicChanges);
                    if (request.KmsMasterKeyId != null && !string.Equals(request.KmsMasterKeyId, currentKey, StringComparison.Ordinal))
                    {
                        topicChanges.Add(EncryptionChange(topicArn, request.KmsMasterKeyId, currentKey));
                        effectiveKey = request.KmsMasterKeyId;
                    }
                }
                else
                {
                    // A topic of this name that RootGuard did not make: use it, but do not mark it as RootGuard's, or
                    // Remove-RootMonitoring would later delete someone else's topic.
                    tagsAfter = ToDictionary(currentTags);
                    warnings.Add($"The topic '{topicArn}' exists without RootGuard's tags; RootGuard uses it, adds only its policy statement and "
                              + "subscriptions (recorded, so Remove-RootMonitoring removes exactly those), and will not delete it.");
                    if (request.KmsMasterKeyId != null && !string.Equals(request.KmsMasterKeyId, currentKey, StringComparison.Ordinal))
                    {
                        warnings.Add($"The topic '{topicArn}' is not RootGuard's, so its encryption was left as it is.");
                    }
                }
            }

            PlannedChange? policyStep = null;
            var currentPolicy = TopicPolicyWriter.Parse(currentPolicyText, topicArn);
            var wantedPolicy = currentPolicy.WithStatement(statement);
            // RootGuard's statement can be right and still not count: another statement's Deny (or one that may apply)
            // overrides it. RootGuard leaves other statements alone, so it says so rather than change them.
            var effective = ResourcePolicyEvaluator.Evaluate(wantedPolicy.ToJson(), MonitorDeliveryRequests.Publish(request.ServicePrincipal, topicArn, request.SourceArn));
            if (!effective.IsAllowed)
            {
                warnings.Add($"Even with RootGuard's statement '{request.StatementSid}', the policy of topic '{topicArn}' does not let {request.ServicePrincipal} publish for certain: "
                          + $"{effective.Reason} Remove or narrow that statement, or the alert will not arrive.");
            }
            if (currentPolicy.HasEqualStatement(statement))
            {
                topicChanges.Add(new PlannedChange(PolicyResourceType, topicArn, ChangeAction.Unchanged,
                    $"Keep policy statement '{request.StatementSid}' letting only {request.ServicePrincipal} publish, for {request.SourceArn}"));
            }
            else
            {
                // The policy is read again when the step runs, and the write is checked, so statements that others
                // (another RootGuard call, too) add meanwhile are kept; undo touches only this statement for the same reason.
                var previous = currentPolicy.FindStatement(request.StatementSid)?.DeepClone() as System.Text.Json.Nodes.JsonObject;
                topicChanges.Add(policyStep = new PlannedChange(PolicyResourceType, topicArn,
                    previous != null ? ChangeAction.Update : ChangeAction.Create,
                    $"{(previous != null ? "Correct" : "Add")} policy statement '{request.StatementSid}' letting only {request.ServicePrincipal} publish, for {request.SourceArn} (the {currentPolicy.StatementCount} other statement(s) are kept)",
                    ct => policies.EnsureStatementAsync(topicArn, statement, ct),
                    ct => policies.RestoreStatementAsync(topicArn, request.StatementSid, previous, ct),
                    "sns:GetTopicAttributes", "sns:SetTopicAttributes"));
            }

            var existingSubscriptions = await subscriptionsRead.ConfigureAwait(false);
            warnings.AddRange(await filteredRead.ConfigureAwait(false));
            var (subscriptionChanges, subscriptionsAfter) = PlanSubscriptions(request, topicArn, existingSubscriptions, topicCreation: null,
                recorder: rootGuardsTopic ? null : request.Recorder);
            var steps = topicChanges.Concat(subscriptionChanges).ToList();
            if (!reused && steps.Any(c => c.Action != ChangeAction.Unchanged))
            {
                // A topic given with -TopicArn has its tags read only now: a plan that leaves it as it is needs no more reads.
                var tags = knownTags ?? await ReadGivenTopicTagsAsync(topicArn, request.AccountId, cancellationToken).ConfigureAwait(false);
                StackOwnership.RefuseChanges($"SNS topic '{topicArn}'", ToDictionary(tags), steps,
                    request.TopicArn != null
                        ? "give another -TopicArn (a topic no stack made), or leave out -TopicArn to have RootGuard make its own topic."
                        : "give -TopicArn with a topic no stack made.",
                    topicArn);
            }

            return new NotificationTopicPlan(topicArn, userTopic, topicExisted: true, effectiveKey, tagsAfter, subscriptionsAfter,
                wantedPolicy.ToJson(), topicChanges, subscriptionChanges, warnings,
                policyStep == null ? Array.Empty<PlannedChange>() : new[] { policyStep });
        }

        private NotificationTopicPlan PlanNewTopic(NotificationTopicRequest request, string topicArn, IReadOnlyDictionary<string, string> wantedTags,
            System.Text.Json.Nodes.JsonObject statement, List<string> warnings)
        {
            // The policy goes in with CreateTopic, so the topic never exists without the publish grant and one call
            // (undone by one DeleteTopic) makes it whole.
            var policy = TopicPolicyDocument.Parse(null)
                .WithStatement(TopicPolicyDocument.OwnerDefaultStatement(topicArn, request.AccountId))
                .WithStatement(statement);
            var create = new CreateTopicRequest
            {
                Name = request.TopicName,
                Tags = wantedTags.Select(t => new Tag { Key = t.Key, Value = t.Value }).ToList(),
            };
            create.Attributes["Policy"] = policy.ToJson();
            if (request.KmsMasterKeyId != null)
            {
                create.Attributes["KmsMasterKeyId"] = request.KmsMasterKeyId;
            }

            var description = $"Create SNS topic with {wantedTags.Count} tags"
                              + (request.KmsMasterKeyId != null ? $", encrypted with KMS key '{request.KmsMasterKeyId}'" : string.Empty)
                              + $", and a policy statement '{request.StatementSid}' letting only {request.ServicePrincipal} publish, for {request.SourceArn}";
            var creation = new PlannedChange(TopicResourceType, topicArn, ChangeAction.Create, description,
                    async ct =>
                    {
                        var response = await sns.CreateTopicAsync(create, ct).ConfigureAwait(false);
                        if (!string.Equals(response.TopicArn, topicArn, StringComparison.Ordinal))
                        {
                            throw new InvalidOperationException($"SNS created '{response.TopicArn}', not the expected '{topicArn}'.");
                        }
                    },
                    ct => sns.DeleteTopicAsync(new DeleteTopicRequest { TopicArn = topicArn }, ct),
                    "sns:CreateTopic", "sns:TagResource", "sns:SetTopicAttributes");

            var (subscriptionChanges, subscriptionsAfter) = PlanSubscriptions(request, topicArn, new List<Subscription>(), creation, recorder: null);
            return new NotificationTopicPlan(topicArn, userTopic: false, topicExisted: false, request.KmsMasterKeyId, wantedTags, subscriptionsAfter,
                policy.ToJson(), new[] { creation }, subscriptionChanges, warnings, new[] { creation });
        }

        private IReadOnlyDictionary<string, string> PlanTags(string topicArn, List<Tag> currentTags, IReadOnlyDictionary<string, string> wantedTags,
            List<PlannedChange> changes)
        {
            var tagging = TagChange.Plan(ToDictionary(currentTags), wantedTags);
            var tagChange = tagging.ToPlannedChange(TagsResourceType, topicArn, "SNS topic",
                (tags, ct) => sns.TagResourceAsync(new TagResourceRequest
                {
                    ResourceArn = topicArn,
                    Tags = tags.Select(m => new Tag { Key = m.Key, Value = m.Value }).ToList(),
                }, ct),
                (keys, ct) => sns.UntagResourceAsync(new UntagResourceRequest { ResourceArn = topicArn, TagKeys = keys.ToList() }, ct),
                "sns:TagResource", "sns:UntagResource");
            if (tagChange != null)
            {
                changes.Add(tagChange);
            }

            return tagging.After;
        }

        private PlannedChange EncryptionChange(string topicArn, string wantedKey, string? currentKey) =>
            new PlannedChange(EncryptionResourceType, topicArn, ChangeAction.Update,
                currentKey == null ? $"Encrypt SNS topic with KMS key '{wantedKey}'" : $"Change the SNS topic's KMS key from '{currentKey}' to '{wantedKey}'",
                ct => SetAttributeAsync(topicArn, "KmsMasterKeyId", wantedKey, ct),
                // An empty KmsMasterKeyId turns server-side encryption off again.
                ct => SetAttributeAsync(topicArn, "KmsMasterKeyId", currentKey ?? string.Empty, ct),
                "sns:SetTopicAttributes");

        private (IReadOnlyList<PlannedChange>, IReadOnlyList<TopicSubscription>) PlanSubscriptions(NotificationTopicRequest request, string topicArn,
            List<Subscription> existing, PlannedChange? topicCreation, SubscriptionRecorder? recorder)
        {
            var topicIsNew = topicCreation != null;
            var after = existing
                .Select(s => new TopicSubscription(s.Protocol ?? string.Empty, s.Endpoint ?? string.Empty,
                    TopicSubscription.IsPendingArn(s.SubscriptionArn) ? null : s.SubscriptionArn, !TopicSubscription.IsPendingArn(s.SubscriptionArn)))
                .ToList();
            var changes = new List<PlannedChange>();
            var wanted = request.EmailAddresses.Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var toAdd = wanted.Where(address => !existing.Any(s => string.Equals(s.Protocol, EmailProtocol, StringComparison.OrdinalIgnoreCase)
                                                                  && string.Equals(s.Endpoint, address, StringComparison.OrdinalIgnoreCase))).ToList();
            if (recorder != null && toAdd.Count > 0 && topicArn.Length > RootGuardTags.MaxValueLength)
            {
                throw new RootGuardException(ErrorIds.SubscriptionNotRecorded, FailureKind.InvalidArgument,
                    $"RootGuard records each subscription it adds to a topic it did not create in a tag whose value is the topic's ARN, and '{topicArn}' is longer than the {RootGuardTags.MaxValueLength} characters a tag value may hold. Nothing was changed.",
                    "Subscribe the addresses to this topic yourself and leave out -EmailAddress, or use a topic with a shorter name.", "TopicArn");
            }

            foreach (var address in wanted)
            {
                // SNS compares e-mail endpoints as given; people do not, so a case difference is not a new subscriber.
                if (!toAdd.Contains(address))
                {
                    changes.Add(new PlannedChange(SubscriptionResourceType, address, ChangeAction.Unchanged, $"Keep {address} subscribed to {topicArn}"));
                    continue;
                }

                string? subscriptionArn = null;
                string? recordKey = null;
                var permissions = new[] { "sns:Subscribe", "sns:Unsubscribe" }.Concat(recorder?.Permissions ?? Array.Empty<string>()).ToArray();
                changes.Add(new PlannedChange(SubscriptionResourceType, address, ChangeAction.Create,
                    $"Subscribe {address} to {topicArn} (SNS sends a confirmation e-mail)"
                    + (recorder != null ? $", recorded on {recorder.Resource} since RootGuard did not create the topic" : string.Empty),
                    async ct =>
                    {
                        // ReturnSubscriptionArn: the real ARN even while confirmation is pending, so undo can unsubscribe.
                        subscriptionArn = (await sns.SubscribeAsync(new SubscribeRequest
                        {
                            TopicArn = topicArn,
                            Protocol = EmailProtocol,
                            Endpoint = address,
                            ReturnSubscriptionArn = true,
                        }, ct).ConfigureAwait(false)).SubscriptionArn;
                        if (recorder != null)
                        {
                            recordKey = await RecordAsync(recorder, topicArn, address, subscriptionArn, ct).ConfigureAwait(false);
                        }
                    },
                    // On a new topic DeleteTopic removes the subscriptions with it.
                    topicIsNew ? (Func<CancellationToken, Task>?)null : async ct =>
                    {
                        if (recordKey != null)
                        {
                            await recorder!.Untag(recordKey, ct).ConfigureAwait(false);
                        }

                        if (!TopicSubscription.IsPendingArn(subscriptionArn))
                        {
                            await sns.UnsubscribeAsync(new UnsubscribeRequest { SubscriptionArn = subscriptionArn }, ct).ConfigureAwait(false);
                        }
                    },
                    permissions).After(topicCreation));
                after.Add(new TopicSubscription(EmailProtocol, address, null, confirmed: false));
            }

            return (changes, after);
        }

        // Records the subscription just made; when that fails the subscription is withdrawn again, since a subscription
        // RootGuard added but did not record is one Remove-RootMonitoring could never find.
        private async Task<string> RecordAsync(SubscriptionRecorder recorder, string topicArn, string address, string? subscriptionArn, CancellationToken ct)
        {
            var tag = RootGuardOwnership.SubscriptionTag(topicArn, subscriptionArn);
            try
            {
                if (tag == null)
                {
                    throw new RootGuardException(ErrorIds.SubscriptionNotRecorded, FailureKind.InvalidOperation,
                        $"SNS answered Subscribe for {address} with '{subscriptionArn}', not a subscription ARN of '{topicArn}', so RootGuard cannot record it.",
                        $"Check {address}'s subscriptions of the topic in the SNS console, then run the command again.", topicArn);
                }

                await recorder.Tag(tag.Value, ct).ConfigureAwait(false);
                return tag.Value.Key;
            }
            catch (Exception) when (!TopicSubscription.IsPendingArn(subscriptionArn))
            {
                try
                {
                    await sns.UnsubscribeAsync(new UnsubscribeRequest { SubscriptionArn = subscriptionArn }, CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    // The record's failure is the one to report; the subscription left behind is named in it below.
                    throw new RootGuardException(ErrorIds.SubscriptionNotRecorded, FailureKind.InvalidOperation,
                        $"RootGuard subscribed {address} to '{topicArn}' but could neither record the subscription on {recorder.Resource} nor withdraw it ({e.Message}).",
                        $"Remove the subscription '{subscriptionArn}' in the SNS console (aws sns unsubscribe --subscription-arn {subscriptionArn}).", subscriptionArn);
                }

                throw;
            }
        }

        /// <summary>
        /// An address asked for that is already subscribed and confirmed counts as subscribed, but its subscription's filter
        /// policy can drop every alert (<see cref="FilterPolicyJudgement"/>): then it says so, with the fix. RootGuard does not
        /// change a filter policy it did not set. The subscriptions are read together; one that cannot be read is said too.
        /// Throws nothing but cancellation: a failure of the subscribers' read is the plan's to report, where it awaits them.
        /// </summary>
        private async Task<IEnumerable<string>> FilteredWarningsAsync(NotificationTopicRequest request, string topicArn, Task<List<Subscription>> subscriptionsRead,
            CancellationToken cancellationToken)
        {
            List<Subscription> existing;
            try
            {
                existing = await subscriptionsRead.ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                return Array.Empty<string>(); // The plan reports that failure where it awaits the subscribers.
            }

            var asked = existing.Where(s => string.Equals(s.Protocol, EmailProtocol, StringComparison.OrdinalIgnoreCase)
                                            && !TopicSubscription.IsPendingArn(s.SubscriptionArn)
                                            && request.EmailAddresses.Contains(s.Endpoint ?? string.Empty, StringComparer.OrdinalIgnoreCase)).ToList();
            var warnings = await Task.WhenAll(asked.Select(async subscription =>
            {
                FilterPolicyJudgement judgement;
                try
                {
                    judgement = FilterPolicyJudgement.Of((await sns.GetSubscriptionAttributesAsync(
                        new GetSubscriptionAttributesRequest { SubscriptionArn = subscription.SubscriptionArn }, cancellationToken).ConfigureAwait(false)).Attributes);
                }
                catch (Exception e) when (!(e is OperationCanceledException))
                {
                    return $"Whether {subscription.Endpoint}'s subscription '{subscription.SubscriptionArn}' to '{topicArn}' filters the alert out could not be checked "
                           + $"({AwsErrorTranslator.ErrorCodeOf(e) ?? e.GetType().Name} on sns:GetSubscriptionAttributes). Grant sns:GetSubscriptionAttributes, or prove delivery with Send-RootMonitoringTest.";
                }

                var remedy = $"Remove the filter policy ({FilterPolicyJudgement.RemoveFilterCommand(subscription.SubscriptionArn!)}; {FilterPolicyJudgement.TakesEffectNote}), or subscribe another address; RootGuard does not change a filter policy it did not set.";
                return judgement.Delivery switch
                {
                    FilterDelivery.Drops => $"{subscription.Endpoint} is subscribed to '{topicArn}' ('{subscription.SubscriptionArn}'), but its filter policy {judgement.Reason}: that address will never receive this alert. {remedy}",
                    FilterDelivery.NotVerifiable => $"{subscription.Endpoint} is subscribed to '{topicArn}' ('{subscription.SubscriptionArn}'), but whether it receives this alert cannot be verified: its filter policy {judgement.Reason}. Prove it with Send-RootMonitoringTest, or: {remedy}",
                    _ => null,
                };
            })).ConfigureAwait(false);
            return warnings.Where(w => w != null).Select(w => w!);
        }

        private async Task<Dictionary<string, string>?> ReadAttributesAsync(string topicArn, CancellationToken cancellationToken)
        {
            try
            {
                var response = await sns.GetTopicAttributesAsync(new GetTopicAttributesRequest { TopicArn = topicArn }, cancellationToken)
                    .ConfigureAwait(false);
                return response.Attributes;
            }
            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
            {
                return null;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "sns:GetTopicAttributes" });
            }
        }

        /// <summary>
        /// The other monitor's topic, when it carries RootGuard's tags and no stack made it: the read of its subscribers,
        /// made alongside the tags' (they are needed only when the topic is used, which the tags decide); otherwise null,
        /// that read dropped. A stack's topic is not reused: adding this monitor's statement and subscriptions to it would
        /// be drift the stack's next update undoes, so the caller makes a topic of its own, as when there is none.
        /// </summary>
        private async Task<Task<List<Subscription>>?> ReadIfRootGuardsAsync(string topicArn, string madeBy, List<string> warnings,
            ConcurrentReads reads, CancellationToken cancellationToken)
        {
            var tagsRead = ReadTagsAsync(topicArn, cancellationToken);
            var subscriptionsRead = reads.Start(ct => ReadSubscriptionsAsync(topicArn, ct));
            var tags = ToDictionary(await tagsRead.ConfigureAwait(false));
            if (RootGuardTags.IsManaged(tags) && RootGuardTags.IsStackDeployed(tags))
            {
                warnings.Add($"RootGuard's topic '{topicArn}' ({madeBy}) was made by a CloudFormation stack ({StackOwnership.Marker(tags)}), so it is not reused: "
                             + "RootGuard does not change what a stack owns. This monitor gets a topic of its own.");
            }
            else if (RootGuardTags.IsManaged(tags))
            {
                return subscriptionsRead;
            }

            await Task.WhenAny(subscriptionsRead).ConfigureAwait(false);
            return null;
        }

        private async Task<List<Tag>> ReadTagsAsync(string topicArn, CancellationToken cancellationToken)
        {
            try
            {
                return (await sns.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = topicArn }, cancellationToken)
                    .ConfigureAwait(false)).Tags;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "sns:ListTagsForResource" });
            }
        }

        /// <summary>
        /// The tags of a topic given with -TopicArn. A topic of another account may not let this caller read its tags;
        /// then whether a stack made it cannot be told, null says so, and the topic is used as any topic RootGuard did not make.
        /// </summary>
        private async Task<List<Tag>?> ReadGivenTopicTagsAsync(string topicArn, string accountId, CancellationToken cancellationToken)
        {
            try
            {
                return (await sns.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceArn = topicArn }, cancellationToken)
                    .ConfigureAwait(false)).Tags;
            }
            catch (Exception e) when (AwsErrorTranslator.IsAccessDenied(e) && ArnParts.AccountAndRegionOf(topicArn).Account != accountId)
            {
                return null;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "sns:ListTagsForResource" });
            }
        }

        private async Task<List<Subscription>> ReadSubscriptionsAsync(string topicArn, CancellationToken cancellationToken)
        {
            try
            {
                return await sns.ListSubscriptionsByTopicAllAsync(new ListSubscriptionsByTopicRequest { TopicArn = topicArn }, cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                throw AwsErrorTranslator.Translate(e, new[] { "sns:ListSubscriptionsByTopic" });
            }
        }

        private Task SetAttributeAsync(string topicArn, string name, string value, CancellationToken cancellationToken) =>
            sns.SetTopicAttributesAsync(new SetTopicAttributesRequest { TopicArn = topicArn, AttributeName = name, AttributeValue = value },
                cancellationToken);

        private static SortedDictionary<string, string> ToDictionary(IEnumerable<Tag>? tags) => TagChange.Current(tags, t => t.Key, t => t.Value);
    }
}
