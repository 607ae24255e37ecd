using System.Collections.Generic;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// The IAM actions New-RootSignInAlert needs, in one place for the help and an IAM policy. Reads, the changes, and
    /// the calls a rollback makes (DeleteTopic, DeleteRule, RemoveTargets, Unsubscribe, UntagResource). sts:GetCallerIdentity
    /// needs no permission.
    /// </summary>
    public static class SignInAlertPermissions
    {
        public static IReadOnlyList<string> Actions { get; } = new[]
        {
            "cloudtrail:DescribeTrails",
            "cloudtrail:GetEventSelectors",
            "cloudtrail:GetTrailStatus",
            "events:DeleteRule",
            "events:DescribeRule",
            "events:ListTagsForResource",
            "events:ListTargetsByRule",
            "events:PutRule",
            "events:PutTargets",
            "events:RemoveTargets",
            "events:TagResource",
            "events:UntagResource",
            "sns:CreateTopic",
            "sns:DeleteTopic",
            "sns:GetTopicAttributes",
            "sns:ListSubscriptionsByTopic",
            "sns:ListTagsForResource",
            "sns:SetTopicAttributes",
            "sns:Subscribe",
            "sns:TagResource",
            "sns:Unsubscribe",
            "sns:UntagResource",
        };
    }
}
