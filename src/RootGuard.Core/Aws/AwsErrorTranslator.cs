using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Amazon.Runtime;
using RootGuard.Core.Aws.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>
    /// Turns an AWS failure into a <see cref="RootGuardException"/> that keeps the AWS error code and request id,
    /// picks the failure kind (and so the PowerShell ErrorCategory) and says what to do.
    /// </summary>
    public static class AwsErrorTranslator
    {
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
                var (kind, action) = Classify(service, needed);
                return new RootGuardException(ErrorIds.ForAwsErrorCode(code), kind, $"AWS answered {code}: {service.Message}", action, null, failure)
                {
                    AwsErrorCode = code,
                    RequestId = service.RequestId,
                };
            }

            if (failure is OperationCanceledException)
            {
                return new RootGuardException(ErrorIds.Cancelled, FailureKind.InvalidOperation, "The operation was cancelled.", null, null, failure);
            }

            if (failure is TimeoutException || failure.InnerException is TimeoutException)
            {
                return new RootGuardException(ErrorIds.Timeout, FailureKind.Timeout, "AWS did not answer in time: " + failure.Message,
                    "Check network access to the AWS endpoint and try again.", null, failure);
            }

            if (failure is AmazonClientException || failure is System.Net.Http.HttpRequestException || failure is System.IO.IOException
                || failure is WebException)
            {
                return new RootGuardException(ErrorIds.ConnectionFailed, FailureKind.ConnectionError, "AWS could not be reached: " + failure.Message,
                    "Check network access to the AWS endpoint (or -EndpointUrl) and try again.", null, failure);
            }

            return new RootGuardException(ErrorIds.UnexpectedFailure, FailureKind.InvalidOperation, failure.Message, null, null, failure);
        }

        /// <summary>The AWS error code of a failure, when it has one.</summary>
        public static string? ErrorCodeOf(Exception failure) => (failure as AmazonServiceException)?.ErrorCode;

        public static bool IsNotFound(Exception failure) => KindOf(failure) == AwsErrorKind.NotFound;

        public static bool IsAccessDenied(Exception failure) => KindOf(failure) == AwsErrorKind.AccessDenied;

        // One classification of AWS error codes for the whole module: the clients' own (AwsErrorMapper), which also
        // covers STS's exceptions from the official package by their code.
        private static AwsErrorKind? KindOf(Exception failure) => failure switch
        {
            AwsServiceException typed => typed.Kind,
            AmazonServiceException service when !string.IsNullOrEmpty(service.ErrorCode) => AwsErrorMapper.KindOf(service.ErrorCode, service.StatusCode),
            _ => null,
        };

        private static (FailureKind, string?) Classify(AmazonServiceException service, string? needed) => KindOf(service) switch
        {
            AwsErrorKind.AccessDenied => (FailureKind.PermissionDenied, needed != null
                ? $"Grant the caller {needed} (see docs/iam-policies.md), or run with credentials that have it."
                : "Grant the caller the IAM permission this call needs, or run with credentials that have it."),
            AwsErrorKind.Authentication => (FailureKind.Authentication, "Check the credentials: they are invalid, expired, or for another partition."),
            AwsErrorKind.NotFound => (FailureKind.NotFound, null),
            AwsErrorKind.Throttling => (FailureKind.LimitsExceeded, "AWS throttled the calls even after retries; wait a minute and run the command again."),
            AwsErrorKind.LimitExceeded => (FailureKind.LimitsExceeded, "An AWS quota was reached; raise it in Service Quotas or remove unused resources."),
            AwsErrorKind.Validation => (FailureKind.InvalidArgument, null),
            AwsErrorKind.Conflict => (FailureKind.InvalidOperation, "Another change to the same resource was in progress; run the command again."),
            AwsErrorKind.NotReady => (FailureKind.ResourceUnavailable, "AWS is still preparing the resource; run the command again shortly."),
            AwsErrorKind.ServiceFailure => (FailureKind.ResourceUnavailable, "AWS had an internal error; run the command again (it resumes where it stopped)."),
            _ => (FailureKind.InvalidOperation, null),
        };
    }
}
