namespace RootGuard.Core
{
    // The pattern engines' own error ids, beside their code (ErrorIds is partial for this).
    public static partial class ErrorIds
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
}
