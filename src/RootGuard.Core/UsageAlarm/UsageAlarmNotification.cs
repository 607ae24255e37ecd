using System;
using System.Collections.Generic;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>How the root usage alarm is to notify people.</summary>
    public sealed class UsageAlarmNotification
    {
        /// <summary>An existing topic (for example New-RootSignInAlert's); it must be in the alarm's region.</summary>
        public string? TopicArn { get; set; }

        /// <summary>Addresses to subscribe; with no usable -TopicArn, RootGuard creates a topic in the alarm's region.</summary>
        public IReadOnlyList<string> EmailAddresses { get; set; } = Array.Empty<string>();

        public string? KmsMasterKeyId { get; set; }
    }
}
