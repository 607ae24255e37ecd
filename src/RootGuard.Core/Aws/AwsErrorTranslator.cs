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

            if (failure is InvalidResponseException invalid)
            {
                var serviceId = invalid.ServiceId ?? "AWS";
                return new RootGuardException(ErrorIds.InvalidResponse, FailureKind.ProtocolError,
                    $"{serviceId} {invalid.Operation ?? "call"} at {EndpointOf(invalid.Endpoint)} was not answered by {serviceId}: {invalid.WhatCameBack}. "
                    + "A proxy, a captive portal or another server answered instead of AWS.",
                    "Check -EndpointUrl (or AWS_ENDPOINT_URL), the proxy settings (HTTPS_PROXY) and whether the network needs a sign-in in a browser, then run the command again.",
                    null, failure)
                {
                    RequestId = string.IsNullOrEmpty(invalid.RequestId) ? null : invalid.RequestId,
                };
            }

            if (failure is RequestTimeoutException timedOut)
            {
                var each = timedOut.Timeout is { } t ? $" within {t.TotalSeconds:0.#} s" : string.Empty;
                return new RootGuardException(ErrorIds.RequestTimeout, FailureKind.Timeout,
                    $"{timedOut.ServiceId} {timedOut.Operation} at {EndpointOf(timedOut.Endpoint)} did not answer{each}, on any of {timedOut.Attempts} attempt(s).",
                    $"Check network access to the endpoint (or -EndpointUrl) and try again; if AWS is only slow, allow more seconds per request with ${{env:{Connection.RequestTimeout.EnvironmentVariable}}}.",
                    null, failure);
            }

            var needed = failure is AwsServiceException { IamAction: { } failedAction }
                ? failedAction
                : permissions != null && permissions.Count > 0 ? string.Join(", ", permissions) : null;
            if (failure is AmazonServiceException service && !string.IsNullOrEmpty(service.ErrorCode))
            {
                var code = service.ErrorCode;
                var (kind, action) = Classify(service, needed);
                return new RootGuardException(ErrorIds.ForAwsErrorCode(code), kind, $"AWS answered {code}: {Sentence(service.Message)}", action, null, failure)
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
                return new RootGuardException(ErrorIds.RequestTimeout, FailureKind.Timeout, "AWS did not answer in time: " + Sentence(failure.Message),
                    "Check network access to the AWS endpoint and try again.", null, failure);
            }

            if (failure is AmazonClientException || failure is System.Net.Http.HttpRequestException || failure is System.IO.IOException
                || failure is WebException)
            {
                return new RootGuardException(ErrorIds.ConnectionFailed, FailureKind.ConnectionError, "AWS could not be reached: " + Sentence(failure.Message),
                    "Check network access to the AWS endpoint (or -EndpointUrl) and try again.", null, failure);
            }

            return new RootGuardException(ErrorIds.UnexpectedFailure, FailureKind.InvalidOperation, Sentence(failure.Message), null, null, failure);
        }

        /// <summary>
        /// True for a failure of the endpoint rather than of the request: no answer in time, or an answer that is not
        /// AWS's. Every later call would fail the same way, so the whole command stops with it.
        /// </summary>
        public static bool IsEndpointFailure(Exception failure) => failure switch
        {
            RootGuardException e => e.ErrorId == ErrorIds.InvalidResponse || e.ErrorId == ErrorIds.RequestTimeout,
            InvalidResponseException _ => true,
            RequestTimeoutException _ => true,
            _ => false,
        };

        /// <summary>Text that ends as a sentence does, so that the next sentence does not run into it.</summary>
        public static string Sentence(string? text)
        {
            var trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                return "No message was given.";
            }

            var last = trimmed[trimmed.Length - 1];
            return last == '.' || last == '!' || last == '?' || last == '…' ? trimmed : trimmed + ".";
        }

        private static string EndpointOf(Uri? endpoint) => endpoint == null ? "its endpoint" : endpoint.GetLeftPart(UriPartial.Authority);

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
