using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Ownership;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Lists the root user monitors RootGuard made in an account, and whether each one still reaches people.</para>
    /// <para type="description">Finds RootGuard's EventBridge rules, SNS topics and CloudWatch alarms by their ManagedBy=RootGuard tag, the metric filters RootGuard created (recorded on their alarm, and still publishing that alarm's metric), the e-mail subscriptions it added to topics it did not create (recorded on the rule or alarm that uses the topic), and RootGuard's own statements in the policies of topics it did not create. It looks in the partition's home region and the region of the call. It writes one RootGuard.RootMonitor per monitor (a sign-in alert's rule, a usage alarm) with Healthy and Problems: each problem is one sentence naming the broken resource and the fix (rule disabled or changed, target missing or pointing elsewhere, topic policy no longer allowing the rule or alarm, key the service cannot use, no confirmed subscription, alarm actions disabled, alarm in ALARM or INSUFFICIENT_DATA for over a day, metric filter gone or changed, trail not logging or no longer delivering to the filter's log group). Health is judged by the same evaluation as Test-RootAccountSecurity's RG.ROOT.5 and RG.ROOT.6, for RootGuard's own rule and alarm; a monitor whose rule or alarm is gone but whose topic remains is reported unhealthy. With -Resource it writes the resources instead (RootGuard.RootGuardResource), as earlier versions did, without the health reads. It changes nothing. Both kinds of object pipe into Remove-RootMonitoring, which removes exactly that monitor or resource, and into Send-RootMonitoringTest.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-RootMonitoring</code>
    ///   <para>One line per monitor: its component, rule or alarm, whether it is healthy, and what is wrong with it.</para>
    /// </example>
    /// <example>
    ///   <code>Get-RootMonitoring | Where-Object { -not $_.Healthy } | Select-Object -ExpandProperty Problems</code>
    ///   <para>Each problem of the monitors that would not reach anyone, with its fix.</para>
    /// </example>
    /// <example>
    ///   <code>Get-RootMonitoring -Resource -Region eu-west-1</code>
    ///   <para>Lists RootGuard's resources in us-east-1 (the home region, for the sign-in alert) and eu-west-1.</para>
    /// </example>
    /// <example>
    ///   <code>Get-RootMonitoring -Component UsageAlarm -ProfileName audit</code>
    ///   <para>Only the root usage alarm, with the credentials of the 'audit' profile.</para>
    /// </example>
    /// <example>
    ///   <code>Get-RootMonitoring -Component SignInAlert | Remove-RootMonitoring -WhatIf</code>
    ///   <para>Shows what removing the sign-in alert (its rule, and its topic when nothing else uses it) would delete.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "RootMonitoring", DefaultParameterSetName = MonitorSet)]
    [OutputType(typeof(RootMonitor), ParameterSetName = new[] { MonitorSet })]
    [OutputType(typeof(RootGuardResource), ParameterSetName = new[] { ResourceSet })]
    public sealed class GetRootMonitoringCommand : RootGuardAwsCmdlet
    {
        private const string MonitorSet = "Monitor";
        private const string ResourceSet = "Resource";
        private const string Unknown = "Unknown";

        /// <summary>The monitors to list: SignInAlert, UsageAlarm, or both (the default).</summary>
        [Parameter(Position = 0)]
        [ValidateSet(RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent)]
        public string[] Component { get; set; } = { RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent };

        /// <summary>List each resource RootGuard made (RootGuard.RootGuardResource) instead of one object per monitor, and skip the health reads.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ResourceSet)]
        public SwitchParameter Resource { get; set; }

        protected override void EndProcessing()
        {
            var connection = Connection;
            var regions = RootGuardInventoryReader.RegionsFor(connection);
            using var factory = new AwsClientFactory(connection);
            if (Resource)
            {
                var found = Await(ct => new RootGuardInventoryReader(factory).ReadAsync(regions, ct));
                WriteObject(Describe(found).Where(r => r.Component == Unknown || Component.Contains(r.Component)), enumerateCollection: true);
                return;
            }

            var report = Await(ct => new RootMonitoringReader(factory).ReadAsync(regions, Component, ct));
            foreach (var monitor in report.Monitors)
            {
                WriteObject(new RootMonitor(monitor, ResourcesOf(monitor)));
            }
        }

        /// <summary>Every resource RootGuard made, one object each.</summary>
        internal static IEnumerable<RootGuardResource> Describe(RootGuardResources found) =>
            found.Rules.SelectMany(DescribeRule)
                .Concat(found.Topics.Select(DescribeTopic))
                .Concat(found.Alarms.SelectMany(DescribeAlarm))
                .Concat(found.ForeignGrants.SelectMany(g => DescribeGrant(g, null)));

        private static IReadOnlyList<RootGuardResource> ResourcesOf(Core.Monitoring.RootMonitor monitor)
        {
            var resources = new List<RootGuardResource>();
            if (monitor.Rule != null) resources.AddRange(DescribeRule(monitor.Rule));
            if (monitor.Alarm != null) resources.AddRange(DescribeAlarm(monitor.Alarm));
            resources.AddRange(monitor.Topics.Select(DescribeTopic));
            resources.AddRange(monitor.Grants.SelectMany(g => DescribeGrant(g, monitor.Component)));
            return resources;
        }

        // Removed with the rule or alarm that records them: so they carry its name.
        private static IEnumerable<RootGuardResource> Subscriptions(string? component, string region, IReadOnlyList<RecordedSubscription> subscriptions, string owner,
            string? ruleName, string? alarmName) =>
            subscriptions.Select(s => new RootGuardResource(component ?? Unknown, "SNS e-mail subscription", s.Endpoint ?? s.SubscriptionArn, region, s.SubscriptionArn,
                $"added by RootGuard to {s.TopicArn}, a topic RootGuard did not create (recorded on {owner})"
                + (s.Endpoint == null ? "; SNS does not list it: pending confirmation, or removed" : string.Empty), ruleName, alarmName));

        private static string StackNote(bool stackDeployed) => stackDeployed ? "; deployed by a CloudFormation stack" : string.Empty;

        private static IEnumerable<RootGuardResource> DescribeRule(ManagedRule rule)
        {
            yield return new RootGuardResource(rule.Component ?? Unknown, "EventBridge rule", rule.Name, rule.Region, rule.Arn,
                $"targets: {string.Join(", ", rule.TopicArns)}" + StackNote(rule.StackDeployed), ruleName: rule.Name);
            foreach (var subscription in Subscriptions(rule.Component, rule.Region, rule.Subscriptions, $"rule {rule.Name}", rule.Name, null))
            {
                yield return subscription;
            }
        }

        private static RootGuardResource DescribeTopic(ManagedTopic topic) =>
            new RootGuardResource(topic.Component ?? Unknown, "SNS topic", ArnParts.ResourceOf(topic.Arn) ?? topic.Arn, topic.Region, topic.Arn,
                "made by RootGuard" + StackNote(topic.StackDeployed), topicArn: topic.Arn);

        private static IEnumerable<RootGuardResource> DescribeAlarm(ManagedAlarm alarm)
        {
            yield return new RootGuardResource(alarm.Component ?? Unknown, "CloudWatch alarm", alarm.Name, alarm.Region, alarm.Arn,
                $"notifies: {string.Join(", ", alarm.TopicArns)}" + StackNote(alarm.StackDeployed), alarmName: alarm.Name);
            if (alarm.CreatedMetricFilter is { } filter)
            {
                // Removed with its alarm, never alone: so it carries the alarm's name.
                yield return new RootGuardResource(alarm.Component ?? Unknown, "CloudWatch Logs metric filter", filter.FilterName, alarm.Region, null,
                    $"on log group {filter.LogGroupName}", alarmName: alarm.Name);
            }

            foreach (var subscription in Subscriptions(alarm.Component, alarm.Region, alarm.Subscriptions, $"alarm {alarm.Name}", null, alarm.Name))
            {
                yield return subscription;
            }
        }

        private static IEnumerable<RootGuardResource> DescribeGrant(ForeignTopicGrant grant, string? component)
        {
            foreach (var sid in grant.StatementIds)
            {
                var owner = RootGuardOwnership.ComponentOfPolicySid(sid) ?? Unknown;
                if (component == null || owner == component)
                {
                    yield return new RootGuardResource(owner, "Topic policy statement", sid, grant.Region, grant.TopicArn, "in a topic RootGuard did not create",
                        topicArn: grant.TopicArn);
                }
            }
        }
    }
}
