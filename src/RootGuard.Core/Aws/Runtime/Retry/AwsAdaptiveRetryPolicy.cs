using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>The SDK's adaptive retry policy (client-side rate limiting), with the same throttling codes and backoff as <see cref="AwsStandardRetryPolicy"/>.</summary>
    public sealed class AwsAdaptiveRetryPolicy : AdaptiveRetryPolicy
    {
        private readonly ThrottlingRetryRules rules;

        public AwsAdaptiveRetryPolicy(IClientConfig config, ThrottlingBackoff? backoff = null)
            : base(config)
        {
            AwsThrottlingCodes.AddTo(this);
            rules = new ThrottlingRetryRules(this, MaxRetries, backoff ?? (config as IThrottlingBackoffConfig)?.Throttling);
            MaxRetries = rules.MaxRetries;
        }

        public override bool RetryForException(IExecutionContext executionContext, Exception exception) =>
            !AwsThrottlingCodes.IsFinalInvalidResponse(exception) && rules.Allows(executionContext, exception) && base.RetryForException(executionContext, exception);

        public override async Task<bool> RetryForExceptionAsync(IExecutionContext executionContext, Exception exception) =>
            !AwsThrottlingCodes.IsFinalInvalidResponse(exception) && rules.Allows(executionContext, exception)
            && await base.RetryForExceptionAsync(executionContext, exception).ConfigureAwait(false);

        public override bool OnRetry(IExecutionContext executionContext, bool bypassAcquireCapacity, bool isThrottlingError) =>
            base.OnRetry(executionContext, bypassAcquireCapacity || isThrottlingError, isThrottlingError);
    }
}
