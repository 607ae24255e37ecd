using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// What every RootGuard client changes in AWSSDK.Core's pipeline, generated clients and the official STS client alike:
    /// RootGuard's retry policies (throttled calls back off as <see cref="IThrottlingBackoffConfig"/> says) and the
    /// metrics handler that reads no stack trace for a span nobody records (<see cref="UntracedMetricsHandler"/>).
    /// </summary>
    internal static class RootGuardPipeline
    {
        /// <summary>Called from a client's CustomizeRuntimePipeline, where only the client's configuration is set.</summary>
        public static void UseRootGuardHandlers(RuntimePipeline pipeline, IClientConfig config)
        {
            if (config.RetryMode == RequestRetryMode.Standard)
            {
                pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new AwsStandardRetryPolicy(config)));
            }
            else if (config.RetryMode == RequestRetryMode.Adaptive)
            {
                pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new AwsAdaptiveRetryPolicy(config)));
            }

            pipeline.ReplaceHandler<MetricsHandler>(new UntracedMetricsHandler());
        }
    }
}
