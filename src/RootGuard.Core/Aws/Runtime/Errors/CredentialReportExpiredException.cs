using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>IAM: the credential report is older than four hours (query code <c>ReportExpired</c>); generate a new one.</summary>
    public sealed class CredentialReportExpiredException : AwsServiceException
    {
        public CredentialReportExpiredException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
