using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>The named resource does not exist (EventBridge, CloudWatch Logs, Account: <c>ResourceNotFoundException</c>).</summary>
    public class ResourceNotFoundException : AwsServiceException
    {
        public ResourceNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
