using System.Collections.Generic;
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
    }

    /// <summary>The SDK's adaptive retry policy (client-side rate limiting), with <see cref="AwsThrottlingCodes.Additional"/> treated as throttling.</summary>
    public sealed class AwsAdaptiveRetryPolicy : AdaptiveRetryPolicy
    {
        public AwsAdaptiveRetryPolicy(IClientConfig config)
            : base(config)
        {
            AwsThrottlingCodes.AddTo(this);
        }
    }
}
