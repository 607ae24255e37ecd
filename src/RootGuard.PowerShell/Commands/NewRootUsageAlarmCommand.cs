using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RootGuard.Core;
using RootGuard.Core.Aws;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates or converges the CIS root account usage monitor: CloudTrail log group → metric filter → metric → CloudWatch alarm → SNS.</para>
    /// <para type="description">New-RootUsageAlarm finds a multi-region CloudTrail trail that is logging, records management events (read and write) and delivers to CloudWatch Logs; failing that, one whose only problem is a reported CloudWatch Logs delivery error while it delivered within the last hour (the error may predate a fix), with a warning; when none qualifies it stops and says, for each trail, which condition failed and what to change. On that trail's log group it makes the metric filter of the CIS AWS Foundations Benchmark root account usage control (Security Hub CloudWatch.1), with the exact CIS pattern, unless an equivalent filter already exists, which it reuses as it is. It never changes a metric filter or alarm it did not make: a same-named one that differs stops the command before any change (RootGuard.MetricFilterNotManaged, RootGuard.AlarmNotManaged), unless -AdoptExisting is given; a filter another RootGuard alarm owns is never shared (RootGuard.MetricFilterInUse); an alarm, its filter or a topic that a CloudFormation stack made (tagged RootGuard:DeployedBy=CloudFormation) is never changed either (RootGuard.StackManagedResource: change it through the stack, or give another -AlarmName and -FilterName). It then creates a CloudWatch alarm (Sum over 300 seconds, threshold 1) in the log group's region that notifies an SNS topic: -TopicArn (for example piped from New-RootSignInAlert) or a RootGuard topic with -EmailAddress subscriptions; subscriptions it adds to a topic it did not create are recorded on the alarm's tags, so Remove-RootMonitoring removes exactly those. Running it again changes nothing; -WhatIf lists each change; if a step fails, what this call made is removed again.</para>
    /// </summary>
    /// <example>
    /// <code>New-RootUsageAlarm -EmailAddress security@example.com</code>
    /// <para>Finds the trail, makes the CIS metric filter and the alarm in the log group's region, and a RootGuard topic that e-mails security@example.com.</para>
    /// </example>
    /// <example>
    /// <code>New-RootSignInAlert -EmailAddress security@example.com | New-RootUsageAlarm</code>
    /// <para>Uses the sign-in alert's topic for the alarm too (when the trail's log group is in the same region as the topic).</para>
    /// </example>
    /// <example>
    /// <code>New-RootUsageAlarm -EmailAddress security@example.com -AdoptExisting</code>
    /// <para>Takes over a metric filter named RootAccountUsage or an alarm named RootGuard-RootAccountUsage that someone else made (without -AdoptExisting the command stops and changes nothing), sets them up as the CIS monitor and marks them as RootGuard's.</para>
    /// </example>
    /// <example>
    /// <code>New-RootUsageAlarm -LogGroupName aws-cloudtrail-logs -TopicArn arn:aws:sns:eu-west-1:111122223333:secops -WhatIf</code>
    /// <para>Shows what would be made on the named log group, notifying an existing topic, without changing anything.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "RootUsageAlarm", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(UsageAlarm))]
    public sealed class NewRootUsageAlarmCommand : RootGuardAwsCmdlet
    {
        /// <summary>An existing SNS topic for the alarm to notify, in the alarm's region. Binds from the TopicArn property of piped objects, such as New-RootSignInAlert's output. On a topic RootGuard did not create it only adds its policy statement and the -EmailAddress subscriptions, which it records on the alarm's tags so Remove-RootMonitoring removes exactly those.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TopicArn { get; set; }

        /// <summary>E-mail addresses to subscribe. Without -TopicArn (or with a topic in another region) RootGuard creates a topic in the alarm's region for them.</summary>
        [Parameter]
        public string[]? EmailAddress { get; set; }

        /// <summary>The CloudWatch Logs group to put the filter on, in the -Region; it must exist. By default, the log group of the trail RootGuard finds.</summary>
        [Parameter]
        public string? LogGroupName { get; set; }

        /// <summary>The metric filter's name. Default: RootAccountUsage, or RootAccountUsage-&lt;namespace&gt; with a -MetricNamespace other than CloudTrailMetrics, so alarms on different namespaces never share one filter. A filter of this name that RootGuard did not make is used only if it is already exactly as wanted; otherwise the command stops with RootGuard.MetricFilterNotManaged (see -AdoptExisting).</summary>
        [Parameter]
        public string? FilterName { get; set; }

        /// <summary>The alarm's name (default RootGuard-RootAccountUsage); a topic RootGuard creates is named after it. An alarm of this name that RootGuard did not make stops the command with RootGuard.AlarmNotManaged (see -AdoptExisting).</summary>
        [Parameter]
        public string AlarmName { get; set; } = RootMonitorDefinitions.DefaultAlarmName;

        /// <summary>The metric namespace the filter publishes to (default CloudTrailMetrics, as CIS has it).</summary>
        [Parameter]
        public string MetricNamespace { get; set; } = RootMonitorDefinitions.MetricNamespace;

        /// <summary>The metric name the filter publishes (default RootAccountUsageCount).</summary>
        [Parameter]
        public string MetricName { get; set; } = RootMonitorDefinitions.MetricName;

        /// <summary>The alarm period in seconds: 10, 30 or a multiple of 60 (default 300).</summary>
        [Parameter]
        public int Period { get; set; } = 300;

        /// <summary>How many root actions in a period set the alarm off (at least 1, the default, and finite). Above 1, a single root action raises no alarm: the command warns, and Test-RootAccountSecurity fails RG.ROOT.6.</summary>
        [Parameter]
        public double Threshold { get; set; } = 1;

        /// <summary>How many periods are evaluated, each of which must breach (at least 1, the default). Above 1, a single root action raises no alarm: the command warns, and Test-RootAccountSecurity fails RG.ROOT.6.</summary>
        [Parameter]
        public int EvaluationPeriods { get; set; } = 1;

        /// <summary>A customer managed KMS key (id, ARN or alias) to encrypt a topic RootGuard creates. Its key policy must let cloudwatch.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt; RootGuard checks it when it may read the policy, and refuses a key that does not exist. alias/aws/sns is refused.</summary>
        [Parameter]
        public string? KmsMasterKeyId { get; set; }

        /// <summary>Tags for the alarm and a topic RootGuard creates, besides ManagedBy=RootGuard and RootGuard:Component=UsageAlarm: at most 47 (AWS allows 50 per resource, and RootGuard adds up to three).</summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary>Leaves sts:AssumeRoot task sessions (centralized root access) out of the filter. The pattern is then no longer the CIS one, and Security Hub CloudWatch.1 reports the control as failed.</summary>
        [Parameter]
        public SwitchParameter ExcludeCentralizedRootSession { get; set; }

        /// <summary>Take over a metric filter named -FilterName or an alarm named -AlarmName that RootGuard did not make, instead of stopping: RootGuard sets it as it wants, marks it as its own (the alarm's tags), and Remove-RootMonitoring then deletes it. A filter that belongs to another RootGuard alarm is never taken over.</summary>
        [Parameter]
        public SwitchParameter AdoptExisting { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                // Bad input ends the call here, before credentials are even resolved: no AWS call is made.
                var request = BuildRequest();
                request.Validate();
                using var clients = new AwsClientFactory(Connection);
                var plan = Await(ct => new UsageAlarmPlanner(clients).PlanAsync(request, ct));
                WriteWarnings(plan);
                var changes = ApplyPlan(plan.Changes);
                if (changes == null)
                {
                    return;
                }

                if (plan.Topic.Subscriptions.Any(s => !s.Confirmed))
                {
                    WriteWarning("E-mail subscriptions stay pending until each address confirms from its inbox; until then the alarm reaches nobody.");
                }

                WriteObject(new UsageAlarm(plan, changes));
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }
        }

        private UsageAlarmRequest BuildRequest() => new UsageAlarmRequest(
            new UsageAlarmSettings
            {
                LogGroupName = LogGroupName,
                FilterName = string.IsNullOrEmpty(FilterName) ? null : FilterName,
                AlarmName = AlarmName,
                MetricNamespace = MetricNamespace,
                MetricName = MetricName,
                Period = Period,
                Threshold = Threshold,
                EvaluationPeriods = EvaluationPeriods,
                ExcludeCentralizedRootSession = ExcludeCentralizedRootSession.IsPresent,
                AdoptExisting = AdoptExisting.IsPresent,
                Tags = TagsFrom(Tag),
            },
            new UsageAlarmNotification
            {
                TopicArn = string.IsNullOrEmpty(TopicArn) ? null : TopicArn,
                EmailAddresses = EmailAddress ?? new string[0],
                KmsMasterKeyId = KmsMasterKeyId,
            });
    }
}
