using System;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>restJson1 request: method and path from the model's <c>http</c> trait, members in a JSON body.</summary>
    public sealed class AwsRestJsonMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
        where TRequest : AmazonWebServiceRequest
    {
        private readonly AwsServiceDescription service;
        private readonly string method;
        private readonly string path;
        private readonly Action<Utf8JsonWriter, TRequest>? writeBody;

        public AwsRestJsonMarshaller(AwsServiceDescription service, string method, string path, Action<Utf8JsonWriter, TRequest>? writeBody)
        {
            this.service = service;
            this.method = method;
            this.path = path;
            this.writeBody = writeBody;
        }

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var request = new DefaultRequest(input, service.ServiceId)
            {
                HttpMethod = method,
                ResourcePath = path,
            };
            if (writeBody != null)
            {
                request.Headers["Content-Type"] = "application/json";
                request.Content = JsonBody.Write(writer => writeBody(writer, (TRequest)input));
            }

            return request;
        }
    }
}
