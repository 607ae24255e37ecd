using System;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using RootGuard.Core.Connection;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// Compiles the AWS call path ahead of the first real call, on a background thread, while PowerShell is still
    /// binding the first command: a fresh process (a runbook's every run) otherwise waits for the JIT at its first calls
    /// for what ReadyToRun cannot hold, the instantiations of the framework's async and collection generics over the
    /// SDK's and RootGuard's types (bench/README.md, "Where a deploy's time goes").
    /// </summary>
    /// <remarks>
    /// The calls go through RootGuard's real clients (client set-up, marshalling, SigV4 signing, endpoint resolution,
    /// retries, unmarshalling of an answer and of an error, for the JSON and the query protocols and STS), but never
    /// leave the process: every request is answered by <see cref="CannedAnswers"/>, whatever endpoint the SDK's
    /// settings give it, and the credentials and region are made up (the user's are neither resolved nor used). The answers carry no
    /// <c>Date</c> header, so the SDK records no clock skew for the endpoints they stand in for. Failures are ignored: the
    /// warm-up only moves work earlier, the real calls work without it. <c>ROOTGUARD_NO_WARMUP=1</c> turns it off
    /// (bench/ compares both).
    /// </remarks>
    public static class PipelineWarmUp
    {
        private const string Account = "123456789012";
        private static int started;

        /// <summary>Starts the warm-up once per process; returns at once.</summary>
        public static void Start()
        {
            if (Environment.GetEnvironmentVariable("ROOTGUARD_NO_WARMUP") == "1" || Interlocked.Exchange(ref started, 1) == 1)
            {
                return;
            }

            var thread = new Thread(Run) { IsBackground = true, Name = "RootGuard warm-up" };
            thread.Start();
        }

        /// <summary>The warm-up's calls, run to their end (what <see cref="Start"/> runs on its thread).</summary>
        public static void Run()
        {
            try
            {
                RunAsync().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Moving work earlier is all it does: whatever failed here runs, and reports, on the real call.
            }
        }

        /// <summary>
        /// The warm-up's calls: each one's outcome, "answered" or the error code it was answered with (tests check that
        /// each went the whole way, so the warm-up does not quietly stop warming).
        /// </summary>
        internal static async Task<string[]> RunAsync()
        {
            var connection = new AwsConnection(new BasicAWSCredentials("AKIAWARMUPWARMUPWARM", "warm-up"), "warm-up", "us-east-1", "warm-up", null);
            using var clients = new AwsClientFactory(connection, new AwsClientFactoryOptions { HttpHandlerFactory = () => new CannedAnswers(), MaxErrorRetry = 0 });

            var events = clients.CreateEventBridge();
            var sns = clients.CreateSns();
            var sts = clients.CreateSts();
            return await Task.WhenAll(
                Outcome(sts.GetCallerIdentityAsync(new GetCallerIdentityRequest()), r => r.Account == Account),
                Outcome(events.DescribeRuleAsync(new EventBridge.Model.DescribeRuleRequest { Name = "Answered" }), r => r.Name == "Answered"),
                Outcome(events.DescribeRuleAsync(new EventBridge.Model.DescribeRuleRequest { Name = "Missing" }), r => false),
                Outcome(sns.GetTopicAttributesAsync(new Sns.Model.GetTopicAttributesRequest { TopicArn = $"arn:aws:sns:us-east-1:{Account}:Answered" }), r => r.Attributes.ContainsKey("Policy")),
                Outcome(sns.GetTopicAttributesAsync(new Sns.Model.GetTopicAttributesRequest { TopicArn = $"arn:aws:sns:us-east-1:{Account}:Missing" }), r => false))
                .ConfigureAwait(false);
        }

        private static async Task<string> Outcome<T>(Task<T> call, Func<T, bool> read)
        {
            try
            {
                return read(await call.ConfigureAwait(false)) ? "answered" : "misread";
            }
            catch (AmazonServiceException e)
            {
                // An error answer is one of the paths warmed.
                return e.ErrorCode ?? e.GetType().Name;
            }
            catch (Exception e)
            {
                return e.GetType().Name;
            }
        }

        /// <summary>Answers each request in the process: the service's answer, or its NotFound for a name "Missing".</summary>
        private sealed class CannedAnswers : HttpMessageHandler
        {
            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                // By what is asked, not by host: an endpoint_url in the user's settings may point the clients anywhere.
                var body = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync().ConfigureAwait(false);
                var missing = body.Contains("Missing");
                var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? string.Concat(values) : string.Empty;
                if (target.StartsWith("AWSEvents.", StringComparison.Ordinal))
                {
                    return missing
                        ? Answer(HttpStatusCode.BadRequest, "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Rule Missing does not exist.\"}", "application/x-amz-json-1.1")
                        : Answer(HttpStatusCode.OK, "{\"Name\":\"Answered\",\"Arn\":\"arn:aws:events:us-east-1:" + Account + ":rule/Answered\",\"EventPattern\":\"{}\",\"State\":\"ENABLED\"}", "application/x-amz-json-1.1");
                }

                if (body.Contains("Action=GetTopicAttributes"))
                {
                    return missing
                        ? Answer(HttpStatusCode.NotFound, "<ErrorResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error><RequestId>warm-up</RequestId></ErrorResponse>", "text/xml")
                        : Answer(HttpStatusCode.OK, "<GetTopicAttributesResponse xmlns=\"http://sns.amazonaws.com/doc/2010-03-31/\"><GetTopicAttributesResult><Attributes><entry><key>Policy</key><value>{}</value></entry></Attributes></GetTopicAttributesResult><ResponseMetadata><RequestId>warm-up</RequestId></ResponseMetadata></GetTopicAttributesResponse>", "text/xml");
                }

                return Answer(HttpStatusCode.OK, "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult><Arn>arn:aws:iam::" + Account + ":user/warm-up</Arn><UserId>AIDAWARMUP</UserId><Account>" + Account + "</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>warm-up</RequestId></ResponseMetadata></GetCallerIdentityResponse>", "text/xml");
            }

            private static HttpResponseMessage Answer(HttpStatusCode status, string body, string contentType) =>
                new HttpResponseMessage(status)
                {
                    Content = new StringContent(body, Encoding.UTF8, contentType),
                    Headers = { { "x-amzn-RequestId", "warm-up" } },
                };
        }
    }
}
