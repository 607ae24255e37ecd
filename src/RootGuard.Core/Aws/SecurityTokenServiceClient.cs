using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Aws.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// The official STS client with RootGuard's <see cref="CallOutcomeHandler"/> on top. Its unmarshallers read an HTML page
    /// as an answer with every member null, so the handler checks the members RootGuard relies on: a GetCallerIdentity
    /// without an account id, or an AssumeRole without credentials, was not answered by STS.
    /// </summary>
    public sealed class SecurityTokenServiceClient : AmazonSecurityTokenServiceClient
    {
        public SecurityTokenServiceClient(AWSCredentials credentials, AmazonSecurityTokenServiceConfig config)
            : base(credentials, config)
        {
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
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
