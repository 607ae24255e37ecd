namespace RootGuard.Core
{
    // Test-RootAccountSecurity's own error ids, beside its code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        /// <summary>-CheckId and -ExcludeCheckId leave no check to run.</summary>
        public const string NoCheckSelected = "RootGuard.NoCheckSelected";

        /// <summary>An account could not be assessed, and no more specific failure says why.</summary>
        public const string AssessmentFailed = "RootGuard.AssessmentFailed";
    }
}
