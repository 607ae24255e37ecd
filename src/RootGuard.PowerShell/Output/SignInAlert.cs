using System.Collections.Generic;

namespace RootGuard
{
    /// <summary>
    /// A root console sign-in alert: the EventBridge rule, the SNS topic it publishes to, and who is told. Its
    /// TopicArn and RuleName bind by name to New-RootUsageAlarm -TopicArn and Remove-RootMonitoring.
    /// </summary>
    public sealed class SignInAlert
    {
        internal SignInAlert(string region, string ruleName, string ruleArn, string state, string eventPattern, string topicArn, bool encrypted,
            IReadOnlyList<Subscription> subscriptions, IReadOnlyDictionary<string, string> tags, IReadOnlyList<ResourceChange> changes,
            string messageFormat)
        {
            Region = region;
            RuleName = ruleName;
            RuleArn = ruleArn;
            State = state;
            EventPattern = eventPattern;
            TopicArn = topicArn;
            Encrypted = encrypted;
            Subscriptions = subscriptions;
            Tags = tags;
            Changes = changes;
            MessageFormat = messageFormat;
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
