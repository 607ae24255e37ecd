using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Trails;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// The IAM actions New-RootSignInAlert needs, in one place for the help and an IAM policy. Reads, the changes, and
    /// the calls a rollback makes (DeleteTopic, DeleteRule, RemoveTargets, Unsubscribe, UntagResource), and the key policy check. sts:GetCallerIdentity
    /// needs no permission.
    /// </summary>
    public static class SignInAlertPermissions
    {
        public static IReadOnlyList<string> Actions { get; } = TrailReader.Permissions.Concat(new[]
        {
            "events:DeleteRule",
            "events:DescribeRule",
            "events:ListTagsForResource",
            "events:ListTargetsByRule",
            "events:PutRule",
            "events:PutTargets",
            "events:RemoveTargets",
            "events:TagResource",
            "events:UntagResource",
        }).Concat(UsageAlarm.KeyPolicyGrant.Permissions).Concat(NotificationTopicPlanner.Permissions).ToList();
    }
}
