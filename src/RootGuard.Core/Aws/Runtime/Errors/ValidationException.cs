using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>A parameter was missing or invalid (<c>ValidationException</c>, <c>InvalidParameter</c>, <c>InvalidEventPatternException</c>...).</summary>
    public sealed class ValidationException : AwsServiceException
    {
        public ValidationException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
