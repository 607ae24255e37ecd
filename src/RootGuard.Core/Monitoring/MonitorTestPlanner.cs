using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Checks;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws;
using RootGuard.Core.Aws.CloudWatch.Model;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Aws.Sns.Model;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.Ownership;
using RootGuard.Core.Patterns;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// Plans Send-RootMonitoringTest: reads the selected monitors in the home region and the connection's
    /// (<see cref="RootMonitoringReader"/>: each monitor's health, the chain of RG.ROOT.5/6), tests the sign-in alert's live
    /// pattern with EventBridge's own TestEventPattern on a successful and a failed root sign-in (and, when RootGuard judges
    /// the pattern narrowed, on a root sign-in it drops), and renders the message
    /// the rule's target would send. A test is planned to be sent only when everything before the topic works, so a test
    /// never reaches people that a real alert would not. Sends nothing itself.
    /// </summary>
    public sealed class MonitorTestPlanner : IChangePlanner<MonitorTestSelection, MonitorTestPlan>
    {
        /// <summary>The samples tested against a sign-in rule's pattern; the first is the one published.</summary>
        public static IReadOnlyList<RootMonitorSample> SignInSamples { get; } = new[] { RootMonitorSamples.RootSignInSuccessWithMfa, RootMonitorSamples.RootSignInFailure };

        /// <summary>The IAM actions the test itself needs on top of <see cref="RootMonitoringReader"/>'s reads.</summary>
        public static IReadOnlyList<string> TestActions { get; } = new[] { "events:TestEventPattern", "sns:Publish", "cloudwatch:SetAlarmState" };

        private readonly AwsClientFactory factory;
        private readonly Func<DateTimeOffset> clock;

        public MonitorTestPlanner(AwsClientFactory factory, Func<DateTimeOffset>? clock = null)
        {
            this.factory = factory ?? throw new ArgumentNullException(nameof(factory));
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        public async Task<MonitorTestPlan> PlanAsync(MonitorTestSelection selection, CancellationToken cancellationToken = default)
        {
            selection.Validate();
            var regions = RootGuardInventoryReader.RegionsFor(factory.Connection);
            var report = await new RootMonitoringReader(factory).ReadAsync(regions, selection.ComponentsToRead, cancellationToken).ConfigureAwait(false);
            var tests = new List<MonitorTest>();
            foreach (var monitor in report.Monitors.Where(selection.Includes))
            {
                if (monitor.Rule != null) tests.Add(await SignInAlertAsync(report, monitor, monitor.Rule, cancellationToken).ConfigureAwait(false));
                else if (monitor.Alarm != null) tests.Add(UsageAlarm(report, monitor, monitor.Alarm));
                else tests.Add(new MonitorTest(monitor, "nothing: only RootGuard's topics or policy statements remain of this monitor", null, null, null,
                    monitor.Health.Problems.Select(p => p.ToString()).ToList(), Array.Empty<PatternTest>(), null, monitor.Region, "Test", string.Empty, null));
            }

            var warnings = Missing(report, selection, regions).ToList();
            warnings.AddRange(tests.SelectMany(t => t.Warnings.Select(w => $"{t.Monitor.Component} {t.Monitor.Name}: {w}")));
            return new MonitorTestPlan(regions, tests, warnings);
        }

        // What was asked for by name and not found, or nothing at all: the user looks in the wrong region, or has made none yet.
        private static IEnumerable<string> Missing(RootMonitoringReport report, MonitorTestSelection selection, IReadOnlyList<string> regions)
        {
            var where = string.Join(", ", regions);
            foreach (var rule in selection.RuleNames.Where(n => !report.Monitors.Any(m => m.Rule?.Name == n)))
                yield return $"No RootGuard sign-in alert with EventBridge rule {rule} was found in {where}; give -Region where it is.";
            foreach (var alarm in selection.AlarmNames.Where(n => !report.Monitors.Any(m => m.Alarm?.Name == n)))
                yield return $"No RootGuard usage alarm {alarm} was found in {where}; give -Region where it is.";
            if (!selection.ByName && report.Monitors.Count == 0)
                yield return $"No RootGuard monitor ({string.Join(", ", selection.Components)}) was found in {where}: run New-RootSignInAlert or New-RootUsageAlarm first.";
        }

        private async Task<MonitorTest> SignInAlertAsync(RootMonitoringReport report, RootMonitor monitor, ManagedRule managed, CancellationToken ct)
        {
            var evidence = report.SignInEvidence[managed.Region];
            var health = monitor.Health;
            var warnings = health.Problems.Select(p => p.ToString()).ToList();
            var rule = evidence.Rules.Succeeded ? evidence.Rules.Value!.FirstOrDefault(r => r.Name == managed.Name) : null;

            var patterns = new List<PatternTest>();
            if (rule?.EventPattern != null)
            {
                foreach (var sample in SignInSamples)
                    patterns.Add(await TestPatternAsync(managed.Region, rule.EventPattern, sample, report.Context, ct).ConfigureAwait(false));
                if (!patterns[0].Matches)
                    warnings.Add($"EventBridge rule {managed.Name}'s pattern does not match {patterns[0].Sample.Description} ({patterns[0].CheckedBy}), so a real root sign-in alerts nobody. Fix: run New-RootSignInAlert again; it puts back RootGuard's pattern.");
                if (!patterns[1].Matches)
                    warnings.Add($"EventBridge rule {managed.Name}'s pattern does not match {patterns[1].Sample.Description} ({patterns[1].CheckedBy}), so failed root sign-in attempts alert nobody. Fix: run New-RootSignInAlert without -SuccessOnly.");

                // A pattern narrowed to the samples' values (one address range, one browser) matches both samples; the
                // health says it is narrowed (and holds the test back), and EventBridge is asked about a sign-in it drops.
                if (patterns[0].Matches && SignInAlertChain.Analyze(rule) is { IsNarrowed: true } narrowed)
                {
                    var dropped = await TestPatternAsync(managed.Region, rule.EventPattern, narrowed.MissedVariants[0], report.Context, ct).ConfigureAwait(false);
                    patterns.Add(dropped);
                    if (dropped.Matches)
                        warnings.Add($"RootGuard judges that EventBridge rule {managed.Name}'s pattern drops {dropped.Sample.Description}, but {dropped.CheckedBy} matched it; RootGuard's judgement stands until the pattern is RootGuard's own. Fix: run New-RootSignInAlert again; it puts back RootGuard's pattern.");
                }
            }

            var targets = rule == null ? null : SignInAlertChain.SnsTargets(evidence, rule);
            // RootGuard's own target first: the one New-RootSignInAlert made and the one whose message it renders.
            var target = targets?.OrderBy(t => RootGuardOwnership.IsOwnTargetId(t.Id) ? 0 : 1).FirstOrDefault();
            var topicArn = target?.Arn ?? managed.TopicArns.FirstOrDefault();
            var reach = Subscribers(evidence.Topics, topicArn);
            var tested = $"EventBridge rule {managed.Name}: its pattern against {string.Join(" and ", SignInSamples.Select(s => s.Description))}, then a test alert rendered as its target renders a root sign-in, published to its topic";
            warnings.AddRange(NobodyReceives(health, topicArn, reach, "New-RootSignInAlert"));

            string? message = null;
            Func<CancellationToken, Task<string?>>? send = null;
            if (rule != null && target != null && Sendable(health) && patterns.Count > 0 && patterns[0].Matches)
            {
                var eventJson = RootMonitorSamples.InAccount(SignInSamples[0], report.Context.AccountId, report.Context.Partition, managed.Region, clock());
                message = TestMessages.SignInAlert(target, eventJson, rule.Name!, SignInAlertChain.RuleArnOf(rule, managed.Region, report.Context));
                var sns = factory.CreateSns(ArnParts.RegionOf(target.Arn) ?? managed.Region);
                var text = message;
                send = async token => (await sns.PublishAsync(new PublishRequest { TopicArn = target.Arn, Message = text }, token).ConfigureAwait(false)).MessageId;
            }
            else if (warnings.Count == 0)
                warnings.Add($"EventBridge rule {managed.Name} has no SNS target to test.");

            return new MonitorTest(monitor, tested, topicArn, reach?.Confirmed.Count, reach?.Pending, Distinct(warnings), patterns, message, topicArn ?? managed.Name,
                "Publish a test root sign-in alert", "sns:Publish", send);
        }

        private MonitorTest UsageAlarm(RootMonitoringReport report, RootMonitor monitor, ManagedAlarm managed)
        {
            var evidence = report.UsageEvidence[managed.Region];
            var health = monitor.Health;
            var warnings = health.Problems.Select(p => p.ToString()).ToList();
            var alarm = evidence.Alarms.TryGetValue(managed.Region, out var alarms) && alarms.Succeeded
                ? alarms.Value!.FirstOrDefault(a => a.AlarmName == managed.Name)
                : null;
            var topicArn = alarm?.AlarmActions.FirstOrDefault(a => ArnParts.IsService(a, "sns")) ?? managed.TopicArns.FirstOrDefault();
            var reach = Subscribers(evidence.Topics, topicArn);
            warnings.AddRange(NobodyReceives(health, topicArn, reach, "New-RootUsageAlarm"));
            if (alarm?.StateValue == "ALARM")
                warnings.Add($"CloudWatch alarm {managed.Name} is in ALARM already, and CloudWatch notifies only when the state changes, so setting ALARM would tell nobody. Fix: run the test again once the alarm is OK.");

            if (health.Problems.Any(p => p.Code == "ALARM_ACTIONS_MUTED"))
                warnings.Add($"Nobody would receive the test: an alarm mute rule mutes CloudWatch alarm {managed.Name}'s actions, so setting ALARM would notify nobody, as a real root usage would. Fix: delete the mute rule (above), then run the test again.");

            var tested = $"CloudWatch alarm {managed.Name}: its state set to ALARM with a reason that names the test, so CloudWatch notifies its actions";
            string? reason = null;
            Func<CancellationToken, Task<string?>>? send = null;
            if (alarm != null && topicArn != null && Sendable(health) && alarm.StateValue != "ALARM")
            {
                reason = TestMessages.AlarmReason(clock());
                var cloudWatch = factory.CreateCloudWatch(managed.Region);
                var text = reason;
                send = async token =>
                {
                    await cloudWatch.SetAlarmStateAsync(new SetAlarmStateRequest { AlarmName = managed.Name, StateValue = "ALARM", StateReason = text }, token).ConfigureAwait(false);
                    return null;
                };
            }

            return new MonitorTest(monitor, tested, topicArn, reach?.Confirmed.Count, reach?.Pending, Distinct(warnings), Array.Empty<PatternTest>(), reason, managed.Name,
                "Set the alarm to ALARM as a test", "cloudwatch:SetAlarmState", send);
        }

        /// <summary>
        /// The problems that do not hold a test back: nobody confirmed yet, or every subscription filters the alert out (the
        /// test, published as the service publishes, without message attributes, is filtered alike and shows that), or a
        /// detail RootGuard cannot verify from here (the test is the way to prove it). Any other problem is a broken rule, target, policy, key,
        /// filter, trail or alarm, which would let a test reach people while a real alert would not.
        /// </summary>
        private static readonly HashSet<string> SendableDespite = new HashSet<string>(StringComparer.Ordinal)
        {
            "SNS_SUBSCRIPTION_NOT_PRESENT", "SNS_SUBSCRIPTION_FILTERED", "SNS_SUBSCRIPTION_FILTER_NOT_VERIFIABLE", "SNS_TOPIC_NOT_VERIFIABLE", "SNS_TOPIC_POLICY_NOT_VERIFIABLE", "SNS_TOPIC_KEY_NOT_VERIFIABLE",
            "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED", "TRAIL_CLOUDWATCH_LOGS_DELIVERY_ERROR_REPORTED", "TRAIL_NOT_VERIFIABLE", "ALARM_SETTINGS_NOT_VERIFIABLE", "ALARM_STATE_STALE",
            "RULE_PATTERN_NOT_VERIFIABLE", "METRIC_FILTER_NOT_VERIFIABLE",
            // Not muting now: a rule that mutes only later, or mute rules that could not be read (a test that never arrives shows one).
            "ALARM_MUTE_SCHEDULED", "ALARM_MUTE_RULES_NOT_VERIFIABLE",
        };

        private static bool Sendable(MonitorHealth health) => health.Problems.All(p => SendableDespite.Contains(p.Code));

        private async Task<PatternTest> TestPatternAsync(string region, string pattern, RootMonitorSample sample, AssessmentContext context, CancellationToken ct)
        {
            var eventJson = RootMonitorSamples.InAccount(sample, context.AccountId, context.Partition, region, clock());
            string why;
            try
            {
                var answer = await factory.CreateEventBridge(region).TestEventPatternAsync(new TestEventPatternRequest { EventPattern = pattern, Event = eventJson }, ct).ConfigureAwait(false);
                if (answer.Result is { } result) return new PatternTest(sample, result, "EventBridge TestEventPattern");
                why = "its answer had no Result";
            }
            catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
            {
                why = SourceFailure.From("events:TestEventPattern", e).Describe("the pattern test");
            }

            // The same matcher RG.ROOT.5 analyses patterns with; said so, since it is not EventBridge's own word.
            bool matches;
            try
            {
                matches = EventPatternMatcher.Matches(pattern, eventJson);
            }
            catch (PatternSyntaxException)
            {
                matches = false;
            }

            return new PatternTest(sample, matches, $"RootGuard's pattern matcher: EventBridge TestEventPattern gave no answer ({why})");
        }

        /// <summary>The topic's subscribers judged as RG.ROOT.5/6 judge them; null when they could not be read.</summary>
        private static SubscriptionReach? Subscribers(IReadOnlyDictionary<string, TopicEvidence> topics, string? topicArn) =>
            topicArn == null || !topics.TryGetValue(topicArn, out var topic) || topic.Subscriptions?.Succeeded != true
                ? null
                : SubscriptionReach.Of(topic, topic.Subscriptions.Value!);

        /// <summary>
        /// A topic nobody receives the test from, said once: the health says it when the chain got that far (a broken link
        /// earlier stops the chain before the subscriptions, so then it is said here).
        /// </summary>
        private static IEnumerable<string> NobodyReceives(MonitorHealth health, string? topicArn, SubscriptionReach? reach, string command)
        {
            if (reach == null) yield break;
            if (reach.Confirmed.Count == 0 && !health.Problems.Any(p => p.Code == "SNS_SUBSCRIPTION_NOT_PRESENT"))
                yield return $"Nobody would receive the test: SNS topic {topicArn} has no confirmed subscription" + (reach.Pending > 0 ? $" ({reach.Pending} pending confirmation)" : string.Empty)
                             + $". Fix: confirm the subscription from the inbox, or run {command} -EmailAddress <address>.";
            else if (reach.AllDrop && !health.Problems.Any(p => p.Code == "SNS_SUBSCRIPTION_FILTERED"))
                yield return $"Nobody would receive the test: every confirmed subscription of SNS topic {topicArn} filters it out ("
                             + string.Join("; ", reach.Dropping.Select(SubscriptionReach.Describe))
                             + $"). Fix: {reach.FilteredRemedy(command)}";
        }

        private static List<string> Distinct(List<string> warnings) => warnings.Distinct(StringComparer.Ordinal).ToList();
    }
}
