using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core
{
    public static partial class ErrorIds
    {
        /// <summary>A rule with the alert's name exists and is not RootGuard's.</summary>
        public const string RuleNotManaged = "RootGuard.RuleNotManaged";
    }
}
