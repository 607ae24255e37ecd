using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Planning
{
    /// <summary>
    /// Applies a plan step by step, asking before each mutating step. A step whose prerequisite was declined or
    /// failed is skipped, and says why. When a step fails, the steps this call already applied are undone in reverse
    /// order where they can be (a creation or a change; a deletion cannot), and the failure says per resource what was
    /// undone and what was not made (or, for a removal, the other steps go on, and <see cref="DescribeOutcome"/> says
    /// what was removed and what is still in place).
    /// </summary>
    public static class PlanExecutor
    {
        /// <summary>Applies a plan with a yes/no answer per step (no -WhatIf preview), undoing the call's steps on failure.</summary>
        public static IReadOnlyList<AppliedChange> Execute(IReadOnlyList<PlannedChange> changes, Func<PlannedChange, bool> shouldProcess,
            CancellationToken cancellationToken) =>
            Execute(changes, c => shouldProcess(c) ? StepDecision.Apply : StepDecision.Decline, cancellationToken);

        /// <param name="changes">The plan, in dependency order.</param>
        /// <param name="decide">Asked for each mutating step whose prerequisites are in place (the cmdlet's ShouldProcess, on the pipeline thread).</param>
        /// <param name="cancellationToken">Cancelled by Ctrl+C: the applied steps are undone and an <see cref="OperationCanceledException"/> ends the call.</param>
        /// <param name="failureHandling">What a failed step does to the rest.</param>
        /// <param name="report">Told each step's outcome as it happens (on the calling thread), so a failure is reported before the next step runs.</param>
        public static IReadOnlyList<AppliedChange> Execute(IReadOnlyList<PlannedChange> changes, Func<PlannedChange, StepDecision> decide,
            CancellationToken cancellationToken, PlanFailureHandling failureHandling = PlanFailureHandling.RollBack, Action<AppliedChange>? report = null)
        {
            var results = new List<AppliedChange>();
            var applied = new Stack<PlannedChange>();
            // A step that was not done, and the result (declined or failed) that explains why.
            var notDone = new Dictionary<PlannedChange, AppliedChange>();

            void Record(AppliedChange result, AppliedChange? blocking = null)
            {
                results.Add(result);
                if (blocking != null)
                {
                    notDone[result.Change] = blocking;
                }

                report?.Invoke(result);
            }

            try
            {
                foreach (var change in changes)
                {
                    if (!change.IsMutating)
                    {
                        Record(new AppliedChange(change, ChangeOutcome.Unchanged));
                        continue;
                    }

                    var blocker = change.DependsOn.Where(notDone.ContainsKey).Select(d => notDone[d]).FirstOrDefault();
                    if (blocker != null)
                    {
                        Record(new AppliedChange(change, ChangeOutcome.SkippedForDependency, SkipReason(blocker)), blocker);
                        continue;
                    }

                    cancellationToken.ThrowIfCancellationRequested();
                    switch (decide(change))
                    {
                        case StepDecision.Preview:
                            Record(new AppliedChange(change, ChangeOutcome.Previewed));
                            continue;
                        case StepDecision.Decline:
                            var declined = new AppliedChange(change, ChangeOutcome.SkippedByUser, "Declined at the confirmation prompt.");
                            Record(declined, declined);
                            continue;
                    }

                    try
                    {
                        change.Apply!(cancellationToken).GetAwaiter().GetResult();
                        applied.Push(change);
                    }
                    catch (Exception failure) when (failureHandling == PlanFailureHandling.ContinueWithIndependentSteps
                                                    && !(failure is OperationCanceledException && cancellationToken.IsCancellationRequested))
                    {
                        var stepFailure = StepFailed(change, failure, null);
                        var failed = new AppliedChange(change, ChangeOutcome.Failed, stepFailure.Message, stepFailure);
                        Record(failed, failed);
                        continue;
                    }
                    catch (Exception failure) when (failureHandling == PlanFailureHandling.RollBack
                                                    && !(failure is OperationCanceledException && cancellationToken.IsCancellationRequested))
                    {
                        var outcome = RollBack(applied);
                        outcome.NotDone.AddRange(changes.SkipWhile(c => !ReferenceEquals(c, change)).Where(c => c.IsMutating));
                        throw StepFailed(change, failure, outcome);
                    }

                    Record(new AppliedChange(change, ChangeOutcome.Applied));
                }
            }
            catch (Exception) when (failureHandling == PlanFailureHandling.RollBack && applied.Count > 0)
            {
                // Ctrl+C, a prompt that could not be shown (a non-interactive host), or a report that stopped the call
                // (-ErrorAction Stop, -WarningAction Stop) ends it like a failed step: what this call made is undone.
                RollBack(applied);
                throw;
            }

            return results;
        }

        private static string SkipReason(AppliedChange blocker) =>
            $"Skipped: it needs the step '{blocker.Change.Description}' on {blocker.Change.ResourceType} '{blocker.Change.ResourceName}', "
            + (blocker.Outcome == ChangeOutcome.Failed ? "which failed." : "which was declined.");

        /// <summary>
        /// What a plan run that did not do everything did, per resource, for a removal that went on past a failure:
        /// what was removed or changed, and what is still in place and why; null when every step was done.
        /// </summary>
        public static string? DescribeOutcome(IReadOnlyList<AppliedChange> results)
        {
            var left = results.Where(r => r.Outcome == ChangeOutcome.Failed || r.Outcome == ChangeOutcome.SkippedForDependency || r.Outcome == ChangeOutcome.SkippedByUser)
                .ToList();
            if (left.Count == 0)
            {
                return null;
            }

            var done = results.Where(r => r.Outcome == ChangeOutcome.Applied).Select(r => r.Change).ToList();
            var message = new StringBuilder("Not everything was removed.");
            Append(message, "Removed", done.Where(c => c.Action == ChangeAction.Delete).Select(Name));
            Append(message, "Changed", done.Where(c => c.Action != ChangeAction.Delete).Select(Name));
            Append(message, "Still in place", left.Select(r => Name(r.Change) + r.Outcome switch
            {
                ChangeOutcome.Failed => " (failed)",
                ChangeOutcome.SkippedByUser => " (declined)",
                _ => " (skipped: a step it needs was not done)",
            }));
            return message.ToString();
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

        // With a rollback outcome, the message says per resource what was undone, what stays done, and what was not
        // made; without one (a removal that goes on), that the steps needing this one were skipped.
        private static StepFailedException StepFailed(PlannedChange change, Exception failure, RollbackOutcome? outcome)
        {
            var translated = AwsErrorTranslator.Translate(failure, change.Permissions);
            var message = new StringBuilder($"Step '{change.Description}' on {change.ResourceType} '{change.ResourceName}' failed: ")
                .Append(AwsErrorTranslator.Sentence(translated.Message));
            if (outcome == null)
            {
                message.Append(" The steps that need it were skipped; the others went on.");
                return new StepFailedException(change, translated, message.ToString(), Array.Empty<string>());
            }

            if (outcome.Undone.Count + outcome.UndoFailures.Count + outcome.Kept.Count == 0)
            {
                message.Append(" Nothing had been changed before it.");
            }

            Append(message, "Removed", outcome.Kept.Where(c => c.Action == ChangeAction.Delete).Select(Name));
            Append(message, "Changed, and not undone", outcome.Kept.Where(c => c.Action != ChangeAction.Delete).Select(Name));
            Append(message, "Undone again", outcome.Undone.Select(Name));
            Append(message, "Could not be undone, so still changed", outcome.UndoFailures);
            Append(message, "Still in place", outcome.NotDone.Where(c => c.Action == ChangeAction.Delete)
                .Select(c => Name(c) + (ReferenceEquals(c, change) ? " (this step failed)" : string.Empty)));
            Append(message, "Not made", outcome.NotDone.Where(c => c.Action != ChangeAction.Delete)
                .Select(c => Name(c) + (ReferenceEquals(c, change) ? " (this step failed)" : string.Empty)));
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
}
