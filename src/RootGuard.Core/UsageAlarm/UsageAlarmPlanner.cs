using System;
using RootGuard.Core.Connection;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudWatch;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.CloudWatchLogs;
using RootGuard.Core.Aws.CloudWatchLogs.Model;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;
using RootGuard.Core.Trails;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// Plans the CIS root account usage monitor: finds the trail and its log group, decides the metric filter (reusing an
    /// equivalent one), the alarm and the SNS topic, and returns the steps. Reads only; the cmdlet applies the plan.
    /// </summary>
    public sealed class UsageAlarmPlanner : IChangePlanner<UsageAlarmRequest, UsageAlarmPlan>
    {
        public const string CloudWatchPrincipal = "cloudwatch.amazonaws.com";

        /// <summary>The sign-in alert's publisher, which shares a topic piped from New-RootSignInAlert.</summary>
        public const string EventBridgePrincipal = SignInAlert.SignInAlertNames.ServicePrincipal;
        public const string FilterResourceType = "CloudWatch Logs metric filter";
        public const string AlarmResourceType = "CloudWatch alarm";
        public const string AlarmTagsResourceType = "CloudWatch alarm tags";

        private readonly AwsClientFactory clients;
        private readonly TopicPolicyWriteRetry? policyRetry;
        private readonly Func<DateTimeOffset> clock;

        /// <param name="clients">The connection's clients; with its <see cref="AwsConnection.ReadCache"/>, the session's account id and trails.</param>
        /// <param name="policyRetry">How topic policy writes are retried against concurrent writers.</param>
        /// <param name="clock">The time a trail's last CloudWatch Logs delivery is judged against; the system clock by default.</param>
        public UsageAlarmPlanner(AwsClientFactory clients, TopicPolicyWriteRetry? policyRetry = null, Func<DateTimeOffset>? clock = null)
        {
            this.clients = clients ?? throw new ArgumentNullException(nameof(clients));
            this.policyRetry = policyRetry;
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>
        /// Reads and plans. Reads that do not depend on each other run together: the account id with the trails; once
        /// the log group is known, the log group, its filters, the alarm (then its tags) and the topic. Their failures
        /// are reported in the order the decisions are made (log group, alarm ownership, filter, topic), as if read one
        /// after the other. When one fails, the plan is refused, or trails kept from an earlier call turn out stale (the
        /// plan is made again from a fresh read), the reads still running are cancelled and waited for: none outlives the call.
        /// </summary>
        public async Task<UsageAlarmPlan> PlanAsync(UsageAlarmRequest request, CancellationToken cancellationToken = default)
        {
            request.Validate();
            return await PlanAsync(request.Settings, request.Notification, freshTrails: false, cancellationToken).ConfigureAwait(false);
        }

        // freshTrails: read the trails again even when the session keeps them (see the retries below).
        private async Task<UsageAlarmPlan> PlanAsync(UsageAlarmSettings settings, UsageAlarmNotification notification, bool freshTrails,
            CancellationToken cancellationToken)
        {
            var plan = await ConcurrentReads.PlanAsync(reads => TryPlanAsync(settings, notification, freshTrails, reads, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return plan ?? await PlanAsync(settings, notification, freshTrails: true, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The plan; null when the trails kept from an earlier call led nowhere and must be read again first.</summary>
        private async Task<UsageAlarmPlan?> TryPlanAsync(UsageAlarmSettings settings, UsageAlarmNotification notification, bool freshTrails,
            ConcurrentReads reads, CancellationToken cancellationToken)
        {
            var warnings = new List<string>();
            var startRegion = clients.Connection.Region;
            var accountRead = reads.Start(ct => CallerAccount.ReadIdAsync(clients, null, ct));
            var trailsRead = reads.Start(ct => CallerTrails.ReadAsync(clients, startRegion, freshTrails, ct));
            var accountId = await accountRead.ConfigureAwait(false);
            var (snapshot, kept) = await trailsRead.ConfigureAwait(false);
            var assessments = TrailDiscovery.Assess(snapshot, accountId);
            var now = clock();

            // Where the alarm goes: the chosen trail's log group, or the group the user named (in the connection's region).
            // Trails kept from an earlier call of the session are trusted for a go-ahead only: anything that would warn or
            // refuse, and a log group that is gone, is decided again from a fresh read.
            TrailAssessment? trail;
            string region, logGroupName;
            if (settings.LogGroupName != null)
            {
                region = startRegion;
                logGroupName = settings.LogGroupName;
                trail = FeedingTrail(assessments, logGroupName, region, now);
                if ((trail == null || !trail.IsSuitable) && kept)
                {
                    return null;
                }

                if (trail == null)
                {
                    warnings.Add($"No trail visible from {region} delivers to log group '{logGroupName}', so the metric filter may never see a root event. Point a multi-region trail that records management events at it.");
                }
                else if (trail.IsSuitableButForDoubtedDeliveryError(now))
                {
                    warnings.Add(TrailDiscovery.DoubtedDeliveryWarning(trail));
                }
                else if (!trail.IsSuitable)
                {
                    warnings.Add($"The trail that feeds log group '{logGroupName}' is not suitable, so the alarm may miss root activity. {trail.Explain()}");
                }
            }
            else
            {
                trail = TrailDiscovery.Pick(assessments, startRegion, now);
                if ((trail == null || !trail.IsSuitable) && kept)
                {
                    return null;
                }

                trail = trail ?? throw TrailDiscovery.NoSuitableTrail(assessments, startRegion);
                if (!trail.IsSuitable)
                {
                    warnings.Add(TrailDiscovery.DoubtedDeliveryWarning(trail));
                }

                region = trail.LogGroupRegion!;
                logGroupName = trail.LogGroupName!;
            }

            var alarmArn = $"arn:{Connection.AwsPartitions.PartitionOf(region)}:cloudwatch:{region}:{accountId}:alarm:{settings.AlarmName}";
            var topicRequest = TopicRequest(settings, notification, region, accountId, alarmArn, warnings);

            var logs = clients.CreateCloudWatchLogs(region);
            var cloudWatch = clients.CreateCloudWatch(region);
            // Subscriptions are recorded on the alarm as CloudWatch names it (alarmArn is corrected from the read below);
            // the recorder reads it only when the plan is applied.
            topicRequest.Recorder = SubscriptionRecorderFor(cloudWatch, () => alarmArn, settings.AlarmName);
            var feedingTrail = settings.LogGroupName != null ? null : trail;
            var logGroupRead = reads.Start(ct => RequireLogGroupAsync(region, logGroupName, feedingTrail, ct));
            var filtersRead = reads.Start(ct => logs.DescribeMetricFiltersAllAsync(new DescribeMetricFiltersRequest { LogGroupName = logGroupName }, ct));
            var alarmRead = reads.Start(ct => ReadAlarmAsync(cloudWatch, settings.AlarmName, ct));
            var topics = new NotificationTopicPlanner(clients.CreateSns(region), policyRetry);
            var topicRead = reads.Start(ct => topics.PlanAsync(topicRequest, ct));

            try
            {
                await logGroupRead.ConfigureAwait(false);
            }
            catch (RootGuardException e) when (kept && e.ErrorId == ErrorIds.LogGroupNotFound)
            {
                return null;
            }

            var (existingAlarm, existingTags) = await alarmRead.ConfigureAwait(false);
            alarmArn = existingAlarm?.AlarmArn ?? alarmArn;

            // Ownership is settled before anything is planned, so a refusal leaves everything as it was.
            if (existingAlarm != null && !RootGuardTags.IsManaged(MetricFilterOwners.Pairs(existingTags)))
            {
                if (!settings.AdoptExisting)
                {
                    throw AlarmNotManaged(settings.AlarmName, region);
                }

                warnings.Add($"-AdoptExisting: the alarm '{settings.AlarmName}' was not made by RootGuard; it is taken over, set to the root usage alarm's settings and tagged as RootGuard's, so Remove-RootMonitoring will delete it.");
            }

            var filters = await filtersRead.ConfigureAwait(false);
            var owners = await MetricFilterOwners.ReadAsync(cloudWatch, logGroupName, MetricFilterChoice.Candidates(filters, settings), settings.AlarmName,
                existingTags, cancellationToken).ConfigureAwait(false);
            var filter = MetricFilterChoice.Decide(logGroupName, filters, settings, owners);
            if (filter.MadeByRootGuard && filter.OwnershipTagValue.Length > RootGuardTags.MaxValueLength)
            {
                throw MetricFilterNotRecorded(logGroupName, filter.FilterName, settings.LogGroupName != null);
            }

            if (!filter.IsCisPattern)
            {
                warnings.Add(settings.ExcludeCentralizedRootSession
                    ? "-ExcludeCentralizedRootSession: the metric filter leaves out sts:AssumeRoot task sessions, so it is no longer the CIS pattern and Security Hub control CloudWatch.1 will report the account as failed."
                    : $"The reused metric filter '{filter.FilterName}' counts the same root usage as the CIS pattern but is spelled differently; Security Hub control CloudWatch.1 accepts only the exact CIS text and will report the account as failed.");
            }

            var topic = await topicRead.ConfigureAwait(false);
            warnings.AddRange(await KeyPolicyGrant.TopicNotesAsync(clients.CreateKms(region), topic, CloudWatchPrincipal, notification.KmsMasterKeyId != null, cancellationToken)
                .ConfigureAwait(false));

            var design = new AlarmDesign(settings.AlarmName, filter, settings, topic.TopicArn);
            warnings.AddRange(design.SingleEventWarnings());
            if (existingAlarm != null && design.ReplacedTopics(existingAlarm) is { Count: > 0 } replaced)
            {
                warnings.Add($"The alarm '{settings.AlarmName}' also notifies {string.Join(", ", replaced.Select(t => $"'{t}'"))}; this call points it at '{topic.TopicArn}' only, "
                             + "as RootGuard cannot tell a topic it set before from one someone added. Its other actions (OK, INSUFFICIENT_DATA, and alarm actions that are not topics) are kept.");
            }
            var changes = new List<PlannedChange>();
            changes.AddRange(topic.TopicChanges.Count > 0
                ? topic.TopicChanges
                : new[] { new PlannedChange(NotificationTopicPlanner.TopicResourceType, topic.TopicArn, ChangeAction.Unchanged, "SNS topic is in place") });
            var filterStep = FilterStep(logs, filter);
            changes.Add(filterStep);
            // The alarm needs the metric its filter publishes, and a topic that exists and lets CloudWatch publish.
            changes.AddRange(AlarmSteps(cloudWatch, design, existingAlarm, existingTags, alarmArn)
                .Select(step => step.ResourceType == AlarmResourceType ? step.After(topic.PublishPrerequisites).After(filterStep) : step));
            changes.AddRange(topic.SubscriptionChanges);
            if (existingAlarm != null)
            {
                RefuseStackChanges(settings, region, alarmArn, existingAlarm, existingTags, filter, owners, filterStep, topic.TopicArn, changes);
            }

            return new UsageAlarmPlan(region, trail, filter, settings.AlarmName, alarmArn, topic, changes, warnings);
        }

        private static TrailAssessment? FeedingTrail(IEnumerable<TrailAssessment> assessments, string logGroupName, string region, DateTimeOffset now) =>
            assessments.Where(a => a.Feeds(logGroupName, region))
                .OrderBy(a => a.IsSuitable ? 0 : a.IsSuitableButForDoubtedDeliveryError(now) ? 1 : 2)
                .FirstOrDefault();

        /// <summary>The alarm of that name, if any, and its tags (read only when it exists).</summary>
        private static async Task<(MetricAlarm? Alarm, List<Aws.CloudWatch.Model.Tag> Tags)> ReadAlarmAsync(ICloudWatchClient cloudWatch, string alarmName,
            CancellationToken cancellationToken)
        {
            var existing = (await cloudWatch.DescribeAlarmsAllAsync(new DescribeAlarmsRequest { AlarmNames = { alarmName } }, cancellationToken)
                .ConfigureAwait(false)).MetricAlarms.FirstOrDefault(a => a.AlarmName == alarmName);
            var tags = existing?.AlarmArn == null
                ? new List<Aws.CloudWatch.Model.Tag>()
                : (await cloudWatch.ListTagsForResourceAsync(new ListTagsForResourceRequest { ResourceARN = existing.AlarmArn }, cancellationToken)
                    .ConfigureAwait(false)).Tags;
            return (existing, tags);
        }

        /// <summary>
        /// Refuses the plan when it would change an alarm a CloudFormation stack made, or the metric filter that alarm
        /// records (a filter cannot be tagged, so the alarm that owns it says whose it is).
        /// </summary>
        private static void RefuseStackChanges(UsageAlarmSettings settings, string region, string alarmArn, MetricAlarm existingAlarm,
            List<Aws.CloudWatch.Model.Tag> existingTags, MetricFilterChoice filter, IReadOnlyDictionary<string, string> owners, PlannedChange filterStep,
            string topicArn, IReadOnlyList<PlannedChange> changes)
        {
            var tags = MetricFilterOwners.Pairs(existingTags).ToList();
            const string separate = "give another -AlarmName and -FilterName to make a separate RootGuard alarm and filter (the stack's filter belongs to its alarm and is not shared).";
            // In the plan's order: the filter's step comes before the alarm's.
            if (owners.TryGetValue(filter.FilterName, out var owner) && owner == settings.AlarmName)
            {
                StackOwnership.RefuseChanges($"CloudWatch Logs metric filter '{filter.FilterName}' on log group '{filter.LogGroupName}' in {region} (filters cannot be tagged; the stack's alarm '{settings.AlarmName}' records it)",
                    tags, new[] { filterStep }, separate, filterStep.ResourceName);
            }

            var notifies = existingAlarm.AlarmActions.FirstOrDefault(a => ArnParts.IsService(a, "sns"));
            StackOwnership.RefuseChanges($"CloudWatch alarm '{settings.AlarmName}' in {region}", tags,
                changes.Where(c => c.ResourceType == AlarmResourceType || c.ResourceType == AlarmTagsResourceType),
                separate + (notifies != null && notifies != topicArn
                    ? $" To look at the stack's alarm without changing it, pass -TopicArn {notifies} (the topic it notifies) and the settings the stack was made with."
                    : string.Empty),
                alarmArn);
        }

        /// <summary>
        /// Refused before any change: AWS would refuse the alarm's ownership tag only after the filter was made. A shorter
        /// -FilterName fixes it while the log group's name leaves room for one; else only another log group does.
        /// </summary>
        private static RootGuardException MetricFilterNotRecorded(string logGroupName, string filterName, bool logGroupNamed)
        {
            var roomForFilter = RootGuardTags.MaxValueLength - logGroupName.Length - 1;
            var message = $"RootGuard records the metric filter it makes on its alarm, in the tag {MetricFilterChoice.OwnershipTagKey} = '<log group>:<filter>', and for log group '{logGroupName}' "
                          + $"and filter '{filterName}' that value is {logGroupName.Length + 1 + filterName.Length} characters, longer than the {RootGuardTags.MaxValueLength} a tag value may hold. Nothing was changed.";
            return roomForFilter > 0
                ? new RootGuardException(ErrorIds.MetricFilterNotRecorded, FailureKind.InvalidArgument, message,
                    $"Give a -FilterName of at most {roomForFilter} characters.", "FilterName")
                : new RootGuardException(ErrorIds.MetricFilterNotRecorded, FailureKind.InvalidArgument, message,
                    logGroupNamed
                        ? $"Give a -LogGroupName of at most {RootGuardTags.MaxValueLength - 2} characters (with a one-character -FilterName), or one of a trail with a shorter log group name."
                        : $"Deliver the trail to a log group whose name has at most {RootGuardTags.MaxValueLength - 2} characters, or name such a group with -LogGroupName.",
                    logGroupNamed ? "LogGroupName" : "FilterName");
        }

        private static RootGuardException AlarmNotManaged(string alarmName, string region) =>
            new RootGuardException(ErrorIds.AlarmNotManaged, FailureKind.InvalidOperation,
                $"A CloudWatch alarm named '{alarmName}' already exists in {region} and RootGuard did not make it (it has no {RootGuardTags.ManagedByKey}={RootGuardTags.ManagedByValue} tag). "
                + "RootGuard never changes an alarm it does not own. Nothing was changed.",
                $"Give another -AlarmName (for example -AlarmName {alarmName}-2), or add -AdoptExisting to let RootGuard take this alarm over: it is then set to the root usage alarm's settings, notifies RootGuard's topic and is tagged as RootGuard's, and Remove-RootMonitoring deletes it.",
                "AlarmName");

        // The subscriptions RootGuard adds to a topic it did not create are recorded on the alarm, which exists by then:
        // subscriptions are the plan's last steps.
        private static SubscriptionRecorder SubscriptionRecorderFor(ICloudWatchClient cloudWatch, Func<string> alarmArn, string alarmName) =>
            new SubscriptionRecorder($"CloudWatch alarm '{alarmName}'",
                (tag, ct) => cloudWatch.TagResourceAsync(new TagResourceRequest
                {
                    ResourceARN = alarmArn(),
                    Tags = new List<Aws.CloudWatch.Model.Tag> { new Aws.CloudWatch.Model.Tag { Key = tag.Key, Value = tag.Value } },
                }, ct),
                (key, ct) => cloudWatch.UntagResourceAsync(new UntagResourceRequest { ResourceARN = alarmArn(), TagKeys = new List<string> { key } }, ct),
                "cloudwatch:TagResource", "cloudwatch:UntagResource");

        private NotificationTopicRequest TopicRequest(UsageAlarmSettings settings, UsageAlarmNotification notification, string region,
            string accountId, string alarmArn, List<string> warnings)
        {
            var request = new NotificationTopicRequest(region, accountId, RootGuardTags.UsageAlarmComponent, CloudWatchPrincipal,
                StatementSid(settings.AlarmName), alarmArn)
            {
                TopicName = TopicName(settings.AlarmName),
                // The sign-in alert's topic of this region, when it exists: one RootGuard topic per region.
                SharedTopic = (SignInAlert.SignInAlertNames.DefaultName, "made by New-RootSignInAlert"),
                EmailAddresses = notification.EmailAddresses,
                KmsMasterKeyId = notification.KmsMasterKeyId,
                Tags = settings.Tags,
            };

            if (notification.TopicArn != null)
            {
                var topicRegion = ArnParts.RegionOf(notification.TopicArn);
                if (topicRegion == region)
                {
                    request.TopicArn = notification.TopicArn;
                }
                else if (notification.EmailAddresses.Count > 0)
                {
                    warnings.Add($"The topic '{notification.TopicArn}' is in {topicRegion}, but the alarm is in {region} (its log group's region), and a CloudWatch alarm can notify only a topic in its own region. "
                                 + $"RootGuard uses its own topic '{request.EffectiveTopicArn}' in {region} for the e-mail addresses instead.");
                }
                else
                {
                    throw new RootGuardException(ErrorIds.TopicInOtherRegion, FailureKind.InvalidArgument,
                        $"The topic '{notification.TopicArn}' is in {topicRegion}, but the alarm must be in {region}, the region of the trail's log group, and a CloudWatch alarm can notify only a topic in its own region. Nothing was changed.",
                        $"Add -EmailAddress to have RootGuard create a topic in {region}, or pass -TopicArn with a topic in {region}.", "TopicArn");
                }
            }

            return request;
        }

        private async Task RequireLogGroupAsync(string region, string logGroupName, TrailAssessment? trail, CancellationToken cancellationToken)
        {
            var groups = await clients.CreateCloudWatchLogs(region)
                .DescribeLogGroupsAllAsync(new DescribeLogGroupsRequest { LogGroupNamePrefix = logGroupName }, cancellationToken).ConfigureAwait(false);
            if (groups.Any(g => g.LogGroupName == logGroupName))
            {
                return;
            }

            throw trail == null
                ? new RootGuardException(ErrorIds.LogGroupNotFound, FailureKind.NotFound,
                    $"There is no log group '{logGroupName}' in {region}. Nothing was changed.",
                    $"Give the name of the CloudWatch Logs group your CloudTrail trail delivers to in {region} (aws logs describe-log-groups --region {region}), or leave out -LogGroupName to let RootGuard find it.",
                    "LogGroupName")
                : new RootGuardException(ErrorIds.LogGroupNotFound, FailureKind.NotFound,
                    $"Trail '{trail.Name}' delivers to log group '{logGroupName}' in {region}, which does not exist. Nothing was changed.",
                    $"Create the log group (aws logs create-log-group --log-group-name {logGroupName} --region {region}) or point the trail at an existing one, then run the command again.",
                    logGroupName);
        }

        private static PlannedChange FilterStep(ICloudWatchLogsClient logs, MetricFilterChoice filter)
        {
            var name = MetricFilterChoice.OwnershipTag(filter.LogGroupName, filter.FilterName);
            var what = filter.IsCisPattern ? "the CIS root usage pattern" : "a non-CIS root usage pattern";
            switch (filter.Action)
            {
                case ChangeAction.Create:
                    return new PlannedChange(FilterResourceType, name, ChangeAction.Create,
                        $"Create metric filter '{filter.FilterName}' on log group '{filter.LogGroupName}' with {what}, counting 1 per event into {filter.MetricNamespace}/{filter.MetricName}",
                        ct => logs.PutMetricFilterAsync(filter.ToPutRequest(), ct),
                        ct => logs.DeleteMetricFilterAsync(new DeleteMetricFilterRequest { LogGroupName = filter.LogGroupName, FilterName = filter.FilterName }, ct),
                        "logs:PutMetricFilter");
                case ChangeAction.Update:
                    return new PlannedChange(FilterResourceType, name, ChangeAction.Update,
                        $"Set metric filter '{filter.FilterName}' on log group '{filter.LogGroupName}' to {what}, counting 1 per event into {filter.MetricNamespace}/{filter.MetricName}",
                        ct => logs.PutMetricFilterAsync(filter.ToPutRequest(), ct),
                        ct => logs.PutMetricFilterAsync(filter.ToRestoreRequest()!, ct),
                        "logs:PutMetricFilter");
                default:
                    return new PlannedChange(FilterResourceType, name, ChangeAction.Unchanged, filter.Reason);
            }
        }

        // The alarm is RootGuard's (or adopted): the planner refused any other before planning.
        private static IEnumerable<PlannedChange> AlarmSteps(ICloudWatchClient cloudWatch, AlarmDesign design, MetricAlarm? existing,
            List<Aws.CloudWatch.Model.Tag> existingTags, string alarmArn)
        {
            var request = design.Request;
            var summary = $"{request.Statistic} of {request.Namespace}/{request.MetricName} >= {request.Threshold} over {request.EvaluationPeriods} × {request.Period} s, notifying {string.Join(", ", request.AlarmActions)}";
            if (existing == null)
            {
                yield return new PlannedChange(AlarmResourceType, request.AlarmName!, ChangeAction.Create,
                    $"Create alarm: {summary}, tagged {string.Join(", ", design.Tags.Select(t => t.Key + "=" + t.Value))}",
                    ct => cloudWatch.PutMetricAlarmAsync(request, ct),
                    ct => cloudWatch.DeleteAlarmsAsync(new DeleteAlarmsRequest { AlarmNames = { request.AlarmName! } }, ct),
                    "cloudwatch:PutMetricAlarm", "cloudwatch:TagResource");
                yield break;
            }

            var differences = design.Differences(existing);
            if (differences.Count > 0)
            {
                var restore = AlarmDesign.RestoreRequest(existing);
                yield return new PlannedChange(AlarmResourceType, request.AlarmName!, ChangeAction.Update,
                    $"Update alarm ({string.Join("; ", differences)}): {summary}",
                    ct => cloudWatch.PutMetricAlarmAsync(design.UpdateRequestFor(existing), ct),
                    ct => cloudWatch.PutMetricAlarmAsync(restore, ct),
                    "cloudwatch:PutMetricAlarm");
            }
            else
            {
                yield return new PlannedChange(AlarmResourceType, request.AlarmName!, ChangeAction.Unchanged, "Alarm is as wanted: " + summary);
            }

            // CloudWatch ignores Tags when PutMetricAlarm updates an alarm, so tags on an existing alarm are set apart.
            var set = design.TagsToSet(existingTags);
            var remove = design.TagsToRemove(existingTags);
            if (set.Count > 0 || remove.Count > 0)
            {
                var before = existingTags.Where(t => t.Key != null).GroupBy(t => t.Key!).ToDictionary(g => g.Key, g => g.Last().Value);
                var added = set.Keys.Where(k => !before.ContainsKey(k)).ToList();
                var restoreTags = set.Keys.Concat(remove).Where(before.ContainsKey).Select(k => new Aws.CloudWatch.Model.Tag { Key = k, Value = before[k] }).ToList();
                yield return new PlannedChange(AlarmTagsResourceType, alarmArn, ChangeAction.Update,
                    "Tag alarm" + (set.Count > 0 ? " with " + string.Join(", ", set.Select(t => t.Key + "=" + t.Value)) : string.Empty)
                                + (remove.Count > 0 ? (set.Count > 0 ? " and" : string.Empty) + " remove " + string.Join(", ", remove) : string.Empty),
                    async ct =>
                    {
                        if (set.Count > 0)
                            await cloudWatch.TagResourceAsync(new TagResourceRequest { ResourceARN = alarmArn, Tags = set.Select(t => new Aws.CloudWatch.Model.Tag { Key = t.Key, Value = t.Value }).ToList() }, ct).ConfigureAwait(false);
                        if (remove.Count > 0)
                            await cloudWatch.UntagResourceAsync(new UntagResourceRequest { ResourceARN = alarmArn, TagKeys = remove.ToList() }, ct).ConfigureAwait(false);
                    },
                    async ct =>
                    {
                        if (added.Count > 0)
                            await cloudWatch.UntagResourceAsync(new UntagResourceRequest { ResourceARN = alarmArn, TagKeys = added }, ct).ConfigureAwait(false);
                        if (restoreTags.Count > 0)
                            await cloudWatch.TagResourceAsync(new TagResourceRequest { ResourceARN = alarmArn, Tags = restoreTags }, ct).ConfigureAwait(false);
                    },
                    "cloudwatch:TagResource", "cloudwatch:UntagResource");
            }
        }

        /// <summary>The policy statement id of this alarm (one per alarm, so a topic shared with the sign-in alert keeps both).</summary>
        public static string StatementSid(string alarmName) =>
            "RootGuardUsageAlarm" + new string(alarmName.Where(char.IsLetterOrDigit).Take(80).ToArray());

        /// <summary>The topic RootGuard creates for an alarm: named after it, within SNS's name rules.</summary>
        public static string TopicName(string alarmName)
        {
            var builder = new StringBuilder();
            foreach (var c in alarmName)
            {
                builder.Append(c < 128 && (char.IsLetterOrDigit(c) || c == '-' || c == '_') ? c : '-');
            }

            var name = builder.ToString();
            return name.Length > 256 ? name.Substring(0, 256) : name;
        }
    }
}
