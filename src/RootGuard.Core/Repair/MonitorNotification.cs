using System;
using System.Collections.Generic;
using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core.Repair
{
    /// <summary>Where the repaired monitors notify: -EmailAddress and/or -TopicArn, as New-RootSignInAlert and New-RootUsageAlarm take them.</summary>
    public sealed class MonitorNotification
    {
        public IReadOnlyList<string> EmailAddresses { get; set; } = Array.Empty<string>();
        public string? TopicArn { get; set; }

        public bool IsGiven => EmailAddresses.Count > 0 || !string.IsNullOrEmpty(TopicArn);

        /// <summary>The checks that need no AWS call, before any is made.</summary>
        public void Validate() => NotificationInputRules.ValidateEmailAddresses(EmailAddresses);
    }
}
