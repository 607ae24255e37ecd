using System;
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
            var connection = Connection;
            var regions = RootGuardInventoryReader.RegionsFor(connection);
            using var factory = new AwsClientFactory(connection);
            WriteVerbose($"Looking for RootGuard's monitors in {string.Join(", ", regions)}.");
            var report = Await(ct => new RootMonitoringReader(factory).ReadAsync(regions, selection.ComponentsToRead, ct));
            var plans = Await(ct => new MonitorTestPlanner(factory).PlanAsync(report, selection, ct));
            WarnAboutMissing(report, regions);

            foreach (var plan in plans)
            {
                foreach (var pattern in plan.Patterns)
                {
                    WriteVerbose($"{plan.Monitor.Name}: {pattern}.");
                }

                foreach (var warning in plan.Warnings)
                {
                    WriteWarning($"{plan.Monitor.Component} {plan.Monitor.Name}: {warning}");
                }

                if (!plan.CanSend)
                {
                    WriteObject(new MonitorTestResult(plan, sent: false, messageId: null));
                    continue;
                }

                if (!ShouldProcess(plan.Target, plan.Action))
                {
                    continue;
                }

                string? messageId;
                try
                {
                    messageId = plan.SendAsync(CancellationToken).GetAwaiter().GetResult();
                }
                catch (Exception e) when (!(e is PipelineStoppedException))
                {
                    // Ctrl+C is a pipeline stop, not an error.
                    if (CancellationToken.IsCancellationRequested) throw new PipelineStoppedException();
                    // One monitor that cannot be tested does not keep the others from their test.
                    WriteError(ErrorRecords.From(AwsErrorTranslator.Translate(e, new[] { plan.Permission }), plan.Target));
                    continue;
                }

                WriteVerbose(messageId == null ? $"{plan.Action}: {plan.Message}" : $"{plan.Action}, message id {messageId}:\n{plan.Message}");
                WriteObject(new MonitorTestResult(plan, sent: true, messageId));
            }
        }

        private void WarnAboutMissing(RootMonitoringReport report, IReadOnlyList<string> regions)
        {
            var where = string.Join(", ", regions);
            foreach (var rule in selection.RuleNames.Where(n => !report.Monitors.Any(m => m.Rule?.Name == n)))
            {
                WriteWarning($"No RootGuard sign-in alert with EventBridge rule {rule} was found in {where}; give -Region where it is.");
            }

            foreach (var alarm in selection.AlarmNames.Where(n => !report.Monitors.Any(m => m.Alarm?.Name == n)))
            {
                WriteWarning($"No RootGuard usage alarm {alarm} was found in {where}; give -Region where it is.");
            }

            if (!selection.ByName && report.Monitors.Count == 0)
            {
                WriteWarning($"No RootGuard monitor ({string.Join(", ", selection.Components)}) was found in {where}: run New-RootSignInAlert or New-RootUsageAlarm first.");
            }
        }
    }
}
