using System;

namespace RootGuard.Core
{
    // The error ids of AWS calls that failed (AwsErrorTranslator), beside its code.
    public static partial class ErrorIds
    {
        /// <summary>The call was cancelled (Ctrl+C).</summary>
        public const string Cancelled = "RootGuard.Cancelled";

        /// <summary>An endpoint that accepted a request and did not answer within the request timeout.</summary>
        public const string RequestTimeout = "RootGuard.RequestTimeout";

        /// <summary>An answer that is not the AWS service's protocol (a proxy's or captive portal's HTML page, say).</summary>
        public const string InvalidResponse = "RootGuard.InvalidResponse";

        /// <summary>AWS (or -EndpointUrl) could not be reached.</summary>
        public const string ConnectionFailed = "RootGuard.ConnectionFailed";

        /// <summary>A failure RootGuard has no more specific id for.</summary>
        public const string UnexpectedFailure = "RootGuard.UnexpectedFailure";

        /// <summary>
        /// The id of a failure AWS answered with an error code: RootGuard. and the code without its Exception suffix, for
        /// example <c>RootGuard.AccessDenied</c> or <c>RootGuard.ResourceNotFound</c>, so users match on AWS's own names.
        /// </summary>
        public static string ForAwsErrorCode(string code) =>
            "RootGuard." + (code.EndsWith("Exception", StringComparison.Ordinal) && code.Length > "Exception".Length
                ? code.Substring(0, code.Length - "Exception".Length)
                : code);
    }
}
