using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// Base of RootGuard's service clients: AWSSDK.Core's pipeline (credentials, SigV4, retries, clock skew, user
    /// agent) with RootGuard's endpoint resolver, SigV4 auth handler and extended retry policies swapped in.
    /// </summary>
    public abstract class AwsServiceClient : AmazonServiceClient
    {
        private readonly IServiceMetadata metadata;

        protected AwsServiceClient(AWSCredentials credentials, AwsClientConfig config)
            : base(credentials, config)
        {
            metadata = new Metadata(config.Service.ServiceId);
        }

        protected override IServiceMetadata ServiceMetadata => metadata;

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            RootGuardPipeline.UseRootGuardHandlers(pipeline, Config);
            pipeline.RemoveHandler<EndpointResolver>();
            pipeline.AddHandlerAfter<Marshaller>(new AwsEndpointResolver());
            pipeline.AddHandlerAfter<Marshaller>(new SigV4AuthSchemeHandler());
            // Outermost, after the retries: names the operation, IAM action and endpoint of a failure. (The base
            // constructor calls this method, before any field of this class is set: the service comes from Config.)
            var service = ((AwsClientConfig)Config).Service;
            pipeline.AddHandler(new CallOutcomeHandler(service.ServiceId, service.IamActionOf));
        }

        /// <summary>Sends one operation through the pipeline.</summary>
        protected Task<TResponse> InvokeAsync<TResponse>(
            AmazonWebServiceRequest request,
            IMarshaller<IRequest, AmazonWebServiceRequest> marshaller,
            ResponseUnmarshaller unmarshaller,
            CancellationToken cancellationToken)
            where TResponse : AmazonWebServiceResponse, new()
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = marshaller,
                ResponseUnmarshaller = unmarshaller,
            };
            return base.InvokeAsync<TResponse>(request, options, cancellationToken);
        }

        /// <summary>Sends one operation synchronously (the SDK's sync path, used where no async context exists).</summary>
        protected TResponse Invoke<TResponse>(
            AmazonWebServiceRequest request,
            IMarshaller<IRequest, AmazonWebServiceRequest> marshaller,
            ResponseUnmarshaller unmarshaller)
            where TResponse : AmazonWebServiceResponse, new()
        {
            var options = new InvokeOptions
            {
                RequestMarshaller = marshaller,
                ResponseUnmarshaller = unmarshaller,
            };
            return base.Invoke<TResponse>(request, options);
        }

        private sealed class Metadata : IServiceMetadata
        {
            public Metadata(string serviceId)
            {
                ServiceId = serviceId;
            }

            public string ServiceId { get; }

            public IDictionary<string, string> OperationNameMapping { get; } = new Dictionary<string, string>();
        }
    }
}
