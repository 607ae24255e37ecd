using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// The answer was not in the service's protocol: an HTML page from a proxy or captive portal, a JSON body where XML
    /// belongs, an XML document that is not the operation's response, or an error without an AWS error code. Not retried
    /// unless its HTTP status is one the retry policy retries (5xx).
    /// </summary>
    public sealed class InvalidResponseException : AwsServiceException
    {
        public InvalidResponseException(string whatCameBack, Exception? innerException, HttpStatusCode statusCode, string? requestId = null)
            : base("The answer was not in the service's protocol: " + whatCameBack, innerException, ErrorType.Unknown, null!, requestId ?? string.Empty, statusCode)
        {
            WhatCameBack = whatCameBack;
            Kind = AwsErrorKind.InvalidResponse;
        }

        /// <summary>What came back instead, for example <c>HTTP 200, text/html: "&lt;title&gt;Sign in&lt;/title&gt;..."</c>.</summary>
        public string WhatCameBack { get; }
    }
}
