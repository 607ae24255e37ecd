using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using RootGuard.Core.Aws;

namespace RootGuard.Core.Planning
{
    /// <summary>What happened to one planned step.</summary>
    public enum ChangeOutcome
    {
        Applied,
        Unchanged,

        /// <summary>Declined at the confirmation prompt.</summary>
        SkippedByUser,

        /// <summary>Not attempted: a step it depends on was declined, failed, or was itself skipped.</summary>
        SkippedForDependency,

        /// <summary>Only described (-WhatIf): nothing was called.</summary>
        Previewed,

        /// <summary>Attempted and failed, with <see cref="PlanFailureHandling.ContinueWithIndependentSteps"/>.</summary>
        Failed,
    }

    /// <summary>What the caller decided for one mutating step (the cmdlet's ShouldProcess).</summary>
    public enum StepDecision
    {
        Apply,

        /// <summary>The user said no: the step and every step that depends on it are skipped.</summary>
        Decline,

        /// <summary>A dry run (-WhatIf): the step is only described, and so are its dependants, as a real run would make them.</summary>
        Preview,
    }

    /// <summary>What a failed step does to the rest of the plan.</summary>
    public enum PlanFailureHandling
    {
        /// <summary>Undo what this call applied and stop: a half-made monitor is worse than none (the New-* commands).</summary>
        RollBack,

        /// <summary>
        /// Skip the failed step's dependants and go on with the other steps; each failure is reported in the results
        /// (removal: one resource that cannot be deleted should not keep the others).
        /// </summary>
        ContinueWithIndependentSteps,
    }

    /// <summary>The result of one step, for the cmdlet's Changes output.</summary>
    public sealed class AppliedChange
    {
        public AppliedChange(PlannedChange change, ChangeOutcome outcome, string? reason = null, StepFailedException? failure = null)
        {
            Change = change;
            Outcome = outcome;
            Reason = reason;
            Failure = failure;
        }

        public PlannedChange Change { get; }
        public ChangeOutcome Outcome { get; }

        /// <summary>Why a step was skipped or failed; null when it was applied or unchanged.</summary>
        public string? Reason { get; }

        /// <summary>The failure of a <see cref="ChangeOutcome.Failed"/> step.</summary>
        public StepFailedException? Failure { get; }
    }

    /// <summary>
    /// Applies a plan step by step, asking before each mutating step. A step whose prerequisite was declined or
    /// failed is skipped, and says why. When a step fails, the steps this call already applied are undone in reverse
    /// order, so the account holds what it held before, and the failure names the step (or, for a removal, the
    /// other steps go on).
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
                        var stepFailure = StepFailed(change, failure, rolledBack: false, new List<string>());
                        var failed = new AppliedChange(change, ChangeOutcome.Failed, stepFailure.Message, stepFailure);
                        Record(failed, failed);
                        continue;
                    }
                    catch (Exception failure) when (failureHandling == PlanFailureHandling.RollBack
                                                    && !(failure is OperationCanceledException && cancellationToken.IsCancellationRequested))
                    {
                        throw StepFailed(change, failure, rolledBack: true, RollBack(applied));
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

        private static StepFailedException StepFailed(PlannedChange change, Exception failure, bool rolledBack, List<string> rollbackFailures)
        {
            var translated = AwsErrorTranslator.Translate(failure, change.Permissions);
            var outcome = !rolledBack
                ? " The steps that need it were skipped; the others went on."
                : rollbackFailures.Count == 0
                    ? " Everything this call had made before it was removed again; nothing else was changed."
                    : " Rolling back left these behind: " + string.Join("; ", rollbackFailures) + ".";
            var message = $"Step '{change.Description}' on {change.ResourceType} '{change.ResourceName}' failed: {translated.Message}" + outcome;
            return new StepFailedException(change, translated, message, rollbackFailures);
        }
    }

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
    }
}
