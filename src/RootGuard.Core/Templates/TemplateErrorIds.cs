using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core
{
    // Export-RootGuardTemplate's own error ids, beside its code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        public const string FileExists = "RootGuard.FileExists";
    }
}
