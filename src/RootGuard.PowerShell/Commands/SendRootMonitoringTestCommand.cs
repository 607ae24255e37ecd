using System.Linq;
using System.Management.Automation;
using RootGuard.Core;
using RootGuard.Core.Aws;
using RootGuard.Core.Monitoring;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.PowerShell.Commands
{
    /// <summary>
    /// <para type="synopsis">Proves that RootGuard's monitors reach people, without anyone signing in as root.</para>
    /// <para type="description">For each monitor RootGuard made (or each one piped in), it first judges the whole chain as Get-RootMonitoring does (the evaluation of RG.ROOT.5 and RG.ROOT.6), then tests it. Sign-in alert: EventBridge's own TestEventPattern checks the rule's live pattern against a sample successful and a sample failed root console sign-in in this account; then a test message, rendered exactly as the rule's target renders a root sign-in and marked as a test in its first line (in the title, for AWS Chatbot's JSON), is published to the rule's topic, so every subscriber sees what a real alert looks like. Usage alarm: the alarm is set to ALARM with a reason that names the test (cloudwatch:SetAlarmState); CloudWatch then notifies the alarm's actions, and the alarm returns to its real state at its next evaluation. Nothing is sent for a monitor whose chain is broken before its topic (rule disabled or changed, target, topic policy or key that would drop a real alert, alarm actions disabled, metric filter or trail broken, alarm already in ALARM), since the test would then reach people a real alert would not: it warns instead, naming the fix. It writes one RootGuard.MonitorTestResult per monitor: what was tested, the topic, how many confirmed and pending subscribers it has, the message id, and the warnings where nobody, or not everyone, would receive it. -WhatIf sends nothing. When EventBridge gives no answer to TestEventPattern (an emulator), the pattern is checked with RootGuard's own matcher and the result says so.</para>
    /// </summary>
    /// <example>
    ///   <code>Send-RootMonitoringTest</code>
    ///   <para>Tests both monitors in the home region and the region of the call; each subscriber gets one test alert, and the usage alarm notifies its topic.</para>
    /// </example>
    /// <example>
    ///   <code>Send-RootMonitoringTest -Component SignInAlert -WhatIf</code>
    ///   <para>Judges the sign-in alert and tests its pattern with EventBridge, and says what it would publish, without sending anything.</para>
    /// </example>
    /// <example>
    ///   <code>New-RootSignInAlert -EmailAddress security@example.com | Send-RootMonitoringTest</code>
    ///   <para>Tests the alert just made; until the address confirms its subscription, the result warns that nobody would receive it.</para>
    /// </example>
    /// <example>
    ///   <code>Get-RootMonitoring | Send-RootMonitoringTest | Where-Object { -not $_.Succeeded } | Select-Object Name, Warnings</code>
    ///   <para>Tests every monitor Get-RootMonitoring lists and shows those that would not reach anyone, with why and the fix.</para>
    /// </example>
    [Cmdlet(VerbsCommunications.Send, "RootMonitoringTest", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(MonitorTestResult))]
    public sealed class SendRootMonitoringTestCommand : RootGuardAwsCmdlet
    {
        private readonly MonitorTestSelection selection = new MonitorTestSelection();

        /// <summary>The monitors to test: SignInAlert, UsageAlarm, or both (the default). Binds from the Component of Get-RootMonitoring's objects.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateSet(RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent)]
        public string[] Component { get; set; } = { RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent };

        /// <summary>The EventBridge rule of a sign-in alert to test (binds from New-RootSignInAlert's and Get-RootMonitoring's objects).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? RuleName { get; set; }

        /// <summary>The CloudWatch alarm of a root usage alarm to test (binds from New-RootUsageAlarm's and Get-RootMonitoring's objects).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? AlarmName { get; set; }

        protected override void ProcessRecord()
        {
            // A piped object that names its rule or alarm selects that monitor; one that names only a component, the component.
            var named = false;
            if (!string.IsNullOrEmpty(RuleName))
            {
                selection.RuleNames.Add(RuleName!);
                named = true;
            }

            if (!string.IsNullOrEmpty(AlarmName))
            {
                selection.AlarmNames.Add(AlarmName!);
                named = true;
            }

            if (!named)
            {
                foreach (var component in Component)
                {
                    selection.Components.Add(component);
                }
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                // Before credentials are resolved and before any AWS call.
                selection.Validate();
            }
            catch (RootGuardException e)
            {
                ThrowTerminating(e);
            }

            using var factory = new AwsClientFactory(Connection);
            var plan = Await(ct => new MonitorTestPlanner(factory).PlanAsync(selection, ct));
            WriteVerbose($"Looked for RootGuard's monitors in {string.Join(", ", plan.Regions)}.");
            foreach (var test in plan.Tests)
            {
                foreach (var pattern in test.Patterns)
                {
                    WriteVerbose($"{test.Monitor.Name}: {pattern}.");
                }
            }

            WriteWarnings(plan);
            // Each test is asked about on its own; one that fails is its own error and the others are still sent.
            ApplyPlan(plan.Changes, failureHandling: PlanFailureHandling.ContinueWithIndependentSteps, describeOutcome: false);

            // A test that could not be sent is reported as such; one declined, previewed or failed writes nothing.
            foreach (var test in plan.Tests.Where(t => t.Sent || !t.CanSend))
            {
                if (test.Sent)
                {
                    WriteVerbose(test.MessageId == null
                        ? $"{test.Change!.Description}: {test.Message}"
                        : $"{test.Change!.Description}, message id {test.MessageId}:\n{test.Message}");
                }

                WriteObject(new MonitorTestResult(test));
            }
        }
    }
}
