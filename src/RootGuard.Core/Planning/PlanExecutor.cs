using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Planning
{
    /// <summary>What happened to one planned step.</summary>
    public enum ChangeOutcome
    {
        Applied,
        Unchanged,
        SkippedByUser,
    }

    /// <summary>The result of one step, for the cmdlet's Changes output.</summary>
    public sealed class AppliedChange
    {
        public AppliedChange(PlannedChange change, ChangeOutcome outcome)
        {
            Change = change;
            Outcome = outcome;
        }

        public PlannedChange Change { get; }
        public ChangeOutcome Outcome { get; }
    }

    /// <summary>
    /// Applies a plan step by step. When a step fails, the steps this call already applied are undone in reverse
    /// order, so the account holds what it held before, and the failure names the step.
    /// </summary>
    public static class PlanExecutor
    {
        /// <param name="changes">The plan, in dependency order.</param>
        /// <param name="shouldProcess">Asked for each mutating step (the cmdlet's ShouldProcess, on the pipeline thread).</param>
        /// <param name="cancellationToken">Cancelled by Ctrl+C.</param>
        public static IReadOnlyList<AppliedChange> Execute(IReadOnlyList<PlannedChange> changes, Func<PlannedChange, bool> shouldProcess,
            CancellationToken cancellationToken)
        {
            var results = new List<AppliedChange>();
            var applied = new Stack<PlannedChange>();
            foreach (var change in changes)
            {
                if (!change.IsMutating)
                {
                    results.Add(new AppliedChange(change, ChangeOutcome.Unchanged));
                    continue;
                }

                if (!shouldProcess(change))
                {
                    results.Add(new AppliedChange(change, ChangeOutcome.SkippedByUser));
                    continue;
                }

                try
                {
                    change.Apply!(cancellationToken).GetAwaiter().GetResult();
                    applied.Push(change);
                    results.Add(new AppliedChange(change, ChangeOutcome.Applied));
                }
                catch (Exception failure)
                {
                    var rollbackFailures = RollBack(applied);
                    throw StepFailed(change, failure, rollbackFailures);
                }
            }

            return results;
        }

        private static List<string> RollBack(Stack<PlannedChange> applied)
        {
            var failures = new List<string>();
            while (applied.Count > 0)
            {
                var change = applied.Pop();
                if (change.Undo == null)
                {
                    continue;
                }

                try
                {
                    // Not cancellable: a half-made monitor is worse than a slow Ctrl+C.
                    change.Undo(CancellationToken.None).GetAwaiter().GetResult();
                }
                catch (Exception e)
                {
                    failures.Add($"{change.ResourceType} {change.ResourceName}: {e.Message}");
                }
            }

            return failures;
        }

        private static StepFailedException StepFailed(PlannedChange change, Exception failure, List<string> rollbackFailures)
        {
            var translated = AwsErrorTranslator.Translate(failure, change.Permissions);
            var message = $"Step '{change.Description}' on {change.ResourceType} '{change.ResourceName}' failed: {translated.Message}"
                          + (rollbackFailures.Count == 0
                              ? " Everything this call had made before it was removed again; nothing else was changed."
                              : " Rolling back left these behind: " + string.Join("; ", rollbackFailures) + ".");
            return new StepFailedException(change, translated, message, rollbackFailures);
        }
    }

    /// <summary>A plan step failed; the call's earlier steps were undone.</summary>
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
    }
}
