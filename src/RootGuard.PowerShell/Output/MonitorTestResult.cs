using System.Linq;
using RootGuard.Core.Monitoring;

namespace RootGuard
{
    /// <summary>What Send-RootMonitoringTest did for one monitor, and whether anyone would receive it.</summary>
    public sealed class MonitorTestResult
    {
        internal MonitorTestResult(MonitorTest test)
        {
            Component = test.Monitor.Component;
            Name = test.Monitor.Name;
            Region = test.Monitor.Region;
            Tested = test.Tested;
            TopicArn = test.TopicArn;
            ConfirmedSubscriptions = test.ConfirmedSubscriptions;
            PendingSubscriptions = test.PendingSubscriptions;
            Sent = test.Sent;
            MessageId = test.MessageId;
            Message = test.Sent ? test.Message : null;
            PatternTests = test.Patterns.Select(p => p.ToString()).ToArray();
            Warnings = test.Warnings.ToArray();
            Succeeded = test.Sent && Warnings.Length == 0;
        }

        /// <summary>SignInAlert or UsageAlarm.</summary>
        public string Component { get; }

        /// <summary>The EventBridge rule or CloudWatch alarm tested.</summary>
        public string? Name { get; }

        public string Region { get; }

        /// <summary>What the test exercised.</summary>
        public string Tested { get; }

        /// <summary>The SNS topic the test (and a real alert) goes to.</summary>
        public string? TopicArn { get; }

        /// <summary>Confirmed subscriptions of the topic: who receives it. Empty when they could not be read.</summary>
        public int? ConfirmedSubscriptions { get; }

        /// <summary>Subscriptions still awaiting confirmation: they receive nothing until confirmed.</summary>
        public int? PendingSubscriptions { get; }

        /// <summary>True when the test was published (sign-in alert) or the alarm set to ALARM (usage alarm).</summary>
        public bool Sent { get; }

        /// <summary>SNS's message id of the test alert; empty for the usage alarm (CloudWatch publishes it and gives no id).</summary>
        public string? MessageId { get; }

        /// <summary>The test message as published (sign-in alert), or the reason the alarm was given (usage alarm).</summary>
        public string? Message { get; }

        /// <summary>The sample sign-ins tested against the rule's live pattern, and who judged each.</summary>
        public string[] PatternTests { get; }

        /// <summary>Why nobody, or not everyone, would receive the test or a real alert, each with its fix. Empty on success.</summary>
        public string[] Warnings { get; }

        /// <summary>True when the test was sent and nothing stands between a real alert and a confirmed subscriber.</summary>
        public bool Succeeded { get; }

        public override string ToString() => $"{Component} {Name}: {(Succeeded ? "sent" : Sent ? "sent, with warnings" : "not sent")}";
    }
}
