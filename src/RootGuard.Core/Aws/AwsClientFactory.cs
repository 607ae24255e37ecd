using System;
using System.Collections.Generic;
using System.Linq;
using Amazon;
using Amazon.Runtime;
using Amazon.SecurityToken;
using RootGuard.Core.Aws.Account;
using RootGuard.Core.Aws.CloudTrail;
using RootGuard.Core.Aws.CloudWatch;
using RootGuard.Core.Aws.CloudWatchLogs;
using RootGuard.Core.Aws.EventBridge;
using RootGuard.Core.Aws.Iam;
using RootGuard.Core.Aws.Kms;
using RootGuard.Core.Aws.Organizations;
using RootGuard.Core.Aws.Runtime;
using RootGuard.Core.Aws.Sns;
using RootGuard.Core.Aws.Sts;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// Creates RootGuard's AWS clients from one resolved <see cref="AwsConnection"/>: its credentials, region (unless
    /// another is asked for), endpoint override and <see cref="AwsConnection.ClientOptions"/>. One client per service and
    /// region, built once even when concurrent reads ask for it together, and disposed with the factory.
    /// </summary>
    public sealed class AwsClientFactory : IDisposable
    {
        // A lock, not ConcurrentDictionary.GetOrAdd: GetOrAdd may run the factory twice under contention and drop one
        // client undisposed. Building a client makes no call, so holding the lock for it costs nothing worth avoiding.
        private readonly object gate = new object();
        private readonly Dictionary<(string Service, string Region), IDisposable> clients = new Dictionary<(string, string), IDisposable>();

        private readonly AwsConnection connection;
        private readonly AwsClientFactoryOptions options;
        private bool disposed;

        public AwsClientFactory(AwsConnection connection)
        {
            this.connection = connection ?? throw new ArgumentNullException(nameof(connection));
            options = connection.ClientOptions;
        }

        /// <summary>A factory for <paramref name="connection"/> with its clients built by <paramref name="options"/> instead of the connection's own.</summary>
        public AwsClientFactory(AwsConnection connection, AwsClientFactoryOptions options)
            : this((connection ?? throw new ArgumentNullException(nameof(connection))).WithClientOptions(options))
        {
        }

        /// <summary>The connection the clients are built from.</summary>
        public AwsConnection Connection => connection;

        /// <summary>A factory for another connection (an assumed role or root session) whose clients are built as this one's are.</summary>
        public AwsClientFactory For(AwsConnection other) => new AwsClientFactory(other, options);

        public IEventBridgeClient CreateEventBridge(string? region = null) =>
            Get("EventBridge", region, r => new EventBridgeClient(connection.Credentials, Configure(new EventBridgeConfig(), r)));

        public ISnsClient CreateSns(string? region = null) =>
            Get("SNS", region, r => new SnsClient(connection.Credentials, Configure(new SnsConfig(), r)));

        public ICloudWatchClient CreateCloudWatch(string? region = null) =>
            Get("CloudWatch", region, r => new CloudWatchClient(connection.Credentials, Configure(new CloudWatchConfig(), r)));

        public ICloudWatchLogsClient CreateCloudWatchLogs(string? region = null) =>
            Get("CloudWatchLogs", region, r => new CloudWatchLogsClient(connection.Credentials, Configure(new CloudWatchLogsConfig(), r)));

        public ICloudTrailClient CreateCloudTrail(string? region = null) =>
            Get("CloudTrail", region, r => new CloudTrailClient(connection.Credentials, Configure(new CloudTrailConfig(), r)));

        /// <summary>KMS, regional: read a topic key's policy (DescribeKey, GetKeyPolicy) to warn about a missing grant.</summary>
        public IKmsClient CreateKms(string? region = null) =>
            Get("KMS", region, r => new KmsClient(connection.Credentials, Configure(new KmsConfig(), r)));

        /// <summary>IAM is global: one endpoint per partition, signed for the partition's home region.</summary>
        public IIamClient CreateIam() =>
            Get("IAM", HomeRegion, r => new IamClient(connection.Credentials, Configure(new IamConfig(), r)));

        /// <summary>Account is global: one endpoint per partition.</summary>
        public IAccountClient CreateAccount() =>
            Get("Account", HomeRegion, r => new AccountClient(connection.Credentials, Configure(new AccountConfig(), r)));

        /// <summary>Organizations is global: one endpoint per partition.</summary>
        public IOrganizationsClient CreateOrganizations() =>
            Get("Organizations", HomeRegion, r => new OrganizationsClient(connection.Credentials, Configure(new OrganizationsConfig(), r)));

        /// <summary>STS from the official AWSSDK.SecurityToken package, configured like the other clients (regional endpoint, same throttling backoff).</summary>
        public IAmazonSecurityTokenService CreateSts(string? region = null) =>
            Get("STS", region, r => new StsClient(connection.Credentials, Configure(new StsConfig(), r)));

        public void Dispose()
        {
            List<IDisposable> built;
            lock (gate)
            {
                if (disposed)
                {
                    return;
                }

                disposed = true;
                built = clients.Values.ToList();
                clients.Clear();
            }

            foreach (var client in built)
            {
                client.Dispose();
            }
        }

        private string HomeRegion => AwsPartitions.HomeRegion(connection.Partition);

        private T Get<T>(string service, string? region, Func<string, T> create) where T : class, IDisposable
        {
            var target = string.IsNullOrWhiteSpace(region) ? connection.Region : region!.Trim();
            lock (gate)
            {
                if (disposed)
                {
                    throw new ObjectDisposedException(nameof(AwsClientFactory));
                }

                if (!clients.TryGetValue((service, target), out var client))
                {
                    client = create(target);
                    clients.Add((service, target), client);
                }

                return (T)client;
            }
        }

        private TConfig Configure<TConfig>(TConfig config, string region) where TConfig : ClientConfig
        {
            if (connection.EndpointUrl != null)
            {
                // ServiceURL and RegionEndpoint exclude each other; AuthenticationRegion keeps the signing region right.
                config.ServiceURL = connection.EndpointUrl.AbsoluteUri;
                config.AuthenticationRegion = region;
            }
            else
            {
                config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
            }

            if (options.RetryMode is { } mode)
            {
                config.RetryMode = mode;
            }

            if (options.MaxErrorRetry is { } retries)
            {
                config.MaxErrorRetry = retries;
            }

            if (config is IThrottlingBackoffConfig throttled)
            {
                // An explicit MaxErrorRetry is the budget for every error, throttling included.
                var backoff = options.Throttling ?? ThrottlingBackoff.Default;
                throttled.Throttling = options.MaxErrorRetry is { } budget && options.Throttling == null
                    ? new ThrottlingBackoff { MaxRetries = budget, BaseDelay = backoff.BaseDelay, MaxDelay = backoff.MaxDelay }
                    : backoff;
            }

            // Each attempt; the SDK retries a timed-out attempt like any other transient failure.
            config.Timeout = options.Timeout ?? connection.RequestTimeout;

            config.UseFIPSEndpoint = options.UseFipsEndpoint;
            config.UseDualstackEndpoint = options.UseDualstackEndpoint;

            if (options.HttpHandlerFactory is { } handlerFactory)
            {
                config.HttpClientFactory = new HandlerHttpClientFactory(handlerFactory);
            }

            return config;
        }
    }
}
