using System;
using System.Collections.Generic;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal.Endpoints.StandardLibrary;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// Resolves a service's endpoint the way its <c>endpoint-rule-set-1.json</c> does for the cases RootGuard meets:
    /// a custom endpoint, regional endpoints with FIPS and dual-stack variants, and per-partition global endpoints.
    /// Partition facts (DNS suffixes, implicit global region) come from the SDK's own partition data.
    /// </summary>
    public sealed class AwsEndpointProvider : IEndpointProvider
    {
        private readonly AwsServiceDescription service;

        public AwsEndpointProvider(AwsServiceDescription service)
        {
            this.service = service ?? throw new ArgumentNullException(nameof(service));
        }

        public Endpoint ResolveEndpoint(EndpointParameters parameters)
        {
            if (parameters == null)
            {
                throw new ArgumentNullException(nameof(parameters));
            }

            var useFips = parameters["UseFIPS"] is bool f && f;
            var useDualStack = parameters["UseDualStack"] is bool d && d;
            var custom = parameters["Endpoint"] as string;
            var region = parameters["Region"] as string;

            if (!string.IsNullOrEmpty(custom))
            {
                if (useFips)
                {
                    throw new AmazonClientException("Invalid Configuration: FIPS and custom endpoint are not supported");
                }

                if (useDualStack)
                {
                    throw new AmazonClientException("Invalid Configuration: Dualstack and custom endpoint are not supported");
                }

                return new Endpoint(custom);
            }

            if (string.IsNullOrEmpty(region))
            {
                throw new AmazonClientException("Invalid Configuration: Missing Region");
            }

            var partition = Fn.Partition(region!)
                            ?? throw new AmazonClientException($"Cannot resolve the partition of region '{region}'.");

            if (useFips && !partition.supportsFIPS)
            {
                throw new AmazonClientException("FIPS is enabled but this partition does not support FIPS");
            }

            if (useDualStack && !partition.supportsDualStack)
            {
                throw new AmazonClientException("DualStack is enabled but this partition does not support DualStack");
            }

            var suffix = useDualStack ? partition.dualStackDnsSuffix : partition.dnsSuffix;
            var prefix = useFips ? service.EndpointPrefix + "-fips" : service.EndpointPrefix;

            if (service.GlobalEndpoint != null && !useFips && !useDualStack)
            {
                var global = service.GlobalEndpoint(partition.name, partition.implicitGlobalRegion, partition.dnsSuffix);
                return WithSigningRegion("https://" + global.Host, global.SigningRegion);
            }

            if (service.GlobalEndpoint != null)
            {
                return WithSigningRegion($"https://{prefix}.{partition.implicitGlobalRegion}.{suffix}", partition.implicitGlobalRegion);
            }

            return new Endpoint($"https://{prefix}.{region}.{suffix}");
        }

        private Endpoint WithSigningRegion(string url, string signingRegion)
        {
            var refs = new Dictionary<string, object>();
            var attributes = "{\"authSchemes\":[{\"name\":\"sigv4\",\"signingName\":\"" + service.SigningName
                             + "\",\"signingRegion\":\"" + signingRegion + "\"}]}";
            return new Endpoint(url, Fn.InterpolateJson(attributes, refs), Fn.InterpolateJson("", refs));
        }
    }
}
