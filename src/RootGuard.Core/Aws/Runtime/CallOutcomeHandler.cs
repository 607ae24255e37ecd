using System;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using RootGuard.Core.Aws.Runtime.Protocols;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// The outermost handler of every RootGuard client, so it sees a call's outcome after the SDK's retries. A failure
    /// gets the operation, its IAM action and the endpoint it went to; an answer that is not the service's protocol
    /// becomes an <see cref="InvalidResponseException"/>, and a request that timed out a <see cref="RequestTimeoutException"/>,
    /// both naming the endpoint, so the error can say what happened instead of failing later on a missing value.
    /// </summary>
    internal sealed class CallOutcomeHandler : PipelineHandler
    {
        private readonly string serviceId;
        private readonly Func<string, string>? iamActionOf;
        private readonly Func<AmazonWebServiceResponse, string?>? checkResponse;

        /// <param name="serviceId">The service, for messages.</param>
        /// <param name="iamActionOf">The IAM action of an operation, or null when not known.</param>
        /// <param name="checkResponse">For clients whose unmarshallers are not RootGuard's (STS): says what is missing from a
        /// parsed answer that proves it is not the service's, or null when it is well formed.</param>
        public CallOutcomeHandler(string serviceId, Func<string, string>? iamActionOf, Func<AmazonWebServiceResponse, string?>? checkResponse = null)
        {
            this.serviceId = serviceId;
            this.iamActionOf = iamActionOf;
            this.checkResponse = checkResponse;
        }

        public override void InvokeSync(IExecutionContext executionContext)
        {
            try
            {
                base.InvokeSync(executionContext);
                Check(executionContext, executionContext.ResponseContext.Response);
            }
            catch (Exception e) when (Replace(e, executionContext) is { } replacement)
            {
                throw replacement;
            }
        }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            try
            {
                var response = await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
                Check(executionContext, response);
                return response;
            }
            catch (Exception e) when (Replace(e, executionContext) is { } replacement)
            {
                throw replacement;
            }
        }

        private void Check(IExecutionContext context, AmazonWebServiceResponse? response)
        {
            if (checkResponse != null && response != null && checkResponse(response) is { } missing)
            {
                var http = context.ResponseContext.HttpResponse;
                throw Annotate(new InvalidResponseException(
                    ResponseDescription.WithoutBody(http?.StatusCode ?? response.HttpStatusCode, http?.ContentType, missing), null, response.HttpStatusCode), context);
            }
        }

        // Annotates RootGuard's own service errors in place (returning null rethrows them unchanged) and replaces what
        // says "not AWS's answer" or "no answer" with an exception that says so.
        private Exception? Replace(Exception failure, IExecutionContext context)
        {
            switch (failure)
            {
                case AwsServiceException service:
                    Annotate(service, context);
                    return null;
                case AmazonUnmarshallingException { InnerException: InvalidResponseException inner }:
                    // RootGuard's unmarshallers say what came back; the SDK may wrap that.
                    return Annotate(inner, context);
                case AmazonUnmarshallingException unreadable:
                    var http = context.ResponseContext.HttpResponse;
                    var what = ResponseDescription.Of(http?.StatusCode ?? unreadable.StatusCode, http?.ContentType, unreadable.ResponseBody, "unreadable");
                    return Annotate(new InvalidResponseException(what, unreadable, unreadable.StatusCode, unreadable.RequestId), context);
                case AmazonServiceException codeless when string.IsNullOrEmpty(codeless.ErrorCode):
                    // The official STS client's error path: an error answer without an AWS error code.
                    var answer = context.ResponseContext.HttpResponse ?? (codeless.InnerException as HttpErrorResponseException)?.Response;
                    return Annotate(new InvalidResponseException(ResponseDescription.WithoutBody(codeless.StatusCode, answer?.ContentType, "no AWS error code"),
                        codeless, codeless.StatusCode, codeless.RequestId), context);
                case TimeoutException timeout when !(timeout is RequestTimeoutException):
                    return new RequestTimeoutException(serviceId, OperationOf(context), context.RequestContext.Request?.Endpoint,
                        context.RequestContext.ClientConfig?.Timeout, context.RequestContext.Retries + 1, timeout);
                default:
                    return null;
            }
        }

        private AwsServiceException Annotate(AwsServiceException failure, IExecutionContext context)
        {
            var operation = OperationOf(context);
            failure.ServiceId ??= serviceId;
            failure.Operation ??= operation;
            failure.IamAction ??= iamActionOf?.Invoke(operation);
            failure.Endpoint ??= context.RequestContext.Request?.Endpoint;
            return failure;
        }

        // Requests are named after their operation, as in the official SDK: ListTopicsRequest is ListTopics.
        private static string OperationOf(IExecutionContext context)
        {
            var name = context.RequestContext.OriginalRequest?.GetType().Name ?? context.RequestContext.RequestName ?? "request";
            return name.EndsWith("Request", StringComparison.Ordinal) ? name.Substring(0, name.Length - "Request".Length) : name;
        }
    }
}
