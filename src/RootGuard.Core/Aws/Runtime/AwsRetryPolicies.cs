using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

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

    /// <summary>The SDK's standard retry policy, with <see cref="AwsThrottlingCodes.Additional"/> treated as throttling.</summary>
    public sealed class AwsStandardRetryPolicy : StandardRetryPolicy
    {
        public AwsStandardRetryPolicy(IClientConfig config)
            : base(config)
        {
            AwsThrottlingCodes.AddTo(this);
        }

        public override bool RetryForException(IExecutionContext executionContext, Exception exception) =>
            !AwsThrottlingCodes.IsFinalInvalidResponse(exception) && base.RetryForException(executionContext, exception);

        public override Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception) =>
            AwsThrottlingCodes.IsFinalInvalidResponse(exception) ? Task.FromResult(false) : base.RetryForExceptionAsync(executionContext, exception);
    }

    /// <summary>The SDK's adaptive retry policy (client-side rate limiting), with <see cref="AwsThrottlingCodes.Additional"/> treated as throttling.</summary>
    public sealed class AwsAdaptiveRetryPolicy : AdaptiveRetryPolicy
    {
        public AwsAdaptiveRetryPolicy(IClientConfig config)
            : base(config)
        {
            AwsThrottlingCodes.AddTo(this);
        }

        public override bool RetryForException(IExecutionContext executionContext, Exception exception) =>
            !AwsThrottlingCodes.IsFinalInvalidResponse(exception) && base.RetryForException(executionContext, exception);

        public override Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception) =>
            AwsThrottlingCodes.IsFinalInvalidResponse(exception) ? Task.FromResult(false) : base.RetryForExceptionAsync(executionContext, exception);
    }
}
