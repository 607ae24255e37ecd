using System;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Util;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>awsJson1_1 request: POST / with <c>X-Amz-Target: Prefix.Operation</c> and a JSON body.</summary>
    public sealed class AwsJsonMarshaller<TRequest> : IMarshaller<IRequest, AmazonWebServiceRequest>
        where TRequest : AmazonWebServiceRequest
    {
        private readonly AwsServiceDescription service;
        private readonly string target;
        private readonly Action<Utf8JsonWriter, TRequest> writeMembers;

        public AwsJsonMarshaller(AwsServiceDescription service, string targetPrefix, string operation, Action<Utf8JsonWriter, TRequest> writeMembers)
        {
            this.service = service;
            target = targetPrefix + "." + operation;
            this.writeMembers = writeMembers;
        }

        public IRequest Marshall(AmazonWebServiceRequest input)
        {
            var request = new DefaultRequest(input, service.ServiceId)
            {
                HttpMethod = "POST",
                ResourcePath = "/",
            };
            request.Headers["X-Amz-Target"] = target;
            request.Headers["Content-Type"] = "application/x-amz-json-1.1";
            request.Headers[HeaderKeys.XAmzApiVersion] = service.ApiVersion;
            request.Content = JsonBody.Write(writer => writeMembers(writer, (TRequest)input));
            return request;
        }
    }
}
