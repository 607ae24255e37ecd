using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>A service quota was reached (<c>LimitExceededException</c>, <c>LimitExceeded</c>, SNS <c>TopicLimitExceeded</c>...).</summary>
    public sealed class LimitExceededException : AwsServiceException
    {
        public LimitExceededException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
