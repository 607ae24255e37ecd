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
    /// <para type="synopsis">Lists the root user monitors RootGuard made in an account.</para>
    /// <para type="description">Finds RootGuard's EventBridge rules, SNS topics and CloudWatch alarms by their ManagedBy=RootGuard tag, the metric filters RootGuard created (recorded on their alarm, and still publishing that alarm's metric), the e-mail subscriptions it added to topics it did not create (recorded on the rule or alarm that uses the topic), and RootGuard's own statements in the policies of topics it did not create. It looks in the partition's home region and the region of the call. It changes nothing; Remove-RootMonitoring removes exactly what it lists.</para>
    /// </summary>
    /// <example>
    ///   <code>Get-RootMonitoring -Region eu-west-1</code>
    ///   <para>Lists RootGuard's resources in us-east-1 (the home region, for the sign-in alert) and eu-west-1.</para>
    /// </example>
    /// <example>
    ///   <code>Get-RootMonitoring -Component UsageAlarm -ProfileName audit</code>
    ///   <para>Lists only the root usage alarm's resources, with the credentials of the 'audit' profile.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Get, "RootMonitoring")]
    [OutputType(typeof(RootGuardResource))]
    public sealed class GetRootMonitoringCommand : RootGuardAwsCmdlet
    {
        private const string Unknown = "Unknown";

        /// <summary>The monitors to list: SignInAlert, UsageAlarm, or both (the default).</summary>
        [Parameter(Position = 0)]
        [ValidateSet(RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent)]
        public string[] Component { get; set; } = { RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent };

        protected override void EndProcessing()
        {
            var connection = Connection;
            var regions = RootGuardInventoryReader.RegionsFor(connection);
            using var factory = new AwsClientFactory(connection);
            var found = Await(ct => new RootGuardInventoryReader(factory).ReadAsync(regions, ct));
            WriteObject(Describe(found).Where(r => r.Component == Unknown || Component.Contains(r.Component)), enumerateCollection: true);
        }

        private static IEnumerable<RootGuardResource> Subscriptions(string? component, string region, IReadOnlyList<RecordedSubscription> subscriptions, string owner) =>
            subscriptions.Select(s => new RootGuardResource(component ?? Unknown, "SNS e-mail subscription", s.Endpoint ?? s.SubscriptionArn, region, s.SubscriptionArn,
                $"added by RootGuard to {s.TopicArn}, a topic RootGuard did not create (recorded on {owner})"
                + (s.Endpoint == null ? "; SNS does not list it: pending confirmation, or removed" : string.Empty)));

        private static string StackNote(bool stackDeployed) => stackDeployed ? "; deployed by a CloudFormation stack" : string.Empty;

        private static IEnumerable<RootGuardResource> Describe(RootGuardResources found)
        {
            foreach (var rule in found.Rules)
            {
                yield return new RootGuardResource(rule.Component ?? Unknown, "EventBridge rule", rule.Name, rule.Region, rule.Arn,
                    $"targets: {string.Join(", ", rule.TopicArns)}" + StackNote(rule.StackDeployed));
                foreach (var subscription in Subscriptions(rule.Component, rule.Region, rule.Subscriptions, $"rule {rule.Name}"))
                {
                    yield return subscription;
                }
            }

            foreach (var topic in found.Topics)
            {
                yield return new RootGuardResource(topic.Component ?? Unknown, "SNS topic", ArnParts.ResourceOf(topic.Arn) ?? topic.Arn, topic.Region, topic.Arn, "made by RootGuard" + StackNote(topic.StackDeployed));
            }

            foreach (var alarm in found.Alarms)
            {
                yield return new RootGuardResource(alarm.Component ?? Unknown, "CloudWatch alarm", alarm.Name, alarm.Region, alarm.Arn,
                    $"notifies: {string.Join(", ", alarm.TopicArns)}" + StackNote(alarm.StackDeployed));
                if (alarm.CreatedMetricFilter is { } filter)
                {
                    yield return new RootGuardResource(alarm.Component ?? Unknown, "CloudWatch Logs metric filter", filter.FilterName, alarm.Region, null,
                        $"on log group {filter.LogGroupName}");
                }

                foreach (var subscription in Subscriptions(alarm.Component, alarm.Region, alarm.Subscriptions, $"alarm {alarm.Name}"))
                {
                    yield return subscription;
                }
            }

            foreach (var grant in found.ForeignGrants)
            {
                foreach (var sid in grant.StatementIds)
                {
                    var component = RootGuardOwnership.ComponentOfPolicySid(sid) ?? Unknown;
                    yield return new RootGuardResource(component, "Topic policy statement", sid, grant.Region, grant.TopicArn, "in a topic RootGuard did not create");
                }
            }
        }
    }
}
