using System;
using System.IO;
using System.Net;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.Runtime.Internal.Transform;
using Amazon.Runtime.Internal.Util;
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

    internal static class JsonBody
    {
        public static byte[] Write(Action<Utf8JsonWriter> writeMembers)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writeMembers(writer);
                writer.WriteEndObject();
            }

            return buffer.ToArray();
        }

        /// <summary>
        /// A success answer: one JSON object, or empty (operations such as DeleteRule answer with an empty body); anything
        /// else (an HTML page, say) is not the protocol.
        /// </summary>
        public static JsonDocument ParseResponse(Stream stream, IWebResponseData? response)
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            if (copy.Length == 0)
            {
                return JsonDocument.Parse("{}");
            }

            var body = copy.ToArray();
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException e)
            {
                throw new InvalidResponseException(Describe(response, body, "not JSON"), e, response?.StatusCode ?? HttpStatusCode.OK);
            }

            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new InvalidResponseException(Describe(response, body, "not a JSON object"), null, response?.StatusCode ?? HttpStatusCode.OK);
            }

            return document;
        }

        private static string Describe(IWebResponseData? response, byte[] body, string problem) =>
            ResponseDescription.Of(response?.StatusCode ?? HttpStatusCode.OK, response?.ContentType, body, problem);
    }

    /// <summary>The body of an error answer, described for an error without an AWS error code.</summary>
    internal static class ErrorBody
    {
        public static string Describe(UnmarshallerContext context, HttpStatusCode status)
        {
            string? body = null;
            try
            {
                body = context.ResponseBody;
            }
            catch (Exception e) when (e is InvalidOperationException || e is NotSupportedException || e is ObjectDisposedException || e is IOException)
            {
                // The SDK kept no copy of the body: the status and content type still say what came back.
            }

            return ResponseDescription.Of(status, context.ResponseData?.ContentType, body);
        }
    }
}
