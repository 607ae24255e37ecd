using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>The SDK's standard retry policy, with <see cref="AwsThrottlingCodes.Additional"/> treated as throttling and <see cref="ThrottlingBackoff"/> for throttling.</summary>
    public sealed class AwsStandardRetryPolicy : StandardRetryPolicy
    {
        private readonly ThrottlingRetryRules rules;

        public AwsStandardRetryPolicy(IClientConfig config, ThrottlingBackoff? backoff = null)
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

        public override void WaitBeforeRetry(IExecutionContext executionContext)
        {
            if (rules.LastFailureWasThrottling(executionContext))
            {
                Thread.Sleep(rules.Delay(executionContext));
                return;
            }

            base.WaitBeforeRetry(executionContext);
        }

        public override Task WaitBeforeRetryAsync(IExecutionContext executionContext) =>
            rules.LastFailureWasThrottling(executionContext)
                ? Task.Delay(rules.Delay(executionContext), executionContext.RequestContext.CancellationToken)
                : base.WaitBeforeRetryAsync(executionContext);
    }
}
