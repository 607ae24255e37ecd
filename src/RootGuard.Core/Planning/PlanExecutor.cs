using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
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
    /// order where they can be (a creation or a change; a deletion cannot), and the failure says, per resource, what was
    /// undone, what stays done, and what was not done.
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
            for (var index = 0; index < changes.Count; index++)
            {
                var change = changes[index];
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
                    var outcome = RollBack(applied);
                    outcome.NotDone.Add(change);
                    outcome.NotDone.AddRange(changes.Skip(index + 1).Where(c => c.IsMutating));
                    throw StepFailed(change, failure, outcome);
                }
            }

            return results;
        }

        private static RollbackOutcome RollBack(Stack<PlannedChange> applied)
        {
            var outcome = new RollbackOutcome();
            while (applied.Count > 0)
            {
                var change = applied.Pop();
                if (change.Undo == null)
                {
                    outcome.Kept.Insert(0, change);
                    continue;
                }

                try
                {
                    // Not cancellable: a half-made monitor is worse than a slow Ctrl+C.
                    change.Undo(CancellationToken.None).GetAwaiter().GetResult();
                    outcome.Undone.Insert(0, change);
                }
                catch (Exception e)
                {
                    outcome.UndoFailures.Insert(0, $"{Name(change)}: {AwsErrorTranslator.Translate(e).Message}");
                }
            }

            return outcome;
        }

        private static StepFailedException StepFailed(PlannedChange change, Exception failure, RollbackOutcome outcome)
        {
            var translated = AwsErrorTranslator.Translate(failure, change.Permissions);
            var message = new StringBuilder($"Step '{change.Description}' on {change.ResourceType} '{change.ResourceName}' failed: ")
                .Append(AwsErrorTranslator.Sentence(translated.Message));
            var removed = outcome.Kept.Where(c => c.Action == ChangeAction.Delete).ToList();
            var changed = outcome.Kept.Where(c => c.Action != ChangeAction.Delete).ToList();
            var left = outcome.NotDone.Where(c => c.Action == ChangeAction.Delete).ToList();
            var notMade = outcome.NotDone.Where(c => c.Action != ChangeAction.Delete).ToList();
            if (outcome.Undone.Count + outcome.UndoFailures.Count + outcome.Kept.Count == 0)
            {
                message.Append(" Nothing had been changed before it.");
            }

            Append(message, "Removed", removed.Select(Name));
            Append(message, "Changed, and not undone", changed.Select(Name));
            Append(message, "Undone again", outcome.Undone.Select(Name));
            Append(message, "Could not be undone, so still changed", outcome.UndoFailures);
            Append(message, "Still in place", left.Select(c => Name(c) + (ReferenceEquals(c, change) ? " (this step failed)" : string.Empty)));
            Append(message, "Not made", notMade.Select(c => Name(c) + (ReferenceEquals(c, change) ? " (this step failed)" : string.Empty)));
            message.Append(" Nothing else was changed.");
            return new StepFailedException(change, translated, message.ToString(), outcome.UndoFailures)
            {
                Undone = outcome.Undone.Select(Name).ToList(),
                KeptDone = outcome.Kept.Select(Name).ToList(),
                NotDone = outcome.NotDone.Select(Name).ToList(),
            };
        }

        private static void Append(StringBuilder message, string heading, IEnumerable<string> items)
        {
            var list = items.ToList();
            if (list.Count > 0)
            {
                message.Append(' ').Append(heading).Append(": ").Append(string.Join("; ", list)).Append('.');
            }
        }

        // A resource and what the step does to it, for example "CloudWatch alarm 'RootGuard-RootAccountUsage'" (a plain
        // deletion) or "EventBridge rule 'RootGuard-RootSignIn' (Disable EventBridge rule before removing it)".
        private static string Name(PlannedChange change) =>
            $"{change.ResourceType} '{change.ResourceName}'"
            + (string.Equals(change.Description, "Delete " + change.ResourceType, StringComparison.OrdinalIgnoreCase) ? string.Empty : $" ({change.Description})");

        private sealed class RollbackOutcome
        {
            public List<PlannedChange> Undone { get; } = new List<PlannedChange>();
            public List<PlannedChange> Kept { get; } = new List<PlannedChange>();
            public List<string> UndoFailures { get; } = new List<string>();
            public List<PlannedChange> NotDone { get; } = new List<PlannedChange>();
        }
    }

    /// <summary>A plan step failed; the call's earlier steps were undone where they could be.</summary>
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
