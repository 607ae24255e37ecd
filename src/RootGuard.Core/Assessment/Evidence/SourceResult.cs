namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>An AWS read's value, or why it failed. Only the checks that need a failed read become Error.</summary>
    public sealed class SourceResult<T>
    {
        private SourceResult(T? value, SourceFailure? failure)
        {
            Value = value;
            Failure = failure;
        }

        public T? Value { get; }
        public SourceFailure? Failure { get; }
        public bool Succeeded => Failure == null;

        public static SourceResult<T> Ok(T value) => new SourceResult<T>(value, null);
        public static SourceResult<T> Failed(SourceFailure failure) => new SourceResult<T>(default, failure);
    }
}
