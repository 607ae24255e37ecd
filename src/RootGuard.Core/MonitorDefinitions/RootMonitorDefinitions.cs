using System.IO;
using System.Text;
using System.Text.Json;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>
    /// The one place for the facts of RootGuard's two root user monitors: the EventBridge rule on root console
    /// sign-ins and the CIS "root account usage" metric filter with its alarm. Cmdlets, the CloudFormation
    /// export, the help and the tests all read them from here.
    /// </summary>
    public static class RootMonitorDefinitions
    {
        /// <summary>
        /// The CIS AWS Foundations Benchmark root account usage filter, character for character. Security Hub
        /// control CloudWatch.1 accepts only this exact text.
        /// </summary>
        public const string CisRootUsageFilterPattern =
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" }";

        /// <summary>
        /// The selector CloudTrail sets to <c>"true"</c> on events from a centralized root access task session
        /// (<c>sts:AssumeRoot</c>): those events carry <c>userIdentity.type = "Root"</c> in the member account but
        /// were made by the management account or delegated administrator, not by someone holding the root password.
        /// </summary>
        public const string AssumedRootSelector = "$.userIdentity.sessionContext.assumedRoot";

        /// <summary>
        /// Opt-in, non-CIS variant: the CIS pattern that also leaves out <c>sts:AssumeRoot</c> task sessions.
        /// Not accepted by Security Hub CloudWatch.1.
        /// </summary>
        /// <remarks>
        /// The extra condition is written as "absent, or not "true"" rather than <c>NOT EXISTS</c> alone, so that
        /// a root event that ever carries <c>assumedRoot: "false"</c> is still counted; and not as <c>!= "true"</c>
        /// alone, because CloudWatch Logs treats a comparison on a missing property as false, which would drop every
        /// ordinary root event.
        /// </remarks>
        public const string CisRootUsageWithoutAssumeRootFilterPattern =
            "{ $.userIdentity.type = \"Root\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \"AwsServiceEvent\" && "
            + "($.userIdentity.sessionContext.assumedRoot NOT EXISTS || $.userIdentity.sessionContext.assumedRoot != \"true\") }";

        /// <summary>The metric namespace CIS uses for its CloudTrail metric filters.</summary>
        public const string MetricNamespace = "CloudTrailMetrics";

        /// <summary>The metric the root usage filter publishes.</summary>
        public const string MetricName = "RootAccountUsageCount";

        /// <summary>The default name of the root usage metric filter.</summary>
        public const string DefaultFilterName = "RootAccountUsage";

        /// <summary>The default name of the CloudWatch alarm on the root usage metric.</summary>
        public const string DefaultAlarmName = "RootGuard-RootAccountUsage";

        /// <summary>The EventBridge detail-type of console sign-in events recorded by CloudTrail.</summary>
        public const string SignInDetailType = "AWS Console Sign In via CloudTrail";

        /// <summary>The EventBridge source of console sign-in events.</summary>
        public const string SignInSource = "aws.signin";

        /// <summary>The CloudTrail <c>userIdentity.type</c> of the root user.</summary>
        public const string RootIdentityType = "Root";

        /// <summary>
        /// The EventBridge event pattern for root console sign-ins:
        /// <c>{"source":["aws.signin"],"detail-type":["AWS Console Sign In via CloudTrail"],"detail":{"userIdentity":{"type":["Root"]}}}</c>,
        /// matching successes and failures alike; with <paramref name="successOnly"/> it adds
        /// <c>"responseElements":{"ConsoleLogin":["Success"]}</c> to <c>detail</c>.
        /// </summary>
        /// <remarks>
        /// Sign-in events reach EventBridge only in the partition's home region (us-east-1 for aws); see
        /// <c>AwsPartitions.HomeRegion</c>. The source is included because every console sign-in event carries
        /// <c>aws.signin</c>, which makes the rule more precise at no cost.
        /// </remarks>
        public static string BuildSignInEventPattern(bool successOnly = false)
        {
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("source");
                writer.WriteStringValue(SignInSource);
                writer.WriteEndArray();
                writer.WriteStartArray("detail-type");
                writer.WriteStringValue(SignInDetailType);
                writer.WriteEndArray();
                writer.WriteStartObject("detail");
                writer.WriteStartObject("userIdentity");
                writer.WriteStartArray("type");
                writer.WriteStringValue(RootIdentityType);
                writer.WriteEndArray();
                writer.WriteEndObject();
                if (successOnly)
                {
                    writer.WriteStartObject("responseElements");
                    writer.WriteStartArray("ConsoleLogin");
                    writer.WriteStringValue("Success");
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            return Encoding.UTF8.GetString(stream.ToArray());
        }
    }
}
