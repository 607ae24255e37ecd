using System;
using System.Collections.Generic;
using System.Threading;
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

    /// <summary>
    /// How RootGuard backs off when AWS throttles. The SDK's standard mode alone gives a throttled call 3 attempts and
    /// draws every retry from a quota shared by all clients of one endpoint in the process (500 tokens, 5 a retry): a
    /// fleet run that IAM or STS throttles empties it after 100 retries, and every throttled call after that fails at
    /// once. Throttling is answered here by waiting, with full jitter so the accounts do not retry in step: more
    /// attempts, and no quota (the quota guards against retrying into an outage; throttling is AWS asking to slow down).
    /// Other retryable errors keep the SDK's attempts and quota.
    /// </summary>
    public sealed class ThrottlingBackoff
    {
        private static readonly Random Jitter = new Random();

        public static ThrottlingBackoff Default { get; } = new ThrottlingBackoff();

        /// <summary>Retries after the first attempt for a throttled call (default 8: about half a minute of waiting in all, on average).</summary>
        public int MaxRetries { get; set; } = 8;

        /// <summary>The first retry waits up to this long; each next one up to twice as long (default 500 ms).</summary>
        public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>No wait is longer than this (default 20 s, as the SDK's own cap).</summary>
        public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(20);

        /// <summary>Full jitter: a random wait between zero and min(MaxDelay, BaseDelay x 2^(retry-1)).</summary>
        public TimeSpan DelayBefore(int retry)
        {
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, Math.Max(0, retry - 1)));
            double share;
            lock (Jitter)
            {
                share = Jitter.NextDouble();
            }

            return TimeSpan.FromMilliseconds(ceiling * share);
        }
    }

    /// <summary>A client configuration that carries RootGuard's <see cref="ThrottlingBackoff"/> to the retry policy.</summary>
    public interface IThrottlingBackoffConfig
    {
        ThrottlingBackoff Throttling { get; set; }
    }

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
