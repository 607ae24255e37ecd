using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RootGuard.Core;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Monitoring;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Removes the root user monitors RootGuard made, and nothing else.</para>
    /// <para type="description">Finds what RootGuard made by its ManagedBy=RootGuard tags (EventBridge rules, SNS topics, CloudWatch alarms), by the alarm tag that records a metric filter RootGuard created (removed only while the filter still publishes that alarm's metric), by the rule and alarm tags that record the e-mail subscriptions RootGuard added to topics it did not create, and by RootGuard's own statement ids in the policies of topics it did not create, then removes exactly those. A topic you passed with -TopicArn keeps everything but RootGuard's statement and the subscriptions RootGuard added; a metric filter RootGuard only reused stays; a rule that someone else added targets to keeps those targets; an alarm someone added actions to (another topic, OK or INSUFFICIENT_DATA actions, an EC2 or SSM action) stays whole, with its metric filter and topic; RootGuard's topic stays while a subscription other than e-mail or an alarm RootGuard did not make rests on it, or while a statement RootGuard did not write in its policy lets someone publish to it (an S3 notification, another account), and the metric filter it made while another alarm watches that metric (each with a warning). It searches the partition's home region (where the sign-in alert lives) and the region of the call. Pipe the output of New-RootSignInAlert or New-RootUsageAlarm to remove just that monitor.</para>
    /// </summary>
    /// <example>
    ///   <code>Remove-RootMonitoring -WhatIf</code>
    ///   <para>Lists every resource RootGuard would remove, in the home region and the current region, without removing anything.</para>
    /// </example>
    /// <example>
    ///   <code>Remove-RootMonitoring -Component UsageAlarm -Region eu-west-1 -Force</code>
    ///   <para>Removes the root usage alarm (and the metric filter RootGuard created for it) in eu-west-1 without asking.</para>
    /// </example>
    /// <example>
    ///   <code>New-RootSignInAlert -EmailAddress sec@example.com | Remove-RootMonitoring -Confirm:$false -PassThru</code>
    ///   <para>Removes the sign-in alert that was just made and lists what was deleted.</para>
    /// </example>
    [Cmdlet(VerbsCommon.Remove, "RootMonitoring", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = ByComponentSet)]
    [OutputType(typeof(ResourceChange))]
    public sealed class RemoveRootMonitoringCommand : RootGuardAwsCmdlet
    {
        private const string ByComponentSet = "ByComponent";
        private const string ByResourceSet = "ByResource";

        private readonly RemovalSelection selection = new RemovalSelection();

        /// <summary>The monitors to remove: SignInAlert, UsageAlarm, or both (the default).</summary>
        [Parameter(ParameterSetName = ByComponentSet, Position = 0)]
        [ValidateSet(RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent)]
        public string[] Component { get; set; } = { RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent };

        /// <summary>The EventBridge rule of a sign-in alert (binds from New-RootSignInAlert's output).</summary>
        [Parameter(ParameterSetName = ByResourceSet, ValueFromPipelineByPropertyName = true)]
        public string? RuleName { get; set; }

        /// <summary>The CloudWatch alarm of a root usage alarm (binds from New-RootUsageAlarm's output).</summary>
        [Parameter(ParameterSetName = ByResourceSet, ValueFromPipelineByPropertyName = true)]
        public string? AlarmName { get; set; }

        /// <summary>The SNS topic of a monitor: deleted if RootGuard made it and nothing kept still uses it; otherwise only RootGuard's policy statement goes.</summary>
        [Parameter(ParameterSetName = ByResourceSet, ValueFromPipelineByPropertyName = true)]
        public string? TopicArn { get; set; }

        /// <summary>Remove without the confirmation asked by default. -WhatIf (or $WhatIfPreference) still only lists the removals, and -Confirm or a $ConfirmPreference of Medium or Low still asks.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write a ResourceChange for each resource removed.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByComponentSet)
            {
                foreach (var component in Component)
                {
                    selection.Components.Add(component);
                }

                return;
            }

            if (!string.IsNullOrEmpty(RuleName)) selection.RuleNames.Add(RuleName!);
            if (!string.IsNullOrEmpty(AlarmName)) selection.AlarmNames.Add(AlarmName!);
            if (!string.IsNullOrEmpty(TopicArn))
            {
                try
                {
                    selection.AddTopicArn(TopicArn!);
                }
                catch (RootGuardException e)
                {
                    // One bad piped object is that object's error; the others are still removed.
                    WriteError(ErrorRecords.From(e, TopicArn));
                }
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == ByResourceSet && !selection.ByName)
            {
                WriteWarning("No RuleName, AlarmName or TopicArn was given: nothing to remove.");
                return;
            }

            using var factory = new AwsClientFactory(Connection);
            var plan = Await(ct => new RemovalPlanner(factory).PlanAsync(selection, ct));
            WriteVerbose($"Looked for RootGuard's resources in {string.Join(", ", plan.Regions)}.");
            WriteWarnings(plan);
            if (plan.Changes.Count == 0)
            {
                return;
            }

            // One resource that cannot be removed does not keep the others: each failure is its own error record.
            var outcomes = ApplyPlanSteps(plan.Changes, Force.IsPresent, PlanFailureHandling.ContinueWithIndependentSteps);
            if (PassThru && outcomes != null)
            {
                WriteObject(plan.Reported(outcomes).Select(ResourceChange.From), enumerateCollection: true);
            }
        }
    }
}
