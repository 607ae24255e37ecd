using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>IAM: the credential report is still being generated (query code <c>ReportInProgress</c>); ask again shortly.</summary>
    public sealed class CredentialReportNotReadyException : AwsServiceException
    {
        public CredentialReportNotReadyException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
