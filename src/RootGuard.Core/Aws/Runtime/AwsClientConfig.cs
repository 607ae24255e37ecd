using System.Collections.Generic;
using System.Collections.ObjectModel;
using Amazon.Runtime;
using Amazon.Runtime.Endpoints;
using Amazon.Runtime.Internal;
using Amazon.Util.Internal;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// Client configuration shared by RootGuard's service clients: service identity, signing name and endpoint
    /// provider from an <see cref="AwsServiceDescription"/>, over the SDK's standard default-configuration modes.
    /// </summary>
    public abstract class AwsClientConfig : ClientConfig, IThrottlingBackoffConfig
    {
        private static readonly string UserAgentString = InternalSDKUtils.BuildUserAgentString(typeof(AwsClientConfig).Assembly.GetName().Version.ToString());

        protected AwsClientConfig(AwsServiceDescription service)
            : base(new DefaultConfigurationProvider(DefaultConfigurations))
        {
            Service = service;
            base.ServiceId = service.ServiceId;
            AuthenticationServiceName = service.SigningName;
            EndpointProvider = new AwsEndpointProvider(service);

            // AWS logs the app id (user agent "app/RootGuard"); a user's own sdk_ua_app_id setting wins.
            if (string.IsNullOrEmpty(ClientAppId))
            {
                ClientAppId = "RootGuard";
            }
        }

        /// <summary>The service this configuration is for.</summary>
        public AwsServiceDescription Service { get; }

        /// <summary>How throttled calls back off (read by the retry policy when the client is built).</summary>
        public ThrottlingBackoff Throttling { get; set; } = ThrottlingBackoff.Default;

        public override string RegionEndpointServiceName => Service.EndpointPrefix;

        public override string ServiceVersion => Service.ApiVersion;

        public override string UserAgent => UserAgentString;

        public override Endpoint DetermineServiceOperationEndpoint(ServiceOperationEndpointParameters parameters)
        {
            var requestContext = new RequestContext(false)
            {
                ClientConfig = this,
                OriginalRequest = parameters.Request,
                Request = new DefaultRequest(parameters.Request, ServiceId)
                {
                    AlternateEndpoint = parameters.AlternateEndpoint,
                },
            };

            return new AwsEndpointResolver().GetEndpoint(new ExecutionContext(requestContext, null));
        }

        private static ReadOnlyCollection<IDefaultConfiguration> DefaultConfigurations { get; } =
            new ReadOnlyCollection<IDefaultConfiguration>(new List<IDefaultConfiguration>
            {
                Mode(DefaultConfigurationMode.Standard, 3100),
                Mode(DefaultConfigurationMode.InRegion, 1100),
                Mode(DefaultConfigurationMode.CrossRegion, 3100),
                Mode(DefaultConfigurationMode.Mobile, 30000),
                Mode(DefaultConfigurationMode.Auto, 1100),
            });

        private static IDefaultConfiguration Mode(DefaultConfigurationMode name, long connectMilliseconds) => new DefaultConfiguration
        {
            Name = name,
            RetryMode = RequestRetryMode.Standard,
            S3UsEast1RegionalEndpoint = S3UsEast1RegionalEndpointValue.Regional,
            ConnectTimeout = System.TimeSpan.FromMilliseconds(connectMilliseconds),
            TlsNegotiationTimeout = System.TimeSpan.FromMilliseconds(connectMilliseconds),
        };
    }
}
