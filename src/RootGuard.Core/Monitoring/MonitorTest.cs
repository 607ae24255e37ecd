using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;
using RootGuard.Core.UsageAlarm;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// The test of one monitor: what it proves, where it sends, who would receive it, what would stop a real alert,
    /// and the one step that sends the test (<see cref="Change"/>), or none when sending would prove nothing.
    /// </summary>
    public sealed class MonitorTest
    {
        internal MonitorTest(RootMonitor monitor, string tested, string? topicArn, int? confirmed, int? pending, IReadOnlyList<string> warnings,
            IReadOnlyList<PatternTest> patterns, string? message, string target, string action, string permission, Func<CancellationToken, Task<string?>>? send)
        {
            Monitor = monitor;
            Tested = tested;
            TopicArn = topicArn;
            ConfirmedSubscriptions = confirmed;
            PendingSubscriptions = pending;
            Warnings = warnings;
            Patterns = patterns;
            Message = message;
            if (send != null)
            {
                // Sending a test changes no resource's settings, but it reaches people (or flips an alarm): a mutating step,
                // asked about and skipped by -WhatIf like any other.
                Change = new PlannedChange(monitor.Component == RootGuardTags.SignInAlertComponent ? NotificationTopicPlanner.TopicResourceType : UsageAlarmPlanner.AlarmResourceType,
                    target, ChangeAction.Update, action, async ct =>
                    {
                        MessageId = await send(ct).ConfigureAwait(false);
                        Sent = true;
                    }, null, permission);
            }
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

        /// <summary>
        /// The step that sends the test (target: the topic or alarm; description: the verb phrase; permission: sns:Publish or
        /// cloudwatch:SetAlarmState); null when a link before the topic is broken, so a test would reach people while a real alert would not.
        /// </summary>
        public PlannedChange? Change { get; }

        /// <summary>False when there is nothing to send (see <see cref="Change"/>).</summary>
        public bool CanSend => Change != null;

        /// <summary>True once <see cref="Change"/> was applied: the test was published, or the alarm set to ALARM.</summary>
        public bool Sent { get; private set; }

        /// <summary>SNS's message id once the test alert was published; null for an alarm (CloudWatch gives none).</summary>
        public string? MessageId { get; private set; }
    }
}
