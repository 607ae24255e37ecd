using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>CloudTrail: the trail does not exist.</summary>
    public sealed class TrailNotFoundException : ResourceNotFoundException
    {
        public TrailNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
