using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>SNS: the topic or subscription does not exist (query code <c>NotFound</c>).</summary>
    public sealed class NotFoundException : ResourceNotFoundException
    {
        public NotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
