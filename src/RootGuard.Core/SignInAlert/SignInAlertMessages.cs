using System.Collections.Generic;
using System.Linq;
using System.Text;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.Connection;

namespace RootGuard.Core.SignInAlert
{
    /// <summary>
    /// The input transformers that turn a console sign-in event into a message. One place for the fields, the
    /// template text and the CloudTrail console link per partition.
    /// </summary>
    public static class SignInAlertMessages
    {
        /// <summary>The event fields the messages use, by variable name. Each is read from the EventBridge event.</summary>
        /// <remarks>
        /// A path the event lacks (errorMessage on a success, additionalEventData on some records) leaves its variable
        /// empty rather than failing the delivery, so every line stays valid whatever the event carries.
        /// </remarks>
        public static IReadOnlyDictionary<string, string> InputPaths { get; } = new SortedDictionary<string, string>(System.StringComparer.Ordinal)
        {
            ["outcome"] = "$.detail.responseElements.ConsoleLogin",
            ["account"] = "$.account",
            ["time"] = "$.detail.eventTime",
            ["sourceIp"] = "$.detail.sourceIPAddress",
            ["userAgent"] = "$.detail.userAgent",
            ["mfaUsed"] = "$.detail.additionalEventData.MFAUsed",
            ["eventId"] = "$.detail.eventID",
            ["region"] = "$.region",
            ["errorMessage"] = "$.detail.errorMessage",
        };

        /// <summary>The CloudTrail console page of one event, in the partition's console.</summary>
        public static string CloudTrailEventLink(string region, string eventIdPlaceholder) =>
            CloudTrailEventLink(region, ConsoleHost(AwsPartitions.PartitionOf(region)), eventIdPlaceholder);

        /// <summary>The host of the AWS console in a partition.</summary>
        public static string ConsoleHost(string partition) => partition switch
        {
            "aws-cn" => "console.amazonaws.cn",
            "aws-us-gov" => "console.amazonaws-us-gov.com",
            _ => "console.aws.amazon.com",
        };

        // Region and host are text so that the CloudFormation export can pass ${AWS::Region} and a mapping lookup.
        private static string CloudTrailEventLink(string region, string consoleHost, string eventIdPlaceholder) =>
            $"https://{region}.{consoleHost}/cloudtrailv2/home?region={region}#/events/{eventIdPlaceholder}";

        /// <summary>The target's transformer for a format; null for <see cref="SignInAlertMessageFormat.Raw"/>, which sends the event.</summary>
        public static InputTransformer? TransformerFor(SignInAlertMessageFormat format, string region) => format switch
        {
            SignInAlertMessageFormat.Readable => new InputTransformer
            {
                InputPathsMap = InputPaths.ToDictionary(p => p.Key, p => p.Value),
                InputTemplate = ReadableTemplate(region),
            },
            SignInAlertMessageFormat.Chatbot => new InputTransformer
            {
                InputPathsMap = InputPaths.ToDictionary(p => p.Key, p => p.Value),
                InputTemplate = ChatbotTemplate(region),
            },
            _ => null,
        };

        /// <summary>
        /// A plain-text template in EventBridge's documented multi-line form: one double-quoted string per line;
        /// EventBridge decodes each and joins them with line breaks.
        /// </summary>
        public static string ReadableTemplate(string region) => ReadableTemplate(region, ConsoleHost(AwsPartitions.PartitionOf(region)));

        /// <summary><see cref="ReadableTemplate(string)"/> with the region and console host given as text (for CloudFormation's Fn::Sub).</summary>
        public static string ReadableTemplate(string region, string consoleHost)
        {
            var lines = new[]
            {
                "AWS root user console sign-in: <outcome>",
                "",
                "Account:     <account>",
                "Time (UTC):  <time>",
                "Source IP:   <sourceIp>",
                "User agent:  <userAgent>",
                "MFA used:    <mfaUsed>",
                "Error:       <errorMessage>",
                "Region:      <region>",
                "Event id:    <eventId>",
                "",
                "CloudTrail event: " + CloudTrailEventLink(region, consoleHost, "<eventId>"),
                "",
                "If nobody in your team expected this sign-in, treat it as an incident: change the root password, check the root MFA devices and review CloudTrail for what the session did.",
                "Sent by RootGuard (EventBridge rule <aws.events.rule-name>).",
            };
            return string.Join("\n", lines.Select(Quote));
        }

        /// <summary>AWS Chatbot's custom notification schema, with markdown the chat clients render.</summary>
        public static string ChatbotTemplate(string region) => ChatbotTemplate(region, ConsoleHost(AwsPartitions.PartitionOf(region)));

        /// <summary><see cref="ChatbotTemplate(string)"/> with the region and console host given as text (for CloudFormation's Fn::Sub).</summary>
        public static string ChatbotTemplate(string region, string consoleHost)
        {
            // Placeholders sit inside JSON strings: EventBridge inserts the text unescaped, and "\n" stays a JSON escape.
            // The link is a bare URL: markdown's <url|text> form would clash with EventBridge's <placeholder> syntax.
            var description = "*Outcome:* <outcome>\\n*Account:* <account>\\n*Time (UTC):* <time>\\n*Source IP:* <sourceIp>\\n"
                              + "*User agent:* <userAgent>\\n*MFA used:* <mfaUsed>\\n*Error:* <errorMessage>\\n*Event id:* <eventId>\\n"
                              + "*CloudTrail:* " + CloudTrailEventLink(region, consoleHost, "<eventId>");
            return "{\"version\":\"1.0\",\"source\":\"custom\",\"content\":{\"textType\":\"client-markdown\","
                   + "\"title\":\":rotating_light: AWS root user console sign-in: <outcome> (account <account>)\","
                   + "\"description\":\"" + description + "\"}}";
        }

        private static string Quote(string line)
        {
            var text = new StringBuilder("\"");
            foreach (var c in line)
            {
                text.Append(c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c.ToString());
            }

            return text.Append('"').ToString();
        }
    }
}
