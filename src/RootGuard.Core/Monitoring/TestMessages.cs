using System;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.SignInAlert;

namespace RootGuard.Core.Monitoring
{
    /// <summary>
    /// What Send-RootMonitoringTest sends: the message a root sign-in would make, rendered as the rule's target renders it,
    /// marked as a test in its first line; and the reason it gives the alarm.
    /// </summary>
    public static class TestMessages
    {
        /// <summary>The first line of every test alert.</summary>
        public const string TestLine = "TEST from RootGuard (Send-RootMonitoringTest): nobody signed in as root. Below is what a real root sign-in alert looks like.";

        /// <summary>What a Chatbot message's title starts with, where a first line of text would break the JSON Chatbot reads.</summary>
        public const string TitlePrefix = "[TEST from RootGuard] ";

        /// <summary>
        /// The message EventBridge would publish for <paramref name="eventJson"/> through <paramref name="target"/>: its input
        /// transformer (<see cref="InputTransformerPreview"/>), its constant Input, the part its InputPath selects, or the
        /// event itself; then marked as a test (<see cref="Mark"/>).
        /// </summary>
        public static string SignInAlert(Target target, string eventJson, string ruleName, string ruleArn)
        {
            string message;
            if (target.InputTransformer != null)
                message = InputTransformerPreview.Render(target.InputTransformer, eventJson, ruleName, ruleArn);
            else if (target.Input != null)
                message = target.Input;
            else if (target.InputPath != null)
            {
                using var document = JsonDocument.Parse(eventJson);
                message = InputTransformerPreview.TryResolve(document.RootElement, target.InputPath, out var selected) ? selected.GetRawText() : string.Empty;
            }
            else
                message = eventJson;
            return Mark(message);
        }

        /// <summary>
        /// Marks a message as a test. AWS Chatbot's JSON keeps its shape and gets the mark in its title; any other text gets
        /// <see cref="TestLine"/> as its first line, JSON events too, on purpose: a tool that parses raw events must not act
        /// on a root sign-in that never happened.
        /// </summary>
        public static string Mark(string message)
        {
            if (TryParseObject(message) is { } json && json["content"] is JsonObject content && content["title"] is JsonValue title
                && title.TryGetValue<string>(out var text))
            {
                content["title"] = TitlePrefix + text;
                return json.ToJsonString(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            }

            return TestLine + "\n\n" + message;
        }

        /// <summary>The StateReason of the usage alarm's test: it shows in the alarm's history and in the notification.</summary>
        public static string AlarmReason(DateTimeOffset time) =>
            $"TEST from RootGuard (Send-RootMonitoringTest) at {time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture)}: no root activity occurred. "
            + "The alarm returns to its real state at its next evaluation.";

        private static JsonObject? TryParseObject(string text)
        {
            if (!text.TrimStart().StartsWith("{", StringComparison.Ordinal)) return null;
            try
            {
                return JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }
    }
}
