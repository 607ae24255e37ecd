using System;

namespace RootGuard.Core.Patterns
{
    /// <summary>The stable error ids of pattern parsing; tests and users match on these.</summary>
    public static class PatternErrorIds
    {
        /// <summary>An EventBridge event pattern that is not valid JSON or not a valid pattern.</summary>
        public const string InvalidEventPattern = "RootGuard.InvalidEventPattern";

        /// <summary>An EventBridge event pattern that uses an operator RootGuard does not evaluate.</summary>
        public const string UnsupportedEventPatternOperator = "RootGuard.UnsupportedEventPatternOperator";

        /// <summary>An event (or log record) that is not valid JSON.</summary>
        public const string InvalidEventJson = "RootGuard.InvalidEventJson";

        /// <summary>A CloudWatch Logs filter pattern that cannot be parsed.</summary>
        public const string InvalidFilterPattern = "RootGuard.InvalidFilterPattern";
    }

    /// <summary>
    /// A pattern or event that cannot be read: the message says what is wrong and, for filter patterns,
    /// where (<see cref="Position"/>, zero-based character offset).
    /// </summary>
    public sealed class PatternSyntaxException : RootGuardException
    {
        public PatternSyntaxException(string errorId, string message, int? position = null, Exception? innerException = null)
            : base(errorId, FailureKind.InvalidArgument, message,
                  "Correct the pattern; the AWS documentation on EventBridge event patterns and CloudWatch Logs filter pattern syntax lists what is allowed.",
                  null, innerException)
        {
            Position = position;
        }

        /// <summary>Zero-based character offset in the pattern text where reading failed, when known.</summary>
        public int? Position { get; }
    }
}
