using System;
using System.IO;
using System.Net;
using Amazon.Runtime.Internal.Transform;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
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
