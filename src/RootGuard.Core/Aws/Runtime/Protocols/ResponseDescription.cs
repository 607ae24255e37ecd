using System;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>Describes an answer that is not AWS's in a few words: status, content type, and the start of the body.</summary>
    internal static class ResponseDescription
    {
        private const int SnippetLength = 100;

        public static string Of(HttpStatusCode status, string? contentType, string? body, string? problem = null) =>
            Describe(status, contentType, Snippet(body) is { } snippet ? $" starting \"{snippet}\"" : " with an empty body", problem);

        /// <summary>The same, when the body was not kept (the official STS client reads it away).</summary>
        public static string WithoutBody(HttpStatusCode status, string? contentType, string problem) => Describe(status, contentType, string.Empty, problem);

        private static string Describe(HttpStatusCode status, string? contentType, string body, string? problem)
        {
            var text = new StringBuilder("HTTP ").Append((int)status);
            if (!string.IsNullOrWhiteSpace(contentType))
            {
                text.Append(' ').Append(contentType!.Trim());
            }

            text.Append(body);
            if (problem != null)
            {
                text.Append(" (").Append(problem).Append(')');
            }

            return text.ToString();
        }

        public static string Of(HttpStatusCode status, string? contentType, byte[] body, string? problem = null) =>
            Of(status, contentType, Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 4096)), problem);

        // An HTML page says most in its title; anything else in its first characters, on one line.
        internal static string? Snippet(string? body)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return null;
            }

            var title = Regex.Match(body, "<title[^>]*>(.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline);
            var text = Regex.Replace(title.Success ? "<title>" + title.Groups[1].Value + "</title>" : body!, @"\s+", " ").Trim();
            return text.Length <= SnippetLength ? text : text.Substring(0, SnippetLength) + "…";
        }
    }
}
