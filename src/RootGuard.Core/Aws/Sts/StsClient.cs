using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Aws.Runtime;

namespace RootGuard.Core.Aws.Sts
{
    /// <summary>
    /// The official STS client (AWSSDK.SecurityToken) with RootGuard's retry policy: a fleet run assumes a role per
    /// account, and STS throttles AssumeRole like IAM throttles reads, so it backs off the same way. It also has
    /// RootGuard's <see cref="CallOutcomeHandler"/> on top: its unmarshallers read an HTML page as an answer with every
    /// member null, so the handler checks the members RootGuard relies on (a GetCallerIdentity without an account id, an
    /// AssumeRole without credentials was not answered by STS).
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
            RootGuardPipeline.UseRootGuardHandlers(pipeline, Config);
            pipeline.AddHandler(new CallOutcomeHandler("STS", operation => "sts:" + operation, Missing));
        }

        private static string? Missing(AmazonWebServiceResponse response) => response switch
        {
            GetCallerIdentityResponse identity when string.IsNullOrEmpty(identity.Account) || string.IsNullOrEmpty(identity.Arn) => "no account id or ARN in it",
            AssumeRoleResponse assumed when string.IsNullOrEmpty(assumed.Credentials?.AccessKeyId) => "no credentials in it",
            _ => null,
        };
    }
}
