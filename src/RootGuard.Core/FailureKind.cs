namespace RootGuard.Core
{
    /// <summary>What kind of failure this is; the cmdlets map it to a PowerShell ErrorCategory.</summary>
    public enum FailureKind
    {
        InvalidArgument,
        Authentication,
        PermissionDenied,
        NotFound,
        LimitsExceeded,
        Timeout,
        ResourceUnavailable,
        InvalidOperation,
        ConnectionError,
        NotImplemented,

        /// <summary>The other side did not speak the AWS protocol.</summary>
        ProtocolError,

        /// <summary>A local file could not be written (Export-RootGuardTemplate -Path).</summary>
        WriteError,
    }
}
