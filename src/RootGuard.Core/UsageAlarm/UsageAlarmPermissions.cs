using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Trails;

namespace RootGuard.Core.UsageAlarm
{
    /// <summary>
    /// The IAM actions New-RootUsageAlarm needs, in one place for the help and an IAM policy: reads (DescribeAlarmsForMetric
    /// finds the RootGuard alarm that proves a metric filter to be RootGuard's), the changes, the calls a rollback makes
    /// (DeleteMetricFilter, DeleteAlarms, UntagResource, DeleteTopic, Unsubscribe), and the key policy check.
    /// sts:GetCallerIdentity needs no permission.
    /// </summary>
    public static class UsageAlarmPermissions
    {
        public static IReadOnlyList<string> Actions { get; } = TrailReader.Permissions.Concat(new[]
        {
            "cloudwatch:DeleteAlarms",
            "cloudwatch:DescribeAlarms",
            "cloudwatch:DescribeAlarmsForMetric",
            "cloudwatch:ListTagsForResource",
            "cloudwatch:PutMetricAlarm",
            "cloudwatch:TagResource",
            "cloudwatch:UntagResource",
            "logs:DeleteMetricFilter",
            "logs:DescribeLogGroups",
            "logs:DescribeMetricFilters",
            "logs:PutMetricFilter",
        }).Concat(KeyPolicyGrant.Permissions).Concat(NotificationTopicPlanner.Permissions).ToList();
    }
}
