using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Credentials.Internal;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Auth;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// Chooses SigV4 for every operation; an endpoint's own auth scheme (a global service's signing region) wins,
    /// as in the SDK's generated handlers.
    /// </summary>
    public sealed class SigV4AuthSchemeHandler : BaseAuthResolverHandler
    {
        private readonly AwsEndpointResolver endpointResolver = new AwsEndpointResolver();

        protected override List<IAuthSchemeOption> ResolveAuthOptions(IExecutionContext executionContext)
        {
            var endpoint = endpointResolver.GetEndpoint(executionContext);
            return RetrieveSchemesFromEndpoint(endpoint) ?? AuthSchemeOption.DEFAULT_SIGV4;
        }
    }
}
