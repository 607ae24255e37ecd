using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using RootGuard.Core;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.SignInAlert;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Creates or converges an e-mail alert on every console sign-in by the AWS root user.</para>
    /// <para type="description">Makes, in the partition's home region (us-east-1 for aws, where console sign-in events are delivered), an SNS topic with e-mail subscriptions and a topic policy that lets only EventBridge publish on behalf of this rule, and an EventBridge rule that matches successful and failed root console sign-ins with the topic as its target. Messages are readable text by default (-MessageFormat Raw sends the event, Chatbot sends AWS Chatbot's custom notification JSON).</para>
    /// <para type="description">The command is idempotent: it reads what exists and changes only what differs, so a second run changes nothing. With -WhatIf it lists each change and makes none. If a step fails, what this call created is removed again and the error names the step. E-mail subscriptions work only once confirmed from the inbox. Sign-in events reach EventBridge only through CloudTrail: a warning says so when no trail records management events in the region.</para>
    /// <para type="description">A rule or topic a CloudFormation stack made (Export-RootGuardTemplate tags it RootGuard:DeployedBy=CloudFormation) is the stack's: a call that would change it stops before any change with RootGuard.StackManagedResource, since the stack's next update would undo the change. Change it through the stack, or give another -Name (and -TopicArn) for a separate alert; a call that changes nothing on it reports the alert as it is.</para>
    /// </summary>
    /// <example>
    /// <code>New-RootSignInAlert -EmailAddress security@example.com, oncall@example.com</code>
    /// <para>Creates the topic RootGuard-RootSignIn with two e-mail subscriptions and the rule RootGuard-RootSignIn in the home region, then prints the alert. Each address receives a confirmation request.</para>
    /// </example>
    /// <example>
    /// <code>New-RootSignInAlert -EmailAddress security@example.com -KmsMasterKeyId alias/rootguard -Tag @{ CostCenter = 'security' } -WhatIf</code>
    /// <para>Shows what would be created for an encrypted topic with an extra tag, without changing anything.</para>
    /// </example>
    /// <example>
    /// <code>New-RootSignInAlert -TopicArn arn:aws:sns:us-east-1:111122223333:chatops -MessageFormat Chatbot | New-RootUsageAlarm</code>
    /// <para>Sends AWS Chatbot notifications to an existing topic (RootGuard only adds its policy statement to it), and passes the topic on to the root usage alarm.</para>
    /// </example>
    [Cmdlet(VerbsCommon.New, "RootSignInAlert", SupportsShouldProcess = true, DefaultParameterSetName = NewTopicSet)]
    [OutputType(typeof(SignInAlert))]
    public sealed class NewRootSignInAlertCommand : RootGuardAwsCmdlet
    {
        private const string NewTopicSet = "NewTopic";
        private const string ExistingTopicSet = "ExistingTopic";

        /// <summary>The e-mail addresses to notify. Each gets a confirmation request from AWS and is alerted once it confirms. Required unless -TopicArn is given.</summary>
        [Parameter(Mandatory = true, ParameterSetName = NewTopicSet, ValueFromPipelineByPropertyName = true)]
        [Parameter(ParameterSetName = ExistingTopicSet, ValueFromPipelineByPropertyName = true)]
        public string[]? EmailAddress { get; set; }

        /// <summary>An existing SNS topic in the home region to publish to instead of creating one. RootGuard never deletes this topic; it only adds (and Remove-RootMonitoring later removes) its own policy statement and the -EmailAddress subscriptions it added, which it records on the rule's tags (RootGuard:Subscription:&lt;id&gt;).</summary>
        [Parameter(Mandatory = true, ParameterSetName = ExistingTopicSet, ValueFromPipelineByPropertyName = true)]
        public string? TopicArn { get; set; }

        /// <summary>The base name of the rule and of the topic RootGuard creates (default RootGuard-RootSignIn): up to 64 letters, digits, '-' and '_'.</summary>
        [Parameter]
        public string Name { get; set; } = SignInAlertNames.DefaultName;

        /// <summary>A customer managed KMS key (id, ARN or alias) to encrypt the topic. The AWS managed key alias/aws/sns is refused: EventBridge cannot publish to a topic encrypted with it. The key policy must let events.amazonaws.com use kms:GenerateDataKey* and kms:Decrypt; RootGuard checks it when it may read the policy, and refuses a key that does not exist before it makes anything.</summary>
        [Parameter(ParameterSetName = NewTopicSet)]
        public string? KmsMasterKeyId { get; set; }

        /// <summary>What the alert sends: Readable (plain text for e-mail, the default), Raw (the event JSON) or Chatbot (AWS Chatbot's custom notification JSON).</summary>
        [Parameter]
        [ValidateSet("Readable", "Raw", "Chatbot")]
        public string MessageFormat { get; set; } = nameof(SignInAlertMessageFormat.Readable);

        /// <summary>Alert on successful sign-ins only; by default failed attempts are reported too.</summary>
        [Parameter]
        public SwitchParameter SuccessOnly { get; set; }

        /// <summary>Extra tags for every resource RootGuard creates, at most 48 (AWS allows 50, RootGuard adds two). ManagedBy and RootGuard:Component are RootGuard's own and cannot be given.</summary>
        [Parameter]
        public Hashtable? Tag { get; set; }

        /// <summary>Allows a -Region other than the partition's home region, where console sign-in events are delivered; a warning explains what may be missed.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void ProcessRecord()
        {
            try
            {
                // Every input is checked before credentials are resolved and before the first AWS call. Without -Region the
                // partition, and so the home region, comes from the session's region; until that is known, -TopicArn is
                // checked against its own partition's home region, and again once the region is resolved.
                var explicitRegion = MyInvocation.BoundParameters.ContainsKey(nameof(Region)) ? Region : null;
                string? regionWarning = null;
                var region = explicitRegion == null ? null : SignInAlertRegion.Resolve(explicitRegion, explicitRegion, Force.IsPresent, out regionWarning);
                var request = BuildRequest(region ?? SignInAlertRegion.HomeRegionOfTopic(TopicArn) ?? AwsPartitions.HomeRegion("aws"));
                request.Validate();

                if (region == null)
                {
                    region = SignInAlertRegion.Resolve(null, Connection.Region, Force.IsPresent, out regionWarning);
                    request = BuildRequest(region);
                    request.Validate();
                }
                if (regionWarning != null)
                {
                    WriteWarning(regionWarning);
                }

                using var clients = new AwsClientFactory(Connection.InRegion(region));
                var plan = Await(ct => new SignInAlertPlanner(clients).PlanAsync(request, ct));
                WriteWarnings(plan);
                if (VerboseWanted)
                {
                    // Rendering the sample runs the input transformer over a sample event: only when someone will read it.
                    WriteVerbose(SampleMessage(plan));
                }

                var changes = ApplyPlan(plan.Changes);
                if (changes == null)
                {
                    return;
                }

                var alert = new SignInAlert(plan, changes);
                Report(changes, alert.Subscriptions);
                WriteObject(alert);
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }
        }

        private SignInAlertRequest BuildRequest(string region) => new SignInAlertRequest(region)
        {
            Name = Name,
            TopicArn = TopicArn,
            EmailAddresses = EmailAddress ?? Array.Empty<string>(),
            KmsMasterKeyId = KmsMasterKeyId,
            MessageFormat = (SignInAlertMessageFormat)Enum.Parse(typeof(SignInAlertMessageFormat), MessageFormat, ignoreCase: true),
            SuccessOnly = SuccessOnly.IsPresent,
            Tags = TagsFrom(Tag),
        };

        private void Report(IReadOnlyList<ResourceChange> changes, IReadOnlyList<Subscription> subscriptions)
        {
            if (changes.All(c => c.Change == ResourceChangeKind.Unchanged))
            {
                // What Write-Host does: shown by default, yet not part of the output.
                WriteInformation(new HostInformationMessage { Message = "The sign-in alert is already as requested; nothing was changed." }, new[] { "PSHOST" });
            }

            var pending = subscriptions.Where(s => s.Status == SubscriptionStatus.PendingConfirmation).Select(s => s.Endpoint).ToList();
            if (pending.Count > 0)
            {
                WriteWarning($"E-mail subscriptions must be confirmed from the inbox before any alert is delivered: AWS Notifications sent a confirmation link to {string.Join(", ", pending)}.");
            }
        }

        private static string SampleMessage(SignInAlertPlan plan)
        {
            if (plan.Transformer == null)
            {
                return "Each alert is the EventBridge event as JSON.";
            }

            try
            {
                return "A root sign-in will be reported like this:" + Environment.NewLine
                       + InputTransformerPreview.Render(plan.Transformer, RootMonitorSamples.RootSignInSuccessWithMfa.Json, plan.RuleName, plan.RuleArn);
            }
            catch (FormatException e)
            {
                return "The sample message could not be rendered: " + e.Message;
            }
        }
    }
}
