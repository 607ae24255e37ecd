using Amazon.Runtime.Endpoints;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>The parameters every RootGuard service's endpoint rule set takes (Region, UseFIPS, UseDualStack, Endpoint).</summary>
    public sealed class AwsEndpointParameters : EndpointParameters
    {
        public AwsEndpointParameters()
        {
            UseFIPS = false;
            UseDualStack = false;
        }

        public string? Region
        {
            get => (string?)this["Region"];
            set => this["Region"] = value;
        }

        public bool UseFIPS
        {
            get => (bool)this["UseFIPS"];
            set => this["UseFIPS"] = value;
        }

        public bool UseDualStack
        {
            get => (bool)this["UseDualStack"];
            set => this["UseDualStack"] = value;
        }

        public string? Endpoint
        {
            get => (string?)this["Endpoint"];
            set => this["Endpoint"] = value;
        }
    }
}
