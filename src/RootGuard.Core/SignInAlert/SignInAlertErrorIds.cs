using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core
{
    public static partial class ErrorIds
    {
        /// <summary>A rule with the alert's name exists and is not RootGuard's.</summary>
        public const string RuleNotManaged = "RootGuard.RuleNotManaged";

        /// <summary>EventBridge refused the rule's target without an error code of its own.</summary>
        public const string PutTargetsFailed = "RootGuard.PutTargetsFailed";
    }
}
