namespace RootGuard.Core
{
    // Get-, Remove-RootMonitoring's and Send-RootMonitoringTest's own error ids, beside their code (ErrorIds is partial for this).
    public static partial class ErrorIds
    {
        /// <summary>A component that is not one of RootGuard's monitors (SignInAlert, UsageAlarm).</summary>
        public const string UnknownComponent = "RootGuard.UnknownComponent";
    }
}
