using System.Net;
using Amazon.Runtime;
using RootGuard.Core;
using RootGuard.Core.Aws;
using Xunit;

namespace RootGuard.Core.Tests.Planning
{
    public sealed class AwsErrorTranslatorTests
    {
        private static AmazonServiceException Service(string code, HttpStatusCode status) =>
            new AmazonServiceException("message from AWS", null, ErrorType.Sender, code, "req-123", status);

        [Fact]
        public void Access_denied_becomes_PermissionDenied_naming_the_IAM_actions_and_keeping_the_code_and_request_id()
        {
            var e = AwsErrorTranslator.Translate(Service("AccessDeniedException", HttpStatusCode.BadRequest), new[] { "events:PutTargets" });
            Assert.Equal(FailureKind.PermissionDenied, e.Kind);
            Assert.Equal("RootGuard.AccessDenied", e.ErrorId);
            Assert.Contains("events:PutTargets", e.RecommendedAction);
            Assert.Equal("AccessDeniedException", e.AwsErrorCode);
            Assert.Equal("req-123", e.RequestId);
        }

        [Theory]
        [InlineData("Throttled", HttpStatusCode.TooManyRequests, FailureKind.LimitsExceeded)]
        [InlineData("ThrottlingException", HttpStatusCode.BadRequest, FailureKind.LimitsExceeded)]
        [InlineData("NotFound", HttpStatusCode.NotFound, FailureKind.NotFound)]
        [InlineData("NoSuchEntity", HttpStatusCode.NotFound, FailureKind.NotFound)]
        [InlineData("ValidationException", HttpStatusCode.BadRequest, FailureKind.InvalidArgument)]
        [InlineData("InvalidClientTokenId", HttpStatusCode.Forbidden, FailureKind.Authentication)]
        public void AWS_error_codes_map_to_the_failure_kind_a_user_can_act_on(string code, HttpStatusCode status, FailureKind expected)
        {
            Assert.Equal(expected, AwsErrorTranslator.Translate(Service(code, status)).Kind);
        }

        [Fact]
        public void A_connection_failure_is_a_ConnectionError_that_says_to_check_the_endpoint()
        {
            var e = AwsErrorTranslator.Translate(new System.Net.Http.HttpRequestException("connection refused"));
            Assert.Equal(FailureKind.ConnectionError, e.Kind);
            Assert.Equal("RootGuard.ConnectionFailed", e.ErrorId);
            Assert.Contains("EndpointUrl", e.RecommendedAction);
        }

        [Fact]
        public void NotFound_and_AccessDenied_are_recognised_by_code_for_decisions()
        {
            Assert.True(AwsErrorTranslator.IsNotFound(Service("ResourceNotFoundException", HttpStatusCode.BadRequest)));
            Assert.True(AwsErrorTranslator.IsAccessDenied(Service("AuthorizationError", HttpStatusCode.Forbidden)));
            Assert.False(AwsErrorTranslator.IsNotFound(Service("AccessDenied", HttpStatusCode.Forbidden)));
        }
    }
}
