namespace RootGuard.Core
{
    // The error ids of who owns a resource that every monitor shares (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        /// <summary>
        /// The call would change a resource a CloudFormation stack made (it carries RootGuard:DeployedBy=CloudFormation);
        /// the stack's next update would undo the change, so RootGuard refuses before any change.
        /// </summary>
        public const string StackManagedResource = "RootGuard.StackManagedResource";
    }
}
