using RootGuard.Core.NotificationTopic;

namespace RootGuard.Core
{
    // Export-RootGuardTemplate's own error ids, beside its code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        public const string FileExists = "RootGuard.FileExists";

        /// <summary>-Path is not a file system path (a NUL or another character paths cannot hold, an unknown drive).</summary>
        public const string InvalidPath = "RootGuard.InvalidPath";

        /// <summary>-Path's folder does not exist.</summary>
        public const string PathNotFound = "RootGuard.PathNotFound";

        /// <summary>-Path names a folder, not a file.</summary>
        public const string PathIsFolder = "RootGuard.PathIsFolder";

        /// <summary>The file at -Path could not be written (no permission, a read-only or special file, a full disk).</summary>
        public const string PathNotWritable = "RootGuard.PathNotWritable";
    }
}
