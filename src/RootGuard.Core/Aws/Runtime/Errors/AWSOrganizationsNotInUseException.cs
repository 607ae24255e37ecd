using System;
using System.Net;
using Amazon.Runtime;

namespace RootGuard.Core.Aws
{
    /// <summary>Organizations: the account is not a member of an organization.</summary>
    public sealed class AWSOrganizationsNotInUseException : ResourceNotFoundException
    {
        public AWSOrganizationsNotInUseException(string message, Exception? innerException, ErrorType errorType, string errorCode, string requestId, HttpStatusCode statusCode)
            : base(message, innerException, errorType, errorCode, requestId, statusCode)
        {
        }
    }
}
