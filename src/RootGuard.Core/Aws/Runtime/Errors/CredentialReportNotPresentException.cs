using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>IAM: no credential report exists yet (query code <c>ReportNotPresent</c>); call GenerateCredentialReport.</summary>
    public sealed class CredentialReportNotPresentException : ResourceNotFoundException
    {
        public CredentialReportNotPresentException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
