using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Planning;
using Xunit;

namespace RootGuard.Core.Tests.Planning
{
    public sealed class PlanExecutorTests
    {
        private readonly List<string> log = new List<string>();

        private PlannedChange Step(string name, ChangeAction action = ChangeAction.Create, bool fail = false) =>
            new PlannedChange("Thing", name, action, "Create " + name,
                action == ChangeAction.Unchanged ? null : _ =>
                {
                    if (fail) throw new InvalidOperationException("boom");
                    log.Add("apply " + name);
                    return Task.CompletedTask;
                },
                _ => { log.Add("undo " + name); return Task.CompletedTask; },
                "svc:Action");

        [Fact]
        public void A_failed_step_undoes_the_steps_this_call_applied_in_reverse_order_and_names_the_step()
        {
            var plan = new[] { Step("a"), Step("b", ChangeAction.Unchanged), Step("c"), Step("d", fail: true), Step("e") };
            var failure = Assert.Throws<StepFailedException>(() => PlanExecutor.Execute(plan, _ => true, CancellationToken.None));

            Assert.Equal(new[] { "apply a", "apply c", "undo c", "undo a" }, log);
            Assert.Equal("d", failure.Step.ResourceName);
            Assert.Contains("Create d", failure.Message);
            Assert.Empty(failure.RollbackFailures);
        }

        private PlannedChange Removal(string type, string name, string description, bool fail = false, string message = "not allowed") =>
            new PlannedChange(type, name, ChangeAction.Delete, description, _ =>
                {
                    if (fail) throw new Amazon.Runtime.AmazonServiceException(message, null, Amazon.Runtime.ErrorType.Sender, "AccessDenied", "req-1", System.Net.HttpStatusCode.Forbidden);
                    log.Add("delete " + name);
                    return Task.CompletedTask;
                },
                null, "svc:Delete");

        [Fact]
        public void A_failed_removal_says_what_was_removed_and_what_is_still_in_place_per_resource()
        {
            var plan = new[]
            {
                new PlannedChange("EventBridge rule", "r", ChangeAction.Update, "Disable EventBridge rule before removing it", _ => Task.CompletedTask, null, "events:DisableRule"),
                Removal("EventBridge targets", "r", "Remove RootGuard's target(s) RootGuard-SNS from rule"),
                Removal("EventBridge rule", "r", "Delete EventBridge rule", fail: true),
                Removal("CloudWatch alarm", "a", "Delete CloudWatch alarm"),
                Removal("SNS topic", "arn:t", "Delete SNS topic and its subscriptions"),
            };

            var failure = Assert.Throws<StepFailedException>(() => PlanExecutor.Execute(plan, _ => true, CancellationToken.None));

            Assert.Equal("Step 'Delete EventBridge rule' on EventBridge rule 'r' failed: AWS answered AccessDenied: not allowed. "
                         + "Removed: EventBridge targets 'r' (Remove RootGuard's target(s) RootGuard-SNS from rule). "
                         + "Changed, and not undone: EventBridge rule 'r' (Disable EventBridge rule before removing it). "
                         + "Still in place: EventBridge rule 'r' (this step failed); CloudWatch alarm 'a'; SNS topic 'arn:t' (Delete SNS topic and its subscriptions). "
                         + "Nothing else was changed.", failure.Message);
            Assert.DoesNotContain("removed again", failure.Message);
            Assert.Equal(3, failure.NotDone.Count);
        }

        [Fact]
        public void A_failed_creation_says_what_was_undone_and_what_was_not_made()
        {
            var plan = new[] { Step("a"), Step("b", fail: true), Step("c") };

            var failure = Assert.Throws<StepFailedException>(() => PlanExecutor.Execute(plan, _ => true, CancellationToken.None));

            Assert.Contains("failed: boom. Undone again: Thing 'a' (Create a). Not made: Thing 'b' (Create b) (this step failed); Thing 'c' (Create c). Nothing else was changed.",
                failure.Message);
        }

        [Fact]
        public void The_first_step_failing_says_nothing_had_been_changed()
        {
            var failure = Assert.Throws<StepFailedException>(() => PlanExecutor.Execute(new[] { Step("a", fail: true) }, _ => true, CancellationToken.None));

            Assert.Contains("boom. Nothing had been changed before it.", failure.Message);
        }

        [Fact]
        public void An_undo_that_fails_is_named_as_still_changed()
        {
            var plan = new[]
            {
                new PlannedChange("Thing", "a", ChangeAction.Create, "Create a", _ => Task.CompletedTask, _ => throw new InvalidOperationException("undo refused"), "svc:A"),
                Step("b", fail: true),
            };

            var failure = Assert.Throws<StepFailedException>(() => PlanExecutor.Execute(plan, _ => true, CancellationToken.None));

            Assert.Contains("Could not be undone, so still changed: Thing 'a' (Create a): undo refused.", failure.Message);
            Assert.Single(failure.RollbackFailures);
        }

        [Fact]
        public void Unchanged_steps_call_nothing_and_declined_steps_are_reported_as_skipped()
        {
            var plan = new[] { Step("a", ChangeAction.Unchanged), Step("b") };
            var results = PlanExecutor.Execute(plan, _ => false, CancellationToken.None);

            Assert.Empty(log);
            Assert.Equal(ChangeOutcome.Unchanged, results[0].Outcome);
            Assert.Equal(ChangeOutcome.SkippedByUser, results[1].Outcome);
        }
    }
}
