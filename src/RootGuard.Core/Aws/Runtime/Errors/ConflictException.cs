using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>The resource already exists or another change is in flight (<c>ResourceAlreadyExistsException</c>, <c>ConcurrentModificationException</c>...).</summary>
    public sealed class ConflictException : AwsServiceException
    {
        public ConflictException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
