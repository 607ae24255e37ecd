using System;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>awsQuery request: form parameters <c>Action</c>, <c>Version</c> and the members, POST to /.</summary>
    public sealed class AwsQueryMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
        where TRequest : AmazonWebServiceRequest
    {
        private readonly AwsServiceDescription service;
        private readonly string action;
        private readonly Action<QueryWriter, TRequest> writeMembers;

        public AwsQueryMarshaller(AwsServiceDescription service, string action, Action<QueryWriter, TRequest> writeMembers)
        {
            this.service = service;
            this.action = action;
            this.writeMembers = writeMembers;
        }

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var request = new DefaultRequest(input, service.ServiceId)
            {
                HttpMethod = "POST",
                ResourcePath = "/",
            };
            request.Parameters.Add("Action", action);
            request.Parameters.Add("Version", service.ApiVersion);
            writeMembers(new QueryWriter(request.Parameters), (TRequest)input);
            return request;
        }
    }
}
