using System;
using Amazon.Runtime;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Connection
{
    /// <summary>Resolved credentials, region and endpoint: everything a client needs to reach AWS.</summary>
    public sealed class AwsConnection
    {
        public AwsConnection(AWSCredentials credentials, string credentialSource, string region, string regionSource, Uri? endpointUrl,
            TimeSpan? requestTimeout = null)
            : this(credentials, credentialSource, region, regionSource, endpointUrl, requestTimeout ?? Connection.RequestTimeout.Default, new AwsClientFactoryOptions(), null)
        {
        }

        private AwsConnection(AWSCredentials credentials, string credentialSource, string region, string regionSource, Uri? endpointUrl,
            TimeSpan requestTimeout, AwsClientFactoryOptions clientOptions, SessionReadCache? readCache)
        {
            Credentials = credentials;
            CredentialSource = credentialSource;
            Region = region;
            RegionSource = regionSource;
            EndpointUrl = endpointUrl;
            Partition = AwsPartitions.PartitionOf(region);
            RequestTimeout = requestTimeout;
            ClientOptions = clientOptions;
            ReadCache = readCache;
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

        /// <summary>
        /// How the clients of this connection are built (retries, FIPS, an HTTP handler under every client). Every
        /// connection derived from this one keeps them, so an assumed role or another region is reached the same way.
        /// </summary>
        public AwsClientFactoryOptions ClientOptions { get; }

        /// <summary>
        /// The reads the caller's session keeps between its commands (the account id, the trails; see
        /// <see cref="SessionReadCache"/>), or null to read everything afresh. Every connection derived from this one keeps
        /// it; its entries are keyed by endpoint and access key, so other credentials never see another's reads.
        /// </summary>
        public SessionReadCache? ReadCache { get; }

        /// <summary>The same credentials and endpoint in another region.</summary>
        public AwsConnection InRegion(string region) =>
            string.Equals(region, Region, StringComparison.Ordinal)
                ? this
                : new AwsConnection(Credentials, CredentialSource, region, "Derived", EndpointUrl, RequestTimeout, ClientOptions, ReadCache);

        /// <summary>Other credentials (an assumed role, a root task session) in the same region, endpoint, timeout and client options.</summary>
        public AwsConnection WithCredentials(AWSCredentials credentials, string credentialSource) =>
            new AwsConnection(credentials, credentialSource, Region, RegionSource, EndpointUrl, RequestTimeout, ClientOptions, ReadCache);

        /// <summary>This connection with its clients built by <paramref name="options"/>.</summary>
        public AwsConnection WithClientOptions(AwsClientFactoryOptions options) =>
            new AwsConnection(Credentials, CredentialSource, Region, RegionSource, EndpointUrl, RequestTimeout,
                options ?? throw new ArgumentNullException(nameof(options)), ReadCache);

        /// <summary>This connection with the session's kept reads (null: none).</summary>
        public AwsConnection WithReadCache(SessionReadCache? cache) =>
            new AwsConnection(Credentials, CredentialSource, Region, RegionSource, EndpointUrl, RequestTimeout, ClientOptions, cache);
    }
}
