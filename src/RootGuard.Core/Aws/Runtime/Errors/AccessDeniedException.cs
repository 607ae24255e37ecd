using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>The caller is not allowed to perform the action (<c>AccessDenied</c>, <c>AccessDeniedException</c>, SNS <c>AuthorizationError</c>).</summary>
    public sealed class AccessDeniedException : AwsServiceException
    {
        public AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
