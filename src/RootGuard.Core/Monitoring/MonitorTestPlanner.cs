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

namespace RootGuard.Core.Monitoring
{
    /// <summary>Which monitors to test: whole components, or named rules and alarms (from the pipeline).</summary>
    public sealed class MonitorTestSelection
    {
        public ISet<string> Components { get; } = new HashSet<string>(StringComparer.Ordinal);
        public ISet<string> RuleNames { get; } = new HashSet<string>(StringComparer.Ordinal);
        public ISet<string> AlarmNames { get; } = new HashSet<string>(StringComparer.Ordinal);

        public bool ByName => RuleNames.Count + AlarmNames.Count > 0;

        /// <summary>The components whose health has to be read.</summary>
        public IReadOnlyCollection<string> ComponentsToRead =>
            ByName
                ? RemovalSelection.AllComponents.Where(c => c == RootGuardTags.SignInAlertComponent ? RuleNames.Count > 0 || Components.Contains(c) : AlarmNames.Count > 0 || Components.Contains(c)).ToList()
                : Components.ToList();

        public bool Includes(RootMonitor monitor) =>
            monitor.Rule != null && RuleNames.Contains(monitor.Rule.Name)
            || monitor.Alarm != null && AlarmNames.Contains(monitor.Alarm.Name)
            || Components.Contains(monitor.Component);
    }

    /// <summary>How one sample sign-in fared against the rule's live pattern.</summary>
    public sealed class PatternTest
    {
        public PatternTest(RootMonitorSample sample, bool matches, string checkedBy)
        {
            Sample = sample;
            Matches = matches;
            CheckedBy = checkedBy;
        }

        public RootMonitorSample Sample { get; }
        public bool Matches { get; }

        /// <summary>EventBridge's TestEventPattern, or RootGuard's matcher when EventBridge gave no answer (and why).</summary>
        public string CheckedBy { get; }

        public override string ToString() => $"{Sample.Description}: {(Matches ? "matches" : "does not match")} ({CheckedBy})";
    }

    /// <summary>
    /// The test of one monitor: what it proves, where it sends, who would receive it, what would stop a real alert,
    /// and the one call that sends the test (<see cref="SendAsync"/>), or none when sending would prove nothing.
    /// </summary>
    public sealed class MonitorTestPlan
    {
        private readonly Func<CancellationToken, Task<string?>>? send;

        internal MonitorTestPlan(RootMonitor monitor, string tested, string? topicArn, int? confirmed, int? pending, IReadOnlyList<string> warnings,
            IReadOnlyList<PatternTest> patterns, string? message, string target, string action, string permission, Func<CancellationToken, Task<string?>>? send)
        {
            Permission = permission;
            Monitor = monitor;
            Tested = tested;
            TopicArn = topicArn;
            ConfirmedSubscriptions = confirmed;
            PendingSubscriptions = pending;
            Warnings = warnings;
            Patterns = patterns;
            Message = message;
            Target = target;
            Action = action;
            this.send = send;
        }

        public RootMonitor Monitor { get; }

        /// <summary>What the test exercises, in one sentence.</summary>
        public string Tested { get; }

        public string? TopicArn { get; }

        /// <summary>Confirmed subscriptions of the topic; null when they could not be read.</summary>
        public int? ConfirmedSubscriptions { get; }

        /// <summary>Subscriptions awaiting confirmation (they receive nothing); null when they could not be read.</summary>
        public int? PendingSubscriptions { get; }

        /// <summary>Why nobody, or not everyone it should, would receive the test or a real alert; empty when nothing is in the way.</summary>
        public IReadOnlyList<string> Warnings { get; }

        /// <summary>The sample sign-ins tested against the rule's pattern (sign-in alert only).</summary>
        public IReadOnlyList<PatternTest> Patterns { get; }

        /// <summary>The test message as published (sign-in alert), or the alarm's state reason (usage alarm).</summary>
        public string? Message { get; }

        /// <summary>The resource the test acts on, for ShouldProcess.</summary>
        public string Target { get; }

        /// <summary>The verb phrase of the test, for ShouldProcess.</summary>
        public string Action { get; }

        /// <summary>The IAM action the send needs (sns:Publish, cloudwatch:SetAlarmState), named when AWS denies it.</summary>
        public string Permission { get; }

        /// <summary>False when a link before the topic is broken: a test would reach people while a real alert would not.</summary>
        public bool CanSend => send != null;

        /// <summary>Sends the test; the SNS message id, or null for an alarm (CloudWatch gives none).</summary>
        public Task<string?> SendAsync(CancellationToken cancellationToken) =>
            send?.Invoke(cancellationToken) ?? throw new InvalidOperationException("This monitor's test cannot be sent: " + string.Join(" ", Warnings));
    }

    /// <summary>
    /// Plans Send-RootMonitoringTest from what <see cref="RootMonitoringReader"/> read: each monitor's health (the chain of
    /// RG.ROOT.5/6), for the sign-in alert EventBridge's own TestEventPattern on the live pattern with a successful and a
    /// failed root sign-in, and the message the rule's target would render. A test is sent only when everything before
    /// the topic works, so a test never reaches people that a real alert would not.
    /// </summary>
    public sealed class MonitorTestPlanner
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

