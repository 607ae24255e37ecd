using System;
using RootGuard.Core.Connection;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>What the user asked of New-RootUsageAlarm: the monitor's settings and whom it notifies.</summary>
    public sealed class UsageAlarmRequest : IChangeRequest
    {
        public UsageAlarmRequest(UsageAlarmSettings settings, UsageAlarmNotification notification)
        {
            Settings = settings ?? throw new ArgumentNullException(nameof(settings));
            Notification = notification ?? throw new ArgumentNullException(nameof(notification));
        }

        public UsageAlarmSettings Settings { get; }
        public UsageAlarmNotification Notification { get; }

        /// <summary>Every check that needs no AWS call; throws a <see cref="RootGuardException"/> naming the parameter.</summary>
        public void Validate()
        {
            var settings = Settings;
            var notification = Notification;
            settings.Validate();
            if (string.IsNullOrEmpty(notification.TopicArn) && notification.EmailAddresses.Count == 0)
            {
                throw new RootGuardException(ErrorIds.NoNotificationTarget, FailureKind.InvalidArgument,
                    "An alarm that notifies nobody is no monitor: neither -TopicArn nor -EmailAddress was given.",
                    "Give -EmailAddress to have RootGuard create a topic with e-mail subscriptions, or -TopicArn (or pipe New-RootSignInAlert's output) to use an existing topic.",
                    "EmailAddress");
            }

            NotificationInputRules.ValidateEmailAddresses(notification.EmailAddresses);
            NotificationInputRules.ValidateKmsKey(notification.KmsMasterKeyId);
            // The alarm may also carry the tag that records a metric filter RootGuard created.
            NotificationInputRules.ValidateTags(settings.Tags, RootGuardTags.OwnTagCount + 1);
            if (notification.TopicArn != null)
            {
                // Shape only: the alarm's region is known after the trail is found.
                NotificationInputRules.ParseTopicArn(notification.TopicArn, ArnParts.RegionOf(notification.TopicArn) ?? string.Empty);
            }
        }
    }
}
