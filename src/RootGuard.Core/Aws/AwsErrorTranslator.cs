using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// Turns an AWS failure into a <see cref="RootGuardException"/> that keeps the AWS error code and request id,
    /// picks the failure kind (and so the PowerShell ErrorCategory) and says what to do.
    /// </summary>
    public static class AwsErrorTranslator
    {
        private static readonly HashSet<string> Denied = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "AccessDenied", "AccessDeniedException", "AuthorizationError", "UnauthorizedOperation", "UnauthorizedAccess",
            "AuthorizationErrorException", "KMSAccessDeniedException",
        };

        private static readonly HashSet<string> Authentication = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "InvalidClientTokenId", "UnrecognizedClientException", "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException",
            "InvalidSignatureException", "IncompleteSignature", "MissingAuthenticationToken",
        };

        private static readonly HashSet<string> NotFound = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "NotFound", "NotFoundException", "ResourceNotFoundException", "ResourceNotFound", "NoSuchEntity", "TrailNotFoundException",
            "AWSOrganizationsNotInUseException",
        };

        private static readonly HashSet<string> Throttled = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Throttling", "ThrottlingException", "Throttled", "TooManyRequestsException", "RequestLimitExceeded", "LimitExceededException",
            "LimitExceeded",
        };

        private static readonly HashSet<string> Invalid = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "ValidationException", "ValidationError", "InvalidParameter", "InvalidParameterException", "InvalidParameterValue",
            "InvalidParameterValueException", "InvalidParameterCombination", "InvalidEventPatternException", "MalformedPolicyDocument",
        };

        /// <param name="failure">What the SDK threw.</param>
        /// <param name="permissions">The IAM actions the failed call needs, named when AWS denies access.</param>
        public static RootGuardException Translate(Exception failure, IReadOnlyList<string>? permissions = null)
        {
            if (failure is RootGuardException already)
            {
                return already;
            }

            var needed = permissions != null && permissions.Count > 0 ? string.Join(", ", permissions) : null;
            if (failure is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode))
            {
                var code = service.ErrorCode;
                var (kind, action) = Classify(code, service.StatusCode, needed);
                return new RootGuardException("RootGuard." + TrimException(code), kind, $"AWS answered {code}: {service.Message}", action, null, failure)
                {
                    AwsErrorCode = code,
                    RequestId = service.RequestId,
                };
            }

            if (failure is OperationCanceledException)
            {
                return new RootGuardException("RootGuard.Cancelled", FailureKind.InvalidOperation, "The operation was cancelled.", null, null, failure);
            }

            if (failure is TimeoutException || failure.InnerException is TimeoutException)
            {
                return new RootGuardException("RootGuard.Timeout", FailureKind.Timeout, "AWS did not answer in time: " + failure.Message,
                    "Check network access to the AWS endpoint and try again.", null, failure);
            }

            if (failure is AmazonClientException || failure is System.Net.Http.HttpRequestException || failure is System.IO.IOException
                || failure is WebException)
            {
                return new RootGuardException("RootGuard.ConnectionFailed", FailureKind.ConnectionError, "AWS could not be reached: " + failure.Message,
                    "Check network access to the AWS endpoint (or -EndpointUrl) and try again.", null, failure);
            }

            return new RootGuardException("RootGuard.UnexpectedFailure", FailureKind.InvalidOperation, failure.Message, null, null, failure);
        }

        /// <summary>The AWS error code of a failure, when it has one.</summary>
        public static string? ErrorCodeOf(Exception failure) => (failure as AmazonServiceException)?.ErrorCode;

        public static bool IsNotFound(Exception failure) => ErrorCodeOf(failure) is string code && NotFound.Contains(code);

        public static bool IsAccessDenied(Exception failure) => ErrorCodeOf(failure) is string code && Denied.Contains(code);

        private static (FailureKind, string?) Classify(string code, HttpStatusCode status, string? needed)
        {
            if (Denied.Contains(code) || status == HttpStatusCode.Forbidden && !Authentication.Contains(code))
            {
                return (FailureKind.PermissionDenied, needed != null
                    ? $"Grant the caller {needed} (see the module's IAM policy in README), or run with credentials that have it."
                    : "Grant the caller the IAM permission this call needs, or run with credentials that have it.");
            }

            if (Authentication.Contains(code))
            {
                return (FailureKind.Authentication, "Check the credentials: they are invalid, expired, or for another partition.");
            }

            if (NotFound.Contains(code))
            {
                return (FailureKind.NotFound, null);
            }

            if (Throttled.Contains(code))
            {
                return (FailureKind.LimitsExceeded, "AWS throttled the calls even after retries; wait a minute and run the command again.");
            }

            if (Invalid.Contains(code) || code.StartsWith("Invalid", StringComparison.Ordinal))
            {
                return (FailureKind.InvalidArgument, null);
            }

            if ((int)status >= 500)
            {
                return (FailureKind.ResourceUnavailable, "AWS had an internal error; run the command again (it resumes where it stopped).");
            }

            return (FailureKind.InvalidOperation, null);
        }

        private static string TrimException(string code) =>
            code.EndsWith("Exception", StringComparison.Ordinal) ? code.Substring(0, code.Length - "Exception".Length) : code;
    }
}
