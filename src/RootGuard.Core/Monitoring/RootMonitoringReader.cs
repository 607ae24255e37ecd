using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment;
using RootGuard.Core.Assessment.Evidence;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Ownership;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// Reads what RootGuard made (<see cref="RootGuardInventoryReader"/>) and judges each monitor with the assessment's
    /// evidence gathering and chain evaluation (<see cref="MonitorHealthEvaluator"/>): Get-RootMonitoring and
    /// Send-RootMonitoringTest.
    /// </summary>
    public sealed class RootMonitoringReader
    {
        private readonly AwsClientFactory factory;
        private readonly Func<DateTimeOffset> clock;

        public RootMonitoringReader(AwsClientFactory factory, Func<DateTimeOffset>? clock = null)
        {
            this.factory = factory ?? throw new ArgumentNullException(nameof(factory));
            this.clock = clock ?? (() => DateTimeOffset.UtcNow);
        }

        /// <summary>The IAM actions the health reads need on top of the inventory's: those of RG.ROOT.5 and RG.ROOT.6.</summary>
        public static IReadOnlyList<string> HealthActions { get; } = new Assessment.Checks.RootSignInAlertCheck().RequiredActions
            .Concat(new Assessment.Checks.RootUsageAlarmCheck().RequiredActions).Distinct().ToList();

        public async Task<RootMonitoringReport> ReadAsync(IEnumerable<string> regions, IReadOnlyCollection<string> components, CancellationToken ct)
        {
            var (context, found) = await CallerContext.ReadAsync(factory, AssessmentCatalog.DefaultUsageWindowDays, clock,
                () => new RootGuardInventoryReader(factory).ReadAsync(regions, ct), ct).ConfigureAwait(false);

            bool Wanted(string? component) => component != null && components.Contains(component);
            var rules = found.Rules.Where(r => Wanted(r.Component)).ToList();
            var alarms = found.Alarms.Where(a => Wanted(a.Component)).ToList();

            // The same reads as RG.ROOT.5/6, in the regions of RootGuard's rules and alarms, all at once.
            var gatherer = new AssessmentEvidenceGatherer(factory);
            var signInTasks = rules.Select(r => r.Region).Distinct()
                .ToDictionary(region => region, region => gatherer.GatherSignInMonitorAsync(region, ct));
            var usageTasks = alarms.Select(a => a.Region).Distinct()
                .ToDictionary(region => region, region => gatherer.GatherUsageMonitorAsync(region, new[] { region }, ct));
            await Task.WhenAll(signInTasks.Values.Cast<Task>().Concat(usageTasks.Values)).ConfigureAwait(false);
            var signIn = signInTasks.ToDictionary(t => t.Key, t => t.Value.Result);
            var usage = usageTasks.ToDictionary(t => t.Key, t => t.Value.Result);

            var monitors = new List<RootMonitor>();
            var leftovers = Leftovers(found, components);
            foreach (var rule in rules)
            {
                var (topics, grants) = Take(leftovers, rule.Component!, rule.Region);
                monitors.Add(new RootMonitor(RootGuardTags.SignInAlertComponent, rule.Region, rule, null,
                    found.Topics.Where(t => rule.TopicArns.Contains(t.Arn)).Concat(topics).ToList(),
                    GrantsFor(found, rule.TopicArns, RootGuardTags.SignInAlertComponent).Concat(grants).ToList(),
                    MonitorHealthEvaluator.SignInAlert(signIn[rule.Region], rule.Name, context)));
            }

            foreach (var alarm in alarms)
            {
                var (topics, grants) = Take(leftovers, alarm.Component!, alarm.Region);
                monitors.Add(new RootMonitor(RootGuardTags.UsageAlarmComponent, alarm.Region, null, alarm,
                    found.Topics.Where(t => alarm.TopicArns.Contains(t.Arn)).Concat(topics).ToList(),
                    GrantsFor(found, alarm.TopicArns, RootGuardTags.UsageAlarmComponent).Concat(grants).ToList(),
                    MonitorHealthEvaluator.UsageAlarm(usage[alarm.Region], alarm.Name, alarm.Region, alarm.CreatedMetricFilter ?? alarm.UnprovenMetricFilter, context)));
            }

            // What is left of a monitor whose rule or alarm is gone, where no rule or alarm of its component took it in.
            foreach (var group in leftovers.Where(l => l.Value.Topics.Count + l.Value.Grants.Count > 0))
            {
                var (component, region) = group.Key;
                var (topics, grants) = group.Value;
                var remaining = topics.Select(t => $"SNS topic {t.Arn}").Concat(grants.Select(g => $"policy statement in SNS topic {g.TopicArn}")).ToList();
                monitors.Add(new RootMonitor(component, region, null, null, topics, grants, MonitorHealthEvaluator.Remains(component, region, remaining)));
            }

            return new RootMonitoringReport(found, monitors, context, signIn, usage);
        }

        private static List<ForeignTopicGrant> GrantsFor(RootGuardResources found, IReadOnlyList<string> topicArns, string component) =>
            found.ForeignGrants.Where(g => topicArns.Contains(g.TopicArn)
                                          && g.StatementIds.Any(s => RootGuardOwnership.ComponentOfPolicySid(s) == component)).ToList();

        /// <summary>
        /// RootGuard's topics and statements of a component that no rule or alarm of it uses: what is left of a monitor
        /// whose rule or alarm was deleted (or whose target or action was changed), by component and region.
        /// </summary>
        private static Dictionary<(string Component, string Region), (List<ManagedTopic> Topics, List<ForeignTopicGrant> Grants)> Leftovers(
            RootGuardResources found, IReadOnlyCollection<string> components)
        {
            var leftovers = new Dictionary<(string, string), (List<ManagedTopic>, List<ForeignTopicGrant>)>();
            // A stack puts the topic (tagged for the sign-in alert) beside the alarm in regions without a rule, so a stack's
            // topic that an alarm uses is no remnant.
            var usedByAny = found.Rules.SelectMany(r => r.TopicArns).Concat(found.Alarms.SelectMany(a => a.TopicArns)).ToList();
            foreach (var component in components)
            {
                var used = component == RootGuardTags.SignInAlertComponent
                    ? found.Rules.Where(r => r.Component == component).SelectMany(r => r.TopicArns).ToList()
                    : found.Alarms.Where(a => a.Component == component).SelectMany(a => a.TopicArns).ToList();
                var topics = found.Topics.Where(t => t.Component == component && !used.Contains(t.Arn) && !(t.StackDeployed && usedByAny.Contains(t.Arn))).ToList();
                var grants = found.ForeignGrants.Where(g => !used.Contains(g.TopicArn)
                                                            && g.StatementIds.Any(s => RootGuardOwnership.ComponentOfPolicySid(s) == component)).ToList();
                foreach (var region in topics.Select(t => t.Region).Concat(grants.Select(g => g.Region)).Distinct())
                    leftovers[(component, region)] = (topics.Where(t => t.Region == region).ToList(), grants.Where(g => g.Region == region).ToList());
            }

            return leftovers;
        }

        /// <summary>Hands the leftovers of a component and region to a monitor of that component there, once.</summary>
        private static (List<ManagedTopic> Topics, List<ForeignTopicGrant> Grants) Take(
            Dictionary<(string Component, string Region), (List<ManagedTopic> Topics, List<ForeignTopicGrant> Grants)> leftovers, string component, string region)
        {
            if (!leftovers.TryGetValue((component, region), out var taken)) return (new List<ManagedTopic>(), new List<ForeignTopicGrant>());
            leftovers[(component, region)] = (new List<ManagedTopic>(), new List<ForeignTopicGrant>());
            return taken;
        }
    }
}
