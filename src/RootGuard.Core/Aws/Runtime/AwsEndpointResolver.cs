using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>Maps a request's client configuration to <see cref="AwsEndpointParameters"/>, as the SDK's generated resolvers do.</summary>
    public sealed class AwsEndpointResolver : BaseEndpointResolver
    {
        protected override EndpointParameters MapEndpointsParameters(IRequestContext requestContext)
        {
            var config = requestContext.ClientConfig;
            var result = new AwsEndpointParameters
            {
                Region = requestContext.Request.AlternateEndpoint?.SystemName ?? config.RegionEndpoint?.SystemName,
                UseDualStack = config.UseDualstackEndpoint,
                UseFIPS = config.UseFIPSEndpoint,
                Endpoint = config.ServiceURL,
            };

            if (config.RegionEndpoint == null && !string.IsNullOrEmpty(config.ServiceURL))
            {
                // An emulator URL carries no region: sign for AuthenticationRegion, else guess from the host as the SDK does.
                result.Region = !string.IsNullOrEmpty(config.AuthenticationRegion)
                    ? config.AuthenticationRegion
                    : RegionEndpoint.GetBySystemName(AWSSDKUtils.DetermineRegion(config.ServiceURL)).SystemName;
            }

            return result;
        }
    }
}
