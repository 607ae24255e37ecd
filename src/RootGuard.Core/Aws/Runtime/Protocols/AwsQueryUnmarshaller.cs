using System;
using System.IO;
using System.Net;
using System.Xml;
using System.Xml.Linq;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Transform;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>
    /// awsQuery response: <c>&lt;ActionResponse&gt;&lt;ActionResult&gt;…&lt;/ActionResult&gt;&lt;ResponseMetadata/&gt;</c> read with
    /// <see cref="XDocument"/>; errors through the SDK's <see cref="XmlErrorResponseUnmarshaller"/>.
    /// </summary>
    public sealed class AwsQueryUnmarshaller<TResponse> : XmlResponseUnmarshaller
        where TResponse : AmazonWebServiceResponse
    {
        private readonly string serviceId;
        private readonly string? resultWrapper;
        private readonly Func<XElement?, TResponse> read;

        public AwsQueryUnmarshaller(string serviceId, string? resultWrapper, Func<XElement?, TResponse> read)
        {
            this.serviceId = serviceId;
            this.resultWrapper = resultWrapper;
            this.read = read;
        }

        public override AmazonWebServiceResponse Unmarshall(XmlUnmarshallerContext context)
        {
            var root = ReadRoot(context);
            var result = resultWrapper == null ? root : XmlRead.Child(root, resultWrapper);
            var response = read(result);
            response.ResponseMetadata ??= new ResponseMetadata();
            response.ResponseMetadata.RequestId = XmlRead.String(XmlRead.Child(root, "ResponseMetadata"), "RequestId")
                                                  ?? context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
            return response;
        }

        public override AmazonServiceException UnmarshallException(XmlUnmarshallerContext context, Exception innerException, HttpStatusCode statusCode)
        {
            var error = XmlErrorResponseUnmarshaller.GetInstance().Unmarshall(context);
            error.RequestId ??= context.ResponseData?.GetHeaderValue("x-amzn-RequestId");
            return AwsErrorMapper.Map(serviceId, error, innerException, statusCode, () => ErrorBody.Describe(context, statusCode));
        }

        // A success answer is <OperationResponse>, or nothing at all; an XHTML page from a captive portal parses as XML
        // too, and read as an empty result it would say that nothing exists.
        private XElement? ReadRoot(XmlUnmarshallerContext context)
        {
            using var copy = new MemoryStream();
            context.Stream.CopyTo(copy);
            if (copy.Length == 0)
            {
                return null;
            }

            var body = copy.ToArray();
            XElement? root;
            try
            {
                copy.Position = 0;
                root = XDocument.Load(copy).Root;
            }
            catch (XmlException e)
            {
                throw new InvalidResponseException(Describe(context, body, "not XML"), e, context.ResponseData?.StatusCode ?? HttpStatusCode.OK);
            }

            var expected = resultWrapper != null && resultWrapper.EndsWith(ResultSuffix, StringComparison.Ordinal)
                ? resultWrapper.Substring(0, resultWrapper.Length - ResultSuffix.Length) + ResponseSuffix
                : null;
            var name = root?.Name.LocalName ?? string.Empty;
            if (expected != null ? name != expected : !name.EndsWith(ResponseSuffix, StringComparison.Ordinal))
            {
                throw new InvalidResponseException(Describe(context, body, $"<{name}> where <{expected ?? "…" + ResponseSuffix}> belongs"), null,
                    context.ResponseData?.StatusCode ?? HttpStatusCode.OK);
            }

            return root;
        }

        private const string ResultSuffix = "Result";
        private const string ResponseSuffix = "Response";

        private static string Describe(XmlUnmarshallerContext context, byte[] body, string problem) =>
            ResponseDescription.Of(context.ResponseData?.StatusCode ?? HttpStatusCode.OK, context.ResponseData?.ContentType, body, problem);
    }
}
