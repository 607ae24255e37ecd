using System;

namespace RootGuard.Core.Patterns
{
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
