using System;
using System.Collections.Generic;
using Amazon.Runtime;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>Throttling error codes AWS services return that the SDK's built-in list does not know.</summary>
    public static class AwsThrottlingCodes
    {
        /// <summary>
        /// SNS answers <c>Throttled</c> (HTTP 429); without it the SDK gives up after one attempt.
        /// </summary>
        public static readonly IReadOnlyCollection<string> Additional = new[] { "Throttled", "ThrottledException", "RequestThrottled", "TooManyRequestsException" };

        /// <summary>
        /// An answer that is not the service's protocol comes from a proxy or a portal, which answers the same way again;
        /// only a 5xx (a gateway's error page) is retried, as any 5xx is.
        /// </summary>
        internal static bool IsFinalInvalidResponse(Exception exception)
        {
            var invalid = exception as InvalidResponseException ?? exception.InnerException as InvalidResponseException;
            return invalid != null && (int)invalid.StatusCode < 500;
        }

        internal static void AddTo(RetryPolicy policy)
        {
            foreach (var code in Additional)
            {
                if (!policy.ThrottlingErrorCodes.Contains(code))
                {
                    policy.ThrottlingErrorCodes.Add(code);
                }
            }
        }
    }
}
