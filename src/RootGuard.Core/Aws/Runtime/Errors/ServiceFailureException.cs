using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>The service failed (HTTP 5xx) on every attempt the retry policy allowed.</summary>
    public sealed class ServiceFailureException : AwsServiceException
    {
        public ServiceFailureException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
