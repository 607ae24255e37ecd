using System;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>Why one AWS read failed: the IAM action it needed, and AWS's answer.</summary>
    public sealed class SourceFailure
    {
        public SourceFailure(string action, string? errorCode, string message, bool accessDenied, bool notFound = false)
        {
            Action = action;
            ErrorCode = errorCode;
            Message = message;
            AccessDenied = accessDenied;
            NotFound = notFound;
        }

        /// <summary>The IAM action of the failed call, for example <c>iam:GetAccountSummary</c>.</summary>
        public string Action { get; }

        public string? ErrorCode { get; }
        public string Message { get; }
        public bool AccessDenied { get; }

        /// <summary>AWS answered that the resource does not exist: a fact about the account (a broken link), not a failed read.</summary>
        public bool NotFound { get; }

        public static SourceFailure From(string action, Exception failure) =>
            new SourceFailure(action, AwsErrorTranslator.ErrorCodeOf(failure), failure.Message, AwsErrorTranslator.IsAccessDenied(failure)
                || (failure is Amazon.Runtime.AmazonServiceException s && s.StatusCode == System.Net.HttpStatusCode.Forbidden),
                AwsErrorTranslator.IsNotFound(failure));

        public static SourceFailure Denied(string action) => new SourceFailure(action, "AccessDenied", "Access denied.", true);

        /// <summary>One sentence for a finding's reason.</summary>
        public string Describe(string whatFor) => AccessDenied
            ? $"Could not read {whatFor}: AWS denied {Action} ({ErrorCode ?? "AccessDenied"})."
            : $"Could not read {whatFor}: {Action} failed ({ErrorCode ?? "error"}: {Message}).";

        /// <summary>What to do about it.</summary>
        public string Remedy => AccessDenied
            ? $"Grant the caller {Action} (the assessment's read-only policy is docs/iam-assessment-policy.json) and run again."
            : $"Run the assessment again; if {Action} keeps failing, check the AWS error above.";
    }
}
