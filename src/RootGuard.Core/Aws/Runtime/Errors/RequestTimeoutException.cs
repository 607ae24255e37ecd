using System;

namespace RootGuard.Core.Aws
{
    /// <summary>The endpoint accepted the request and did not answer within the request timeout, on every attempt the retry policy allowed.</summary>
    public sealed class RequestTimeoutException : TimeoutException
    {
        public RequestTimeoutException(string serviceId, string operation, Uri? endpoint, TimeSpan? timeout, int attempts, Exception innerException)
            : base($"{serviceId} {operation} timed out.", innerException)
        {
            ServiceId = serviceId;
            Operation = operation;
            Endpoint = endpoint;
            Timeout = timeout;
            Attempts = attempts;
        }

        public string ServiceId { get; }
        public string Operation { get; }
        public Uri? Endpoint { get; }

        /// <summary>The timeout of each attempt.</summary>
        public TimeSpan? Timeout { get; }

        /// <summary>How many attempts were made (the first and the SDK's retries).</summary>
        public int Attempts { get; }
    }
}
