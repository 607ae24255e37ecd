using System;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>The facts of one AWS service's contract that a client needs, as botocore's model states them.</summary>
    public sealed class AwsServiceDescription
    {
        public AwsServiceDescription(string serviceId, string signingName, string endpointPrefix, string apiVersion, GlobalEndpointRule? globalEndpoint = null,
            string? iamActionPrefix = null)
        {
            ServiceId = serviceId ?? throw new ArgumentNullException(nameof(serviceId));
            SigningName = signingName ?? throw new ArgumentNullException(nameof(signingName));
            EndpointPrefix = endpointPrefix ?? throw new ArgumentNullException(nameof(endpointPrefix));
            ApiVersion = apiVersion ?? throw new ArgumentNullException(nameof(apiVersion));
            GlobalEndpoint = globalEndpoint;
            IamActionPrefix = iamActionPrefix ?? signingName;
        }

        /// <summary>The model's <c>serviceId</c>; also the key of <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c> and the config file's <c>services</c> section.</summary>
        public string ServiceId { get; }

        /// <summary>The SigV4 signing name (credential scope service).</summary>
        public string SigningName { get; }

        /// <summary>The host prefix of regional endpoints, for example <c>events</c> or <c>monitoring</c>.</summary>
        public string EndpointPrefix { get; }

        public string ApiVersion { get; }

        /// <summary>
        /// The service prefix of its IAM actions: an operation's action is <c>prefix:OperationName</c> for every operation
        /// RootGuard calls. The signing name, but for CloudWatch (signed as <c>monitoring</c>, authorized as <c>cloudwatch</c>).
        /// </summary>
        public string IamActionPrefix { get; }

        /// <summary>The IAM action an operation of this service needs, for example <c>cloudwatch:DescribeAlarms</c>.</summary>
        public string IamActionOf(string operation) => IamActionPrefix + ":" + operation;

        /// <summary>For a global service (IAM, Account, Organizations), where each partition's single endpoint lives; null for regional services.</summary>
        public GlobalEndpointRule? GlobalEndpoint { get; }

        public bool IsGlobal => GlobalEndpoint != null;
    }
}
