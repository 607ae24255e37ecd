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

    /// <summary>
    /// The answer was not in the service's protocol: an HTML page from a proxy or captive portal, a JSON body where XML
    /// belongs, an XML document that is not the operation's response, or an error without an AWS error code. Not retried
    /// unless its HTTP status is one the retry policy retries (5xx).
    /// </summary>
    public sealed class InvalidResponseException : AwsServiceException
    {
        public InvalidResponseException(string whatCameBack, Exception? innerException, HttpStatusCode statusCode, string? requestId = null)
            : base("The answer was not in the service's protocol: " + whatCameBack, innerException, ErrorType.Unknown, null!, requestId ?? string.Empty, statusCode)
        {
            WhatCameBack = whatCameBack;
            Kind = AwsErrorKind.InvalidResponse;
        }

        /// <summary>What came back instead, for example <c>HTTP 200, text/html: "&lt;title&gt;Sign in&lt;/title&gt;..."</c>.</summary>
        public string WhatCameBack { get; }
    }

    /// <summary>The endpoint accepted the request and did not answer within the request timeout, on every attempt the retry policy allowed.</summary>
    public sealed class RequestTimeoutException : TimeoutException
    {
        public RequestTimeoutException(string serviceId, string operation, Uri? endpoint, TimeSpan? timeout, int attempts, Exception innerException)
            : base($"{serviceId} {operation} timed out.", innerException)
        {
            ServiceId = serviceId;
            Operation = operation;
            Endpoint = endpoint;
            Timeout = timeout;
            Attempts = attempts;
        }

        public string ServiceId { get; }
        public string Operation { get; }
        public Uri? Endpoint { get; }

        /// <summary>The timeout of each attempt.</summary>
        public TimeSpan? Timeout { get; }

        /// <summary>How many attempts were made (the first and the SDK's retries).</summary>
        public int Attempts { get; }
    }

    /// <summary>The named resource does not exist (EventBridge, CloudWatch Logs, Account: <c>ResourceNotFoundException</c>).</summary>
    public class ResourceNotFoundException : AwsServiceException
    {
        public ResourceNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>SNS: the topic or subscription does not exist (query code <c>NotFound</c>).</summary>
    public sealed class NotFoundException : ResourceNotFoundException
    {
        public NotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>IAM: the entity does not exist (query code <c>NoSuchEntity</c>).</summary>
    public sealed class NoSuchEntityException : ResourceNotFoundException
    {
        public NoSuchEntityException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>CloudTrail: the trail does not exist.</summary>
    public sealed class TrailNotFoundException : ResourceNotFoundException
    {
        public TrailNotFoundException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>Organizations: the account is not a member of an organization.</summary>
    public sealed class AWSOrganizationsNotInUseException : ResourceNotFoundException
    {
        public AWSOrganizationsNotInUseException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>IAM: no credential report exists yet (query code <c>ReportNotPresent</c>); call GenerateCredentialReport.</summary>
    public sealed class CredentialReportNotPresentException : ResourceNotFoundException
    {
        public CredentialReportNotPresentException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>IAM: the credential report is older than four hours (query code <c>ReportExpired</c>); generate a new one.</summary>
    public sealed class CredentialReportExpiredException : AwsServiceException
    {
        public CredentialReportExpiredException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>IAM: the credential report is still being generated (query code <c>ReportInProgress</c>); ask again shortly.</summary>
    public sealed class CredentialReportNotReadyException : AwsServiceException
    {
        public CredentialReportNotReadyException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The caller is not allowed to perform the action (<c>AccessDenied</c>, <c>AccessDeniedException</c>, SNS <c>AuthorizationError</c>).</summary>
    public sealed class AccessDeniedException : AwsServiceException
    {
        public AccessDeniedException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The request was throttled on every attempt the retry policy allowed (<c>Throttling</c>, SNS <c>Throttled</c>...).</summary>
    public sealed class ThrottlingException : AwsServiceException
    {
        public ThrottlingException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>A parameter was missing or invalid (<c>ValidationException</c>, <c>InvalidParameter</c>, <c>InvalidEventPatternException</c>...).</summary>
    public sealed class ValidationException : AwsServiceException
    {
        public ValidationException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>A service quota was reached (<c>LimitExceededException</c>, <c>LimitExceeded</c>, SNS <c>TopicLimitExceeded</c>...).</summary>
    public sealed class LimitExceededException : AwsServiceException
    {
        public LimitExceededException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The resource already exists or another change is in flight (<c>ResourceAlreadyExistsException</c>, <c>ConcurrentModificationException</c>...).</summary>
    public sealed class ConflictException : AwsServiceException
    {
        public ConflictException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }

    /// <summary>The service failed (HTTP 5xx) on every attempt the retry policy allowed.</summary>
    public sealed class ServiceFailureException : AwsServiceException
    {
        public ServiceFailureException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
