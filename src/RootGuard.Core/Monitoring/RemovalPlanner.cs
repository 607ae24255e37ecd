using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.UsageAlarm;
using CwModel = RootGuard.Core.Aws.CloudWatch.Model;
using EbModel = RootGuard.Core.Aws.EventBridge.Model;
using LogsModel = RootGuard.Core.Aws.CloudWatchLogs.Model;
using SnsModel = RootGuard.Core.Aws.Sns.Model;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// Plans the removal of exactly what RootGuard made: its rules (after its own targets), alarms, the metric filters it
    /// provably created (never one it only reused), the e-mail subscriptions it added to topics it did not create, its
    /// statements in other topics' policies, and its topics once nothing RootGuard keeps still uses them.
    /// </summary>
    public sealed class RemovalPlanner : IChangePlanner<RemovalSelection, RemovalPlan>
    {
        private readonly AwsClientFactory factory;

        public RemovalPlanner(AwsClientFactory factory) => this.factory = factory ?? throw new ArgumentNullException(nameof(factory));

        /// <summary>Reads what RootGuard made in <see cref="RootGuardInventoryReader.RegionsFor"/> and plans removing the selected part.</summary>
        public async Task<RemovalPlan> PlanAsync(RemovalSelection selection, CancellationToken cancellationToken = default)
        {
            selection.Validate();
            var regions = RootGuardInventoryReader.RegionsFor(factory.Connection, selection.TopicArns.Select(ArnParts.RegionOf)
                .Where(AwsPartitions.IsValidRegionName).Select(r => r!));
            var found = await new RootGuardInventoryReader(factory, readWhatRestsOnTopics: true).ReadAsync(regions, cancellationToken).ConfigureAwait(false);
            var plan = Decide(found, selection, factory);
            return plan.In(regions, plan.Changes.Count > 0
                ? Array.Empty<string>()
                : new[] { $"No RootGuard resources to remove were found in {string.Join(", ", regions)}." });
        }

        /// <summary>The decision alone, from what was found: which steps remove the selection, in which order, and what is kept and why.</summary>
        internal static RemovalPlan Decide(RootGuardResources found, RemovalSelection selection, AwsClientFactory factory)
        {
            var changes = new List<PlannedChange>();
            var kept = new List<string>();
            var preparing = new Dictionary<PlannedChange, PlannedChange>();

            bool Selected(string? component, string name, ISet<string> names) =>
                selection.ByName ? names.Contains(name) : selection.IncludesComponent(component);

            // A stack's resources are the stack's to remove; deleting them here would only make the stack drift.
            const string StackNote = "belongs to a CloudFormation stack made from Export-RootGuardTemplate; delete the stack (or its stack set instance) instead.";
            var rules = new List<ManagedRule>();
            foreach (var rule in found.Rules.Where(r => Selected(r.Component, r.Name, selection.RuleNames)))
            {
                if (rule.StackDeployed) kept.Add($"EventBridge rule '{rule.Name}' in {rule.Region} {StackNote}");
                else rules.Add(rule);
            }

            var alarms = new List<ManagedAlarm>();
            foreach (var alarm in found.Alarms.Where(a => Selected(a.Component, a.Name, selection.AlarmNames)))
            {
                if (alarm.StackDeployed) kept.Add($"CloudWatch alarm '{alarm.Name}' in {alarm.Region} {StackNote}");
                else if (alarm.ForeignActions.Count > 0) kept.Add(KeptForItsActions(alarm));
                else alarms.Add(alarm);
            }

            // What deletes each rule and alarm: a topic is deleted only after everything that sent to it is gone. So that
            // a failure part-way leaves no monitor that looks alive but alerts no one, a rule that goes is disabled before
            // its targets are removed (EventBridge deletes only a rule without targets), and an alarm goes before the
            // filter that feeds it. The e-mail subscriptions a rule or alarm records go only after it: while it cannot be
            // deleted, they still reach the people on them, and its tags still record them for the next removal.
            var ruleDeletions = new List<(ManagedRule Rule, PlannedChange Step)>();
            var alarmDeletions = new List<(ManagedAlarm Alarm, PlannedChange Step)>();
            foreach (var rule in rules)
            {
                var events = factory.CreateEventBridge(rule.Region);
                PlannedChange? disable = null;
                if (rule.ForeignTargetCount == 0)
                {
                    changes.Add(disable = new PlannedChange("EventBridge rule", rule.Name, ChangeAction.Update, "Disable EventBridge rule before removing it",
                        ct => events.DisableRuleAsync(new EbModel.DisableRuleRequest { Name = rule.Name }, ct), null, "events:DisableRule"));
                }

                PlannedChange? targetRemoval = null;
                if (rule.OwnTargetIds.Count > 0)
                {
                    changes.Add(targetRemoval = new PlannedChange("EventBridge targets", rule.Name, ChangeAction.Delete,
                        $"Remove RootGuard's target(s) {string.Join(", ", rule.OwnTargetIds)} from rule",
                        ct => events.RemoveTargetsAsync(new EbModel.RemoveTargetsRequest { Rule = rule.Name, Ids = rule.OwnTargetIds.ToList() }, ct),
                        null, "events:RemoveTargets").After(disable));
                }

                if (rule.ForeignTargetCount > 0)
                {
                    kept.Add($"EventBridge rule '{rule.Name}' in {rule.Region} is kept: it has {rule.ForeignTargetCount} target(s) RootGuard did not add.");
                    var unsubscribes = rule.Subscriptions.Select(s => Unsubscribe(factory, rule.Region, s, $"EventBridge rule '{rule.Name}'")).ToList();
                    changes.AddRange(unsubscribes);
                    if (rule.Subscriptions.Count > 0)
                    {
                        // The rule stays, so the record of subscriptions that are gone goes, after them: a subscription
                        // that could not be removed stays recorded.
                        var keys = rule.Subscriptions.Select(s => s.TagKey).ToList();
                        changes.Add(new PlannedChange("EventBridge rule tags", rule.Name, ChangeAction.Delete,
                            $"Remove the record of the unsubscribed e-mail subscription(s) from the rule's tags ({string.Join(", ", keys)})",
                            ct => events.UntagResourceAsync(new EbModel.UntagResourceRequest { ResourceARN = rule.Arn, TagKeys = keys }, ct),
                            null, "events:UntagResource").After(unsubscribes));
                    }

                    continue;
                }

                // EventBridge deletes only a rule without targets.
                var ruleDeletion = new PlannedChange("EventBridge rule", rule.Name, ChangeAction.Delete, "Delete EventBridge rule",
                    ct => events.DeleteRuleAsync(new EbModel.DeleteRuleRequest { Name = rule.Name }, ct), null, "events:DeleteRule")
                    .After(disable).After(targetRemoval);
                changes.Add(ruleDeletion);
                ruleDeletions.Add((rule, ruleDeletion));
                preparing[disable!] = ruleDeletion;
                changes.AddRange(rule.Subscriptions.Select(s => Unsubscribe(factory, rule.Region, s, $"EventBridge rule '{rule.Name}'").After(ruleDeletion)));
            }

            var removedAlarms = new HashSet<string>(alarms.Select(a => a.Name + "@" + a.Region));
            foreach (var alarm in alarms)
            {
                var cloudWatch = factory.CreateCloudWatch(alarm.Region);
                if (alarm.UnprovenMetricFilter is { } unproven)
                {
                    kept.Add($"CloudWatch Logs metric filter '{unproven.FilterName}' on log group '{unproven.LogGroupName}' is kept: alarm '{alarm.Name}' records it as RootGuard's, but it no longer publishes the metric the alarm watches, so it is not provably RootGuard's.");
                }

                var alarmDeletion = new PlannedChange("CloudWatch alarm", alarm.Name, ChangeAction.Delete, "Delete CloudWatch alarm",
                    ct => cloudWatch.DeleteAlarmsAsync(new CwModel.DeleteAlarmsRequest { AlarmNames = new List<string> { alarm.Name } }, ct), null, "cloudwatch:DeleteAlarms");
                changes.Add(alarmDeletion);
                alarmDeletions.Add((alarm, alarmDeletion));
                changes.AddRange(alarm.Subscriptions.Select(s => Unsubscribe(factory, alarm.Region, s, $"CloudWatch alarm '{alarm.Name}'").After(alarmDeletion)));
                // Someone's alarm on the same metric (or a RootGuard alarm that stays) would watch a metric nothing publishes.
                var stillWatched = alarm.AlarmsSharingMetric.Where(name => !removedAlarms.Contains(name + "@" + alarm.Region)).ToList();
                if (alarm.CreatedMetricFilter is { } watched && stillWatched.Count > 0)
                {
                    kept.Add($"CloudWatch Logs metric filter '{watched.FilterName}' on log group '{watched.LogGroupName}' in {alarm.Region} is kept: RootGuard made it for alarm '{alarm.Name}', "
                             + $"but alarm(s) {string.Join(", ", stillWatched.Select(n => $"'{n}'"))} also watch the metric it publishes. Delete it yourself once they no longer need it.");
                }
                else if (alarm.CreatedMetricFilter is { } filter)
                {
                    var logs = factory.CreateCloudWatchLogs(alarm.Region);
                    changes.Add(new PlannedChange("CloudWatch Logs metric filter", $"{filter.LogGroupName}/{filter.FilterName}", ChangeAction.Delete,
                        "Delete the metric filter RootGuard created",
                        async ct =>
                        {
                            try
                            {
                                await logs.DeleteMetricFilterAsync(new LogsModel.DeleteMetricFilterRequest { LogGroupName = filter.LogGroupName, FilterName = filter.FilterName }, ct).ConfigureAwait(false);
                            }
                            catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
                            {
                                // Already gone: what was asked for holds.
                            }
                        },
                        // A kept alarm would watch a metric nothing publishes any more.
                        null, "logs:DeleteMetricFilter").After(alarmDeletion));
                }
            }

            var removedRules = new HashSet<string>(rules.Where(r => r.ForeignTargetCount == 0).Select(r => r.Name + "@" + r.Region));
            var remainingUses = found.Rules.Where(r => !removedRules.Contains(r.Name + "@" + r.Region)).SelectMany(r => r.TopicArns)
                .Concat(found.Alarms.Where(a => !removedAlarms.Contains(a.Name + "@" + a.Region)).SelectMany(a => a.TopicArns))
                .ToList();

            // A rule or alarm that stays (not selected, or a stack's) still publishes through its statement in someone's
            // topic: removing the statement would leave that monitor alerting no one, with nothing to say so.
            var stayingRules = found.Rules.Where(r => !rules.Contains(r)).ToList();
            var stayingAlarms = found.Alarms.Where(a => !alarms.Contains(a)).ToList();
            foreach (var grant in found.ForeignGrants)
            {
                var sids = grant.StatementIds.Where(sid => SidSelected(sid, selection, rules, alarms, grant.TopicArn)).ToList();
                var stillUsed = stayingRules.Where(r => r.TopicArns.Contains(grant.TopicArn)).Select(r => (Sid: SignInAlertNames.StatementSid(r.Name), By: $"EventBridge rule '{r.Name}'"))
                    .Concat(stayingAlarms.Where(a => a.TopicArns.Contains(grant.TopicArn)).Select(a => (Sid: UsageAlarmPlanner.StatementSid(a.Name), By: $"CloudWatch alarm '{a.Name}'")))
                    .Where(use => sids.Contains(use.Sid))
                    .ToList();
                if (stillUsed.Count > 0)
                {
                    kept.Add($"Policy statement(s) {string.Join(", ", stillUsed.Select(u => u.Sid).Distinct())} on topic '{grant.TopicArn}' kept: "
                             + $"{string.Join(", ", stillUsed.Select(u => u.By))}, which stays, still publishes through it.");
                    sids = sids.Except(stillUsed.Select(u => u.Sid)).ToList();
                }

                if (sids.Count == 0)
                {
                    continue;
                }

                var policies = new TopicPolicyWriter(factory.CreateSns(grant.Region));
                changes.Add(new PlannedChange("Topic policy statement", grant.TopicArn, ChangeAction.Delete,
                    $"Remove RootGuard's policy statement(s) {string.Join(", ", sids)} from a topic RootGuard did not create",
                    // Read, edit and checked again when the step runs, so statements others write meanwhile are kept.
                    ct => policies.RemoveStatementsAsync(grant.TopicArn, sids, ct),
                    null, "sns:GetTopicAttributes", "sns:SetTopicAttributes"));
            }

            foreach (var topic in found.Topics)
            {
                var wanted = selection.ByName
                    ? selection.TopicArns.Contains(topic.Arn) || rules.Any(r => r.TopicArns.Contains(topic.Arn)) || alarms.Any(a => a.TopicArns.Contains(topic.Arn))
                    : selection.IncludesComponent(topic.Component);
                if (!wanted)
                {
                    continue;
                }

                if (topic.StackDeployed)
                {
                    kept.Add($"SNS topic '{topic.Arn}' {StackNote}");
                    continue;
                }

                if (remainingUses.Contains(topic.Arn))
                {
                    kept.Add($"SNS topic '{topic.Arn}' is kept: a RootGuard rule or alarm that stays still sends to it.");
                    continue;
                }

                // Deleting the topic would delete someone's subscriptions with it, leave their alarm notifying nothing, or
                // break whatever publishes through a statement they wrote into its policy (their S3 notification, EventBridge
                // rule, another account): none of them would be told.
                if (topic.ForeignSubscriptions.Count > 0 || topic.ForeignAlarms.Count > 0 || topic.ForeignPublishers.Count > 0)
                {
                    var theirs = topic.ForeignSubscriptions.Select(s => $"subscription {s}")
                        .Concat(topic.ForeignAlarms.Select(a => $"CloudWatch alarm '{a}' that notifies it"))
                        .Concat(topic.ForeignPublishers.Select(p => p.Unreadable ? p.ToString() : $"policy {p} that lets them publish to it"));
                    kept.Add($"SNS topic '{topic.Arn}' is kept: RootGuard made it, but not its {string.Join(", ", theirs)}. "
                             + (topic.ForeignPublishers.Count > 0
                                 ? $"Whatever publishes through that policy would lose its alerts with the topic: delete the topic yourself (aws sns delete-topic --topic-arn {topic.Arn}) once nothing publishes to it any more, "
                                   + "or remove those statements and run Remove-RootMonitoring again."
                                 : "Remove those and run Remove-RootMonitoring again, or delete the topic yourself."));
                    continue;
                }

                var sns = factory.CreateSns(topic.Region);
                changes.Add(new PlannedChange("SNS topic", topic.Arn, ChangeAction.Delete, "Delete SNS topic and its subscriptions",
                        ct => sns.DeleteTopicAsync(new SnsModel.DeleteTopicRequest { TopicArn = topic.Arn }, ct), null, "sns:DeleteTopic")
                    .After(ruleDeletions.Where(d => d.Rule.TopicArns.Contains(topic.Arn)).Select(d => d.Step))
                    .After(alarmDeletions.Where(d => d.Alarm.TopicArns.Contains(topic.Arn)).Select(d => d.Step)));
            }

            return new RemovalPlan(Array.Empty<string>(), changes, kept, preparing);
        }

        // Deleting the alarm would lose the actions someone added to it. It stays whole, so it is one that stays: its metric
        // filter, its topic, its statement in someone's topic and its subscriptions stay with it, and are said to.
        private static string KeptForItsActions(ManagedAlarm alarm)
        {
            var filter = alarm.CreatedMetricFilter is { } f ? $", and the metric filter '{f.FilterName}' on log group '{f.LogGroupName}' RootGuard made for it," : string.Empty;
            return $"CloudWatch alarm '{alarm.Name}' in {alarm.Region}{filter} is kept: RootGuard made it, but not its {string.Join(", ", alarm.ForeignActions)}. "
                   + $"Remove those actions, or delete the alarm yourself (aws cloudwatch delete-alarms --alarm-names {alarm.Name} --region {alarm.Region}) once you no longer need them, "
                   + "then run Remove-RootMonitoring again to remove what RootGuard made for it.";
        }

        // Once the rule or alarm that recorded it is deleted, this step's text is the only record left: it names the
        // subscription's ARN, so a failure to unsubscribe says exactly what to remove by hand.
        private static PlannedChange Unsubscribe(AwsClientFactory factory, string region, RecordedSubscription subscription, string recordedOn)
        {
            var sns = factory.CreateSns(ArnParts.RegionOf(subscription.TopicArn) ?? region);
            return new PlannedChange("SNS e-mail subscription", subscription.Endpoint ?? subscription.SubscriptionArn, ChangeAction.Delete,
                $"Unsubscribe {(subscription.Endpoint != null ? $"{subscription.Endpoint} ({subscription.SubscriptionArn})" : subscription.SubscriptionArn)} from {subscription.TopicArn}, a topic RootGuard did not create (RootGuard added it; recorded on {recordedOn})",
                async ct =>
                {
                    try
                    {
                        await sns.UnsubscribeAsync(new SnsModel.UnsubscribeRequest { SubscriptionArn = subscription.SubscriptionArn }, ct).ConfigureAwait(false);
                    }
                    catch (Exception e) when (AwsErrorTranslator.IsNotFound(e))
                    {
                        // Already gone (unsubscribed by its owner, or never confirmed and expired): what was asked for holds.
                    }
                },
                null, "sns:Unsubscribe");
        }

        private static bool SidSelected(string sid, RemovalSelection selection, List<ManagedRule> rules, List<ManagedAlarm> alarms, string topicArn)
        {
            var component = RootGuardOwnership.ComponentOfPolicySid(sid);
            if (selection.ByName)
            {
                var fromRule = rules.Any(r => r.TopicArns.Contains(topicArn)) && component != RootGuardTags.UsageAlarmComponent;
                var fromAlarm = alarms.Any(a => a.TopicArns.Contains(topicArn)) && component != RootGuardTags.SignInAlertComponent;
                return fromRule || fromAlarm || selection.TopicArns.Contains(topicArn);
            }

            return selection.IncludesComponent(component);
        }
    }
}
