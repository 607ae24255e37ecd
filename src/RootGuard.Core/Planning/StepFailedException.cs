using System;
using System.Collections.Generic;

namespace RootGuard.Core.Planning
{
    /// <summary>A plan step failed; the message says whether the call's earlier steps were undone or the others went on.</summary>
    public sealed class StepFailedException : RootGuardException
    {
        public StepFailedException(PlannedChange step, RootGuardException cause, string message, IReadOnlyList<string> rollbackFailures)
            : base(cause.ErrorId, cause.Kind, message, cause.RecommendedAction, step.ResourceName, cause.InnerException ?? cause)
        {
            Step = step;
            RollbackFailures = rollbackFailures;
            AwsErrorCode = cause.AwsErrorCode;
            RequestId = cause.RequestId;
        }

        /// <summary>The step that failed.</summary>
        public PlannedChange Step { get; }

        /// <summary>Undo steps that themselves failed (empty when the rollback was complete).</summary>
        public IReadOnlyList<string> RollbackFailures { get; }

        /// <summary>Earlier steps of this call that were undone again.</summary>
        public IReadOnlyList<string> Undone { get; internal set; } = Array.Empty<string>();

        /// <summary>Earlier steps of this call that stay done: deletions, which cannot be undone.</summary>
        public IReadOnlyList<string> KeptDone { get; internal set; } = Array.Empty<string>();

        /// <summary>The failed step and the steps after it, none of which took effect.</summary>
        public IReadOnlyList<string> NotDone { get; internal set; } = Array.Empty<string>();
    }
}