        public async Task<IReadOnlyList<MonitorTestPlan>> PlanAsync(RootMonitoringReport report, MonitorTestSelection selection, CancellationToken ct)
        {
            var plans = new List<MonitorTestPlan>();
            foreach (var monitor in report.Monitors.Where(selection.Includes))
            {
                if (monitor.Rule != null) plans.Add(await SignInAlertAsync(report, monitor, monitor.Rule, ct).ConfigureAwait(false));
                else if (monitor.Alarm != null) plans.Add(UsageAlarm(report, monitor, monitor.Alarm));
                else plans.Add(new MonitorTestPlan(monitor, "nothing: only RootGuard's topics or policy statements remain of this monitor", null, null, null,
                    monitor.Health.Problems.Select(p => p.ToString()).ToList(), Array.Empty<PatternTest>(), null, monitor.Region, "Test", string.Empty, null));
            }

            return plans;
        }

        private async Task<MonitorTestPlan> SignInAlertAsync(RootMonitoringReport report, RootMonitor monitor, ManagedRule managed, CancellationToken ct)
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
            }

            var targets = rule == null ? null : SignInAlertChain.SnsTargets(evidence, rule);
            // RootGuard's own target first: the one New-RootSignInAlert made and the one whose message it renders.
            var target = targets?.OrderBy(t => RootGuardOwnership.IsOwnTargetId(t.Id) ? 0 : 1).FirstOrDefault();
            var topicArn = target?.Arn ?? managed.TopicArns.FirstOrDefault();
            var (confirmed, pending) = Subscribers(evidence.Topics, topicArn);
            var tested = $"EventBridge rule {managed.Name}: its pattern against {string.Join(" and ", SignInSamples.Select(s => s.Description))}, then a test alert rendered as its target renders a root sign-in, published to its topic";
            warnings.AddRange(NobodyReceives(health, topicArn, confirmed, pending, "New-RootSignInAlert"));

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

            return new MonitorTestPlan(monitor, tested, topicArn, confirmed, pending, Distinct(warnings), patterns, message, topicArn ?? managed.Name,
                "Publish a test root sign-in alert", "sns:Publish", send);
        }

        private MonitorTestPlan UsageAlarm(RootMonitoringReport report, RootMonitor monitor, ManagedAlarm managed)
        {
            var evidence = report.UsageEvidence[managed.Region];
            var health = monitor.Health;
            var warnings = health.Problems.Select(p => p.ToString()).ToList();
            var alarm = evidence.Alarms.TryGetValue(managed.Region, out var alarms) && alarms.Succeeded
                ? alarms.Value!.FirstOrDefault(a => a.AlarmName == managed.Name)
                : null;
            var topicArn = alarm?.AlarmActions.FirstOrDefault(a => ArnParts.IsService(a, "sns")) ?? managed.TopicArns.FirstOrDefault();
            var (confirmed, pending) = Subscribers(evidence.Topics, topicArn);
            warnings.AddRange(NobodyReceives(health, topicArn, confirmed, pending, "New-RootUsageAlarm"));
            if (alarm?.StateValue == "ALARM")
                warnings.Add($"CloudWatch alarm {managed.Name} is in ALARM already, and CloudWatch notifies only when the state changes, so setting ALARM would tell nobody. Fix: run the test again once the alarm is OK.");

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

            return new MonitorTestPlan(monitor, tested, topicArn, confirmed, pending, Distinct(warnings), Array.Empty<PatternTest>(), reason, managed.Name,
                "Set the alarm to ALARM as a test", "cloudwatch:SetAlarmState", send);
        }

        /// <summary>
        /// The problems that do not hold a test back: nobody confirmed yet (the test shows that), or a detail RootGuard cannot
        /// verify from here (the test is the way to prove it). Any other problem is a broken rule, target, policy, key,
        /// filter, trail or alarm, which would let a test reach people while a real alert would not.
        /// </summary>
        private static readonly HashSet<string> SendableDespite = new HashSet<string>(StringComparer.Ordinal)
        {
            "SNS_SUBSCRIPTION_NOT_PRESENT", "SNS_TOPIC_NOT_VERIFIABLE", "SNS_TOPIC_POLICY_NOT_VERIFIABLE", "SNS_TOPIC_KEY_NOT_VERIFIABLE",
            "TRAIL_MANAGEMENT_EVENT_SOURCES_EXCLUDED", "ALARM_SETTINGS_NOT_VERIFIABLE", "ALARM_STATE_STALE",
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

        private static (int? Confirmed, int? Pending) Subscribers(IReadOnlyDictionary<string, TopicEvidence> topics, string? topicArn)
        {
            if (topicArn == null || !topics.TryGetValue(topicArn, out var topic) || topic.Subscriptions?.Succeeded != true) return (null, null);
            var all = topic.Subscriptions.Value!;
            var confirmed = all.Count(MonitorLink.IsConfirmed);
            return (confirmed, all.Count - confirmed);
        }

        /// <summary>A topic without a confirmed subscriber, said once: the health says it when the chain got that far.</summary>
        private static IEnumerable<string> NobodyReceives(MonitorHealth health, string? topicArn, int? confirmed, int? pending, string command)
        {
            if (confirmed != 0 || health.Problems.Any(p => p.Code == "SNS_SUBSCRIPTION_NOT_PRESENT")) yield break;
            yield return $"Nobody would receive the test: SNS topic {topicArn} has no confirmed subscription" + (pending > 0 ? $" ({pending} pending confirmation)" : string.Empty)
                         + $". Fix: confirm the subscription from the inbox, or run {command} -EmailAddress <address>.";
        }

        private static List<string> Distinct(List<string> warnings) => warnings.Distinct(StringComparer.Ordinal).ToList();
    }
}
