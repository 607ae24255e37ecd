using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Connection;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Monitoring
{
    /// <summary>What the user asked Remove-RootMonitoring to remove: whole components, or named resources (from the pipeline).</summary>
    public sealed class RemovalSelection : IChangeRequest
    {
        public ISet<string> Components { get; } = new HashSet<string>(StringComparer.Ordinal);
        public ISet<string> RuleNames { get; } = new HashSet<string>(StringComparer.Ordinal);
        public ISet<string> AlarmNames { get; } = new HashSet<string>(StringComparer.Ordinal);
        public ISet<string> TopicArns { get; } = new HashSet<string>(StringComparer.Ordinal);

        /// <summary>True when resources were named; then only those (and what only they use) are removed.</summary>
        public bool ByName => RuleNames.Count + AlarmNames.Count + TopicArns.Count > 0;

        /// <summary>A resource of this component is selected; one whose component is unknown only when every component is.</summary>
        public bool IncludesComponent(string? component) =>
            component == null ? AllComponents.All(Components.Contains) : Components.Contains(component);

        public static IReadOnlyList<string> AllComponents { get; } = new[] { RootGuardTags.SignInAlertComponent, RootGuardTags.UsageAlarmComponent };

        /// <summary>Adds a topic by its ARN, checked for shape first: a mistyped ARN would match nothing and remove nothing, silently.</summary>
        public void AddTopicArn(string topicArn)
        {
            ValidateTopicArn(topicArn);
            TopicArns.Add(topicArn);
        }

        /// <summary>Every selected topic ARN has the shape of one; no AWS call.</summary>
        public void Validate()
        {
            foreach (var topicArn in TopicArns)
            {
                ValidateTopicArn(topicArn);
            }
        }

        private static void ValidateTopicArn(string topicArn) => NotificationInputRules.ParseTopicArn(topicArn, ArnParts.RegionOf(topicArn) ?? string.Empty);
    }
}
