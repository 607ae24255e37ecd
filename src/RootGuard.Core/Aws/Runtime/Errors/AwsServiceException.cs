using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// An error answer from an AWS service, keeping the service's <see cref="AmazonServiceException.ErrorCode"/>,
    /// <see cref="AmazonServiceException.RequestId"/> and <see cref="AmazonServiceException.StatusCode"/>, plus
    /// what the code means (<see cref="Kind"/>) so callers map errors without knowing every service's codes.
    /// </summary>
    public class AwsServiceException : AmazonServiceException
    {
        public AwsServiceException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }

        /// <summary>What the error means, from its code and HTTP status.</summary>
        public AwsErrorKind Kind { get; internal set; }

        /// <summary>The service that answered, by its model <c>serviceId</c> (for example <c>SNS</c>).</summary>
        public string? ServiceId { get; internal set; }

        /// <summary>The operation that failed, for example <c>ListTopics</c>; set when the call leaves the client.</summary>
        public string? Operation { get; internal set; }

        /// <summary>The IAM action the failed operation needs, for example <c>sns:ListTopics</c>, named when access is denied.</summary>
        public string? IamAction { get; internal set; }

        /// <summary>The endpoint the request went to.</summary>
        public Uri? Endpoint { get; internal set; }
    }
}
