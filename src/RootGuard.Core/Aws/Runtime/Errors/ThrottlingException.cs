using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>The request was throttled on every attempt the retry policy allowed (<c>Throttling</c>, SNS <c>Throttled</c>...).</summary>
    public sealed class ThrottlingException : AwsServiceException
    {
        public ThrottlingException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
