namespace RootGuard.Core
{
    // Test-RootAccountSecurity's own error ids, beside its code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        /// <summary>-CheckId and -ExcludeCheckId leave no check to run.</summary>
        public const string NoCheckSelected = "RootGuard.NoCheckSelected";

        /// <summary>-Quiet and -Summary ask for two different outputs.</summary>
        public const string QuietWithSummary = "RootGuard.QuietWithSummary";
    }
}
