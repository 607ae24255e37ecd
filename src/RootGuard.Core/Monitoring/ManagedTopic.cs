using System.Collections.Generic;
using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core.Monitoring
{
    /// <summary>An SNS topic RootGuard made.</summary>
    public sealed class ManagedTopic
    {
        /// <summary>Made by a CloudFormation stack (Export-RootGuardTemplate): the stack, not Remove-RootMonitoring, removes it.</summary>
        public bool StackDeployed { get; set; }

        /// <summary>
        /// The topic's subscriptions RootGuard cannot have made (RootGuard subscribes e-mail addresses only), as
        /// "protocol endpoint". Deleting the topic would delete them, so Remove-RootMonitoring keeps it while there are any.
        /// Read only for a removal (RootGuardInventoryReader's readWhatRestsOnTopics); empty otherwise.
        /// </summary>
        public IReadOnlyList<string> ForeignSubscriptions { get; set; } = new string[0];

        /// <summary>The alarms RootGuard did not make that notify the topic; Remove-RootMonitoring keeps it while there are any.</summary>
        public IReadOnlyList<string> ForeignAlarms { get; set; } = new string[0];

        /// <summary>
        /// The statements of the topic's policy that RootGuard did not write and that let someone publish (an S3 bucket's
        /// notification, someone's EventBridge rule, another account, AWS Budgets …): SNS's owner-only default statement and
        /// RootGuard's own statements do not count. Deleting the topic would silently break what publishes through them, so
        /// Remove-RootMonitoring keeps it while there are any. Read only for a removal, as <see cref="ForeignSubscriptions"/>.
        /// </summary>
        public IReadOnlyList<TopicPublishGrant> ForeignPublishers { get; set; } = new TopicPublishGrant[0];

        public ManagedTopic(string region, string arn, string? component)
        {
            Region = region;
            Arn = arn;
            Component = component;
        }

        public string Region { get; }
        public string Arn { get; }
        public string? Component { get; }
    }
}
