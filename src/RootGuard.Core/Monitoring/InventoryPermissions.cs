using System.Collections.Generic;
using System.Linq;

namespace RootGuard.Core.Monitoring
{
    /// <summary>The IAM actions Get-RootMonitoring (read) and Remove-RootMonitoring (read and remove) need: the one list docs/iam-policies.md shows.</summary>
    public static class InventoryPermissions
    {
        public static IReadOnlyList<string> ReadActions { get; } = new[]
        {
            "cloudwatch:DescribeAlarms",
            "cloudwatch:ListTagsForResource",
            "events:ListRules",
            "events:ListTagsForResource",
            "events:ListTargetsByRule",
            "logs:DescribeMetricFilters",
            "sns:GetTopicAttributes",
            "sns:ListSubscriptionsByTopic",
            "sns:ListTagsForResource",
            "sns:ListTopics",
        };

        public static IReadOnlyList<string> RemoveActions { get; } = ReadActions.Concat(new[]
        {
            "cloudwatch:DeleteAlarms",
            "events:DeleteRule",
            "events:DisableRule",
            "events:RemoveTargets",
            "events:UntagResource",
            "logs:DeleteMetricFilter",
            "sns:DeleteTopic",
            "sns:SetTopicAttributes",
            "sns:Unsubscribe",
        }).OrderBy(a => a, System.StringComparer.Ordinal).ToList();
    }
}
