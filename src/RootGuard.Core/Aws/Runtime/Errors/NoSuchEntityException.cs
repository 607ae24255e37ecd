using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>IAM: the entity does not exist (query code <c>NoSuchEntity</c>).</summary>
    public sealed class NoSuchEntityException : ResourceNotFoundException
    {
        public NoSuchEntityException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
