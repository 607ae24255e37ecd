using System;

namespace RootGuard.Core
{
    /// <summary>
    /// A failure RootGuard can explain: a stable <see cref="ErrorId"/>, what kind of failure it is, what it
    /// concerns (a parameter or a resource) and what the user should do. AWS service failures keep the
    /// AWS error code and request id.
    /// </summary>
    public class RootGuardException : Exception
    {
        public RootGuardException(string errorId, FailureKind kind, string message, string? recommendedAction = null,
            string? target = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            RecommendedAction = recommendedAction;
            Target = target;
        }

        /// <summary>Stable identifier, for example <c>RootGuard.NoCredentials</c>.</summary>
        public string ErrorId { get; }

        public FailureKind Kind { get; }

        /// <summary>What the user can do about it.</summary>
        public string? RecommendedAction { get; }

        /// <summary>The parameter name or resource the failure concerns.</summary>
        public string? Target { get; }

        /// <summary>The AWS error code, when an AWS call failed.</summary>
        public string? AwsErrorCode { get; set; }

        /// <summary>The AWS request id, when an AWS call failed.</summary>
        public string? RequestId { get; set; }
    }
}
