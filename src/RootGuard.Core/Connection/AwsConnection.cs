using System;
using Amazon.Runtime;

namespace RootGuard.Core.Connection
{
    /// <summary>Resolved credentials, region and endpoint: everything a client needs to reach AWS.</summary>
    public sealed class AwsConnection
    {
        public AwsConnection(AWSCredentials credentials, string credentialSource, string region, string regionSource, Uri? endpointUrl,
            TimeSpan? requestTimeout = null)
        {
            Credentials = credentials;
            CredentialSource = credentialSource;
            Region = region;
            RegionSource = regionSource;
            EndpointUrl = endpointUrl;
            Partition = AwsPartitions.PartitionOf(region);
            RequestTimeout = requestTimeout ?? Connection.RequestTimeout.Default;
        }

        public AWSCredentials Credentials { get; }

        /// <summary>Where the credentials came from, for example <c>Profile:dev</c> or <c>Environment</c>. Never a secret.</summary>
        public string CredentialSource { get; }

        public string Region { get; }

        /// <summary>Where the region came from, for example <c>Parameter</c> or <c>Environment:AWS_REGION</c>.</summary>
        public string RegionSource { get; }

        /// <summary>An endpoint override (an emulator such as moto or LocalStack), or null for AWS itself.</summary>
        public Uri? EndpointUrl { get; }

        public string Partition { get; }

        /// <summary>How long each AWS request may wait for its answer (<see cref="Connection.RequestTimeout"/>), on every attempt.</summary>
        public TimeSpan RequestTimeout { get; }

        /// <summary>The same credentials and endpoint in another region.</summary>
        public AwsConnection InRegion(string region) =>
            string.Equals(region, Region, StringComparison.Ordinal)
                ? this
                : new AwsConnection(Credentials, CredentialSource, region, "Derived", EndpointUrl, RequestTimeout);
    }
}
