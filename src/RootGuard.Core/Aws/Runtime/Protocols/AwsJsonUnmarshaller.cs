using System;
using System.Net;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>JSON response (awsJson1_1 and restJson1): success body read with <see cref="JsonDocument"/>, errors through the SDK's <see cref="JsonErrorResponseUnmarshaller"/>.</summary>
    public sealed class AwsJsonUnmarshaller<TResponse> : JsonResponseUnmarshaller
        where TResponse : AmazonWebServiceResponse
    {
        private readonly string serviceId;
        private readonly Func<JsonElement, TResponse> read;

        public AwsJsonUnmarshaller(string serviceId, Func<JsonElement, TResponse> read)
        {
            this.serviceId = serviceId;
            this.read = read;
        }

        public override AmazonWebServiceResponse Unmarshall(JsonUnmarshallerContext context)
        {
            using var document = JsonBody.ParseResponse(context.Stream, context.ResponseData);
            var response = read(document.RootElement);
            response.ResponseMetadata ??= new ResponseMetadata();
            response.ResponseMetadata.RequestId = context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
            return response;
        }

        public override AmazonServiceException UnmarshallException(JsonUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var reader = new StreamingUtf8JsonReader(context.Stream, AWSConfigs.StreamingUtf8JsonReaderBufferSize ?? 4096, context.JsonMaxDepth);
            var error = JsonErrorResponseUnmarshaller.GetInstance().Unmarshall(context, ref reader);
            error.RequestId ??= context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
            return AwsErrorMapper.Map(serviceId, error, innerException, statusCode, () => ErrorBody.Describe(context, statusCode));
        }
    }
}
