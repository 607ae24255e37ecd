using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;
using RootGuard.Core.Aws.Runtime;

namespace RootGuard.Core.Aws.Sts
{
    /// <summary>
    /// The official STS client (AWSSDK.SecurityToken) with RootGuard's retry policy: a fleet run assumes a role per
    /// account, and STS throttles AssumeRole like IAM throttles reads, so it backs off the same way.
    /// </summary>
    public sealed class StsClient : AmazonSecurityTokenServiceClient
    {
        public StsClient(AWSCredentials credentials, StsConfig config)
            : base(credentials, config)
        {
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            // Called from the base constructor: only Config is set, and it carries the backoff.
            if (Config.RetryMode == RequestRetryMode.Standard)
            {
                pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new AwsStandardRetryPolicy(Config)));
            }
            else if (Config.RetryMode == RequestRetryMode.Adaptive)
            {
                pipeline.ReplaceHandler<RetryHandler>(new RetryHandler(new AwsAdaptiveRetryPolicy(Config)));
            }
        }
    }
}
