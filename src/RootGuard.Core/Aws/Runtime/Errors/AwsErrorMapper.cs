using System;
using System.Collections.Generic;
using System.Net;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>Turns an error answer parsed by the SDK's error unmarshallers into RootGuard's typed exceptions.</summary>
    public static class AwsErrorMapper
    {
        private delegate AwsServiceException Factory(string message, Exception? inner, ErrorType type, string code, string requestId, HttpStatusCode status);

        // Query codes differ from shape names (SNS NotFoundException is code NotFound), so the table is keyed by wire code.
        private static readonly Dictionary<string, (Factory Create, AwsErrorKind Kind)> ByCode = new Dictionary<string, (Factory, AwsErrorKind)>(StringComparer.Ordinal)
        {
            ["ResourceNotFoundException"] = (Make<ResourceNotFoundException>((m, i, t, c, r, s) => new ResourceNotFoundException(m, i, t, c, r, s)), AwsErrorKind.NotFound),
            ["ResourceNotFound"] = (Make<ResourceNotFoundException>((m, i, t, c, r, s) => new ResourceNotFoundException(m, i, t, c, r, s)), AwsErrorKind.NotFound),
            ["NotFound"] = (Make<NotFoundException>((m, i, t, c, r, s) => new NotFoundException(m, i, t, c, r, s)), AwsErrorKind.NotFound),
            ["NoSuchEntity"] = (Make<NoSuchEntityException>((m, i, t, c, r, s) => new NoSuchEntityException(m, i, t, c, r, s)), AwsErrorKind.NotFound),
            ["TrailNotFoundException"] = (Make<TrailNotFoundException>((m, i, t, c, r, s) => new TrailNotFoundException(m, i, t, c, r, s)), AwsErrorKind.NotFound),
            ["AWSOrganizationsNotInUseException"] = (Make<AWSOrganizationsNotInUseException>((m, i, t, c, r, s) => new AWSOrganizationsNotInUseException(m, i, t, c, r, s)), AwsErrorKind.NotFound),
            ["ReportNotPresent"] = (Make<CredentialReportNotPresentException>((m, i, t, c, r, s) => new CredentialReportNotPresentException(m, i, t, c, r, s)), AwsErrorKind.NotFound),
            ["ReportExpired"] = (Make<CredentialReportExpiredException>((m, i, t, c, r, s) => new CredentialReportExpiredException(m, i, t, c, r, s)), AwsErrorKind.NotReady),
            ["ReportInProgress"] = (Make<CredentialReportNotReadyException>((m, i, t, c, r, s) => new CredentialReportNotReadyException(m, i, t, c, r, s)), AwsErrorKind.NotReady),
        };

        private static readonly Dictionary<string, AwsErrorKind> KindByCode = new Dictionary<string, AwsErrorKind>(StringComparer.Ordinal)
        {
            ["AccessDenied"] = AwsErrorKind.AccessDenied,
            ["AccessDeniedException"] = AwsErrorKind.AccessDenied,
            ["AuthorizationError"] = AwsErrorKind.AccessDenied,
            ["UnauthorizedOperation"] = AwsErrorKind.AccessDenied,
            ["OperationNotPermittedException"] = AwsErrorKind.AccessDenied,
            ["KMSAccessDenied"] = AwsErrorKind.AccessDenied,
            ["Throttling"] = AwsErrorKind.Throttling,
            ["ThrottlingException"] = AwsErrorKind.Throttling,
            ["Throttled"] = AwsErrorKind.Throttling,
            ["ThrottledException"] = AwsErrorKind.Throttling,
            ["TooManyRequestsException"] = AwsErrorKind.Throttling,
            ["RequestLimitExceeded"] = AwsErrorKind.Throttling,
            ["RequestThrottled"] = AwsErrorKind.Throttling,
            ["ValidationException"] = AwsErrorKind.Validation,
            ["ValidationError"] = AwsErrorKind.Validation,
            ["InvalidParameter"] = AwsErrorKind.Validation,
            ["InvalidParameterException"] = AwsErrorKind.Validation,
            ["InvalidParameterValue"] = AwsErrorKind.Validation,
            ["ParameterValueInvalid"] = AwsErrorKind.Validation,
            ["InvalidParameterCombination"] = AwsErrorKind.Validation,
            ["MissingParameter"] = AwsErrorKind.Validation,
            ["InvalidInput"] = AwsErrorKind.Validation,
            ["InvalidFormat"] = AwsErrorKind.Validation,
            ["InvalidNextToken"] = AwsErrorKind.Validation,
            ["InvalidNextTokenException"] = AwsErrorKind.Validation,
            ["InvalidEventPatternException"] = AwsErrorKind.Validation,
            ["InvalidTrailNameException"] = AwsErrorKind.Validation,
            ["InvalidLookupAttributesException"] = AwsErrorKind.Validation,
            ["InvalidTimeRangeException"] = AwsErrorKind.Validation,
            ["InvalidMaxResultsException"] = AwsErrorKind.Validation,
            ["CloudTrailARNInvalidException"] = AwsErrorKind.Validation,
            ["SerializationException"] = AwsErrorKind.Validation,
            ["LimitExceeded"] = AwsErrorKind.LimitExceeded,
            ["LimitExceededException"] = AwsErrorKind.LimitExceeded,
            ["TopicLimitExceeded"] = AwsErrorKind.LimitExceeded,
            ["SubscriptionLimitExceeded"] = AwsErrorKind.LimitExceeded,
            ["TagLimitExceeded"] = AwsErrorKind.LimitExceeded,
            ["ConcurrentModificationException"] = AwsErrorKind.Conflict,
            ["ConcurrentAccess"] = AwsErrorKind.Conflict,
            ["OperationAbortedException"] = AwsErrorKind.Conflict,
            ["ResourceAlreadyExistsException"] = AwsErrorKind.Conflict,
            ["EntityAlreadyExists"] = AwsErrorKind.Conflict,
            ["ManagedRuleException"] = AwsErrorKind.Conflict,
            ["InvalidClientTokenId"] = AwsErrorKind.Authentication,
            ["UnrecognizedClientException"] = AwsErrorKind.Authentication,
            ["SignatureDoesNotMatch"] = AwsErrorKind.Authentication,
            ["IncompleteSignature"] = AwsErrorKind.Authentication,
            ["ExpiredToken"] = AwsErrorKind.Authentication,
            ["ExpiredTokenException"] = AwsErrorKind.Authentication,
            ["InvalidSignatureException"] = AwsErrorKind.Authentication,
            ["MissingAuthenticationToken"] = AwsErrorKind.Authentication,
        };

        /// <summary>
        /// The typed exception for an error answer, carrying its code, request id and status; <paramref name="describeBody"/>
        /// says what came back, for an answer without an AWS error code.
        /// </summary>
        public static AwsServiceException Map(string serviceId, ErrorResponse error, Exception? innerException, HttpStatusCode statusCode,
            Func<string>? describeBody = null)
        {
            // Every AWS error of these protocols carries a code (in the body, or the X-Amzn-ErrorType header); an error
            // without one came from something else: a proxy's 403 page is not AWS denying access. A 5xx without a code
            // (a gateway's error page; moto's page for an operation it lacks) stays a service failure: retried, and in
            // the assessment an Error of the checks that needed it.
            var described = NormalizeCode(error.Code) == null ? describeBody?.Invoke() ?? $"HTTP {(int)statusCode} without an AWS error code" : null;
            if (described != null && (int)statusCode < 500)
            {
                return new InvalidResponseException(described, innerException, statusCode, error.RequestId)
                {
                    ServiceId = serviceId,
                };
            }

            var code = NormalizeCode(error.Code) ?? statusCode.ToString();
            var message = described != null ? $"{serviceId} answered {described}, without an AWS error code."
                : string.IsNullOrEmpty(error.Message) ? $"{serviceId} answered {(int)statusCode} {code}." : error.Message;
            var requestId = error.RequestId ?? string.Empty;

            AwsServiceException exception;
            AwsErrorKind kind;
            if (ByCode.TryGetValue(code, out var known))
            {
                exception = known.Create(message, innerException, error.Type, code, requestId, statusCode);
                kind = known.Kind;
            }
            else
            {
                kind = KindOf(code, statusCode);
                exception = kind switch
                {
                    AwsErrorKind.AccessDenied => new AccessDeniedException(message, innerException, error.Type, code, requestId, statusCode),
                    AwsErrorKind.Throttling => new ThrottlingException(message, innerException, error.Type, code, requestId, statusCode),
                    AwsErrorKind.Validation => new ValidationException(message, innerException, error.Type, code, requestId, statusCode),
                    AwsErrorKind.LimitExceeded => new LimitExceededException(message, innerException, error.Type, code, requestId, statusCode),
                    AwsErrorKind.Conflict => new ConflictException(message, innerException, error.Type, code, requestId, statusCode),
                    AwsErrorKind.ServiceFailure => new ServiceFailureException(message, innerException, error.Type, code, requestId, statusCode),
                    AwsErrorKind.NotFound => new ResourceNotFoundException(message, innerException, error.Type, code, requestId, statusCode),
                    _ => new AwsServiceException(message, innerException, error.Type, code, requestId, statusCode),
                };
            }

            exception.Kind = kind;
            exception.ServiceId = serviceId;
            return exception;
        }

        /// <summary>What an error code (or, failing that, its HTTP status) means.</summary>
        public static AwsErrorKind KindOf(string code, HttpStatusCode statusCode)
        {
            if (ByCode.TryGetValue(code, out var known))
            {
                return known.Kind;
            }

            if (KindByCode.TryGetValue(code, out var kind))
            {
                return kind;
            }

            if (code.EndsWith("NotFoundException", StringComparison.Ordinal) || code.EndsWith("NotFound", StringComparison.Ordinal))
            {
                return AwsErrorKind.NotFound;
            }

            var status = (int)statusCode;
            if (status == 429)
            {
                return AwsErrorKind.Throttling;
            }

            if (status >= 500)
            {
                return AwsErrorKind.ServiceFailure;
            }

            if (status == 403)
            {
                return AwsErrorKind.AccessDenied;
            }

            return status == 404 ? AwsErrorKind.NotFound : AwsErrorKind.Other;
        }

        // awsJson errors may carry a namespace or a trailing URL: "com.amazonaws.events#ResourceNotFoundException:http://..."
        internal static string? NormalizeCode(string? code)
        {
            if (string.IsNullOrEmpty(code))
            {
                return null;
            }

            var value = code!;
            var colon = value.IndexOf(':');
            if (colon >= 0)
            {
                value = value.Substring(0, colon);
            }

            var hash = value.LastIndexOf('#');
            if (hash >= 0)
            {
                value = value.Substring(hash + 1);
            }

            return value.Trim();
        }

        private static Factory Make<T>(Factory factory) where T : AwsServiceException => factory;
    }
}
