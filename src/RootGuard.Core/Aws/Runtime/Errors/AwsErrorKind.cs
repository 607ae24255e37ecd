namespace RootGuard.Core.Aws
{
    /// <summary>What an AWS error means for the caller, independent of the service's own code.</summary>
    public enum AwsErrorKind
    {
        /// <summary>No rule matched the code.</summary>
        Other = 0,

        /// <summary>The named resource does not exist (ResourceNotFoundException, NotFound, NoSuchEntity...).</summary>
        NotFound,

        /// <summary>The caller lacks permission (AccessDenied, AuthorizationError...).</summary>
        AccessDenied,

        /// <summary>The request was rate limited and retries were exhausted.</summary>
        Throttling,

        /// <summary>A parameter was missing or invalid.</summary>
        Validation,

        /// <summary>A service quota was reached.</summary>
        LimitExceeded,

        /// <summary>The resource exists already or is being changed by someone else.</summary>
        Conflict,

        /// <summary>The resource is not ready yet (a credential report being generated).</summary>
        NotReady,

        /// <summary>The credentials were rejected (expired token, bad signature, unknown key).</summary>
        Authentication,

        /// <summary>The service failed (5xx) and retries were exhausted.</summary>
        ServiceFailure,

        /// <summary>The answer was not in the service's protocol (an HTML page from a proxy or captive portal, for example).</summary>
        InvalidResponse,
    }
}
