using System;
using Amazon.Runtime;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>The one decision both policies share: which failures get the throttling treatment, and how long to wait.</summary>
    internal sealed class ThrottlingRetryRules
    {
        // Per request, the last failure's kind: WaitBeforeRetry is told only the request, not the failure.
        private const string LastFailureThrottled = "RootGuard.LastFailureThrottled";

        private readonly RetryPolicy policy;
        private readonly int otherRetries;

        public ThrottlingRetryRules(RetryPolicy policy, int sdkMaxRetries, ThrottlingBackoff? backoff)
        {
            this.policy = policy;
            otherRetries = sdkMaxRetries;
            Backoff = backoff ?? ThrottlingBackoff.Default;
        }

        public ThrottlingBackoff Backoff { get; }

        /// <summary>The policy's limit: the larger of the SDK's and the throttling one; <see cref="Allows"/> holds other errors to the SDK's.</summary>
        public int MaxRetries => Math.Max(otherRetries, Backoff.MaxRetries);

        public bool Allows(IExecutionContext context, Exception exception)
        {
            var throttled = policy.IsThrottlingError(exception);
            var attributes = context.RequestContext.ContextAttributes;
            if (attributes != null)
            {
                attributes[LastFailureThrottled] = throttled;
            }

            return throttled || context.RequestContext.Retries < otherRetries;
        }

        public bool LastFailureWasThrottling(IExecutionContext context) =>
            context.RequestContext.ContextAttributes is { } attributes && attributes.TryGetValue(LastFailureThrottled, out var value) && value is true;

        public TimeSpan Delay(IExecutionContext context) => Backoff.DelayBefore(context.RequestContext.Retries);
    }
}
