using System;

namespace RootGuard.Core.Assessment.Evidence
{
    /// <summary>Thrown inside a chain of dependent reads so the whole chain stops at the first failed call, naming it.</summary>
    internal sealed class SourceCallException : Exception
    {
        public SourceCallException(SourceFailure failure, Exception inner) : base(failure.Message, inner) => Failure = failure;

        public SourceFailure Failure { get; }
    }
}
