using System;
using System.IO;
using System.Net;
using System.Text.Json;
using Amazon.Runtime.Internal.Transform;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
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
}
