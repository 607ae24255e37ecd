using System.Collections.Generic;
using RootGuard.Core.SignInAlert;

namespace RootGuard
{
    /// <summary>
    /// A root console sign-in alert: the EventBridge rule, the SNS topic it publishes to, and who is told. Its
    /// TopicArn and RuleName bind by name to New-RootUsageAlarm -TopicArn and Remove-RootMonitoring.
    /// </summary>
    public sealed class SignInAlert
    {
        internal SignInAlert(SignInAlertPlan plan, IReadOnlyList<ResourceChange> changes)
        {
            Region = plan.Region;
            RuleName = plan.RuleName;
            RuleArn = plan.RuleArn;
            State = plan.State;
            EventPattern = plan.EventPattern;
            TopicArn = plan.Topic.TopicArn;
            Encrypted = plan.Topic.Encrypted;
            Subscriptions = Subscription.ListFrom(plan.Topic);
            Tags = plan.RuleTags;
            Changes = changes;
            MessageFormat = plan.MessageFormat.ToString();
        }

        /// <summary>The region of the rule and topic: the partition's home region unless -Force said otherwise.</summary>
        public string Region { get; }

        public string RuleName { get; }
        public string RuleArn { get; }

        /// <summary>ENABLED: RootGuard never leaves its rule disabled.</summary>
        public string State { get; }

        /// <summary>The rule's event pattern (JSON).</summary>
        public string EventPattern { get; }

        public string TopicArn { get; }

        /// <summary>Whether the topic is encrypted with a KMS key.</summary>
        public bool Encrypted { get; }

        /// <summary>Every subscriber of the topic; new e-mail subscriptions stay pending until confirmed from the inbox.</summary>
        public IReadOnlyList<Subscription> Subscriptions { get; }

        /// <summary>The rule's tags.</summary>
        public IReadOnlyDictionary<string, string> Tags { get; }

        /// <summary>What this call did to each resource: Created, Updated or Unchanged.</summary>
        public IReadOnlyList<ResourceChange> Changes { get; }

        /// <summary>Readable, Raw or Chatbot.</summary>
        public string MessageFormat { get; }

        public override string ToString() => $"{RuleName} -> {TopicArn}";
    }
}
