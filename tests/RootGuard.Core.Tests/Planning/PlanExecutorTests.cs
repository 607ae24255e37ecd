using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Planning;
using Xunit;

namespace RootGuard.Core.Tests.Planning
{
    public sealed class PlanExecutorTests
    {
        private readonly List<string> log = new List<string>();

        private PlannedChange Step(string name, ChangeAction action = ChangeAction.Create, bool fail = false, Action? during = null) =>
            new PlannedChange("Thing", name, action, "Create " + name,
                action == ChangeAction.Unchanged ? null : _ =>
                {
                    during?.Invoke();
                    if (fail) throw new InvalidOperationException("boom");
                    log.Add("apply " + name);
                    return Task.CompletedTask;
                },
                _ => { log.Add("undo " + name); return Task.CompletedTask; },
                "svc:Action");

        private static Func<PlannedChange, StepDecision> Answer(params string[] declined) =>
            c => declined.Contains(c.ResourceName) ? StepDecision.Decline : StepDecision.Apply;

        [Fact]
        public void A_failed_step_undoes_the_steps_this_call_applied_in_reverse_order_and_names_the_step()
        {
            var plan = new[] { Step("a"), Step("b", ChangeAction.Unchanged), Step("c"), Step("d", fail: true), Step("e") };
            var failure = Assert.Throws<StepFailedException>(() => PlanExecutor.Execute(plan, Answer(), CancellationToken.None));

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
        public void A_removal_that_went_on_past_a_failure_says_what_was_removed_and_what_is_still_in_place_per_resource()
        {
            var disable = new PlannedChange("EventBridge rule", "r", ChangeAction.Update, "Disable EventBridge rule before removing it", _ => Task.CompletedTask, null, "events:DisableRule");
            var targets = Removal("EventBridge targets", "r", "Remove RootGuard's target(s) RootGuard-SNS from rule").After(disable);
            var rule = Removal("EventBridge rule", "r", "Delete EventBridge rule", fail: true).After(disable, targets);
            var alarm = Removal("CloudWatch alarm", "a", "Delete CloudWatch alarm");
            var topic = Removal("SNS topic", "arn:t", "Delete SNS topic and its subscriptions").After(rule, alarm);
            var plan = new[] { disable, targets, rule, alarm, topic };

            var results = PlanExecutor.Execute(plan, _ => StepDecision.Apply, CancellationToken.None, PlanFailureHandling.ContinueWithIndependentSteps);

            var failure = results.Single(r => r.Outcome == ChangeOutcome.Failed).Failure!;
            Assert.Equal("Step 'Delete EventBridge rule' on EventBridge rule 'r' failed: AWS answered AccessDenied: not allowed. "
                         + "The steps that need it were skipped; the others went on.", failure.Message);
            Assert.Equal("Not everything was removed. "
                         + "Removed: EventBridge targets 'r' (Remove RootGuard's target(s) RootGuard-SNS from rule); CloudWatch alarm 'a'. "
                         + "Changed: EventBridge rule 'r' (Disable EventBridge rule before removing it). "
                         + "Still in place: EventBridge rule 'r' (failed); SNS topic 'arn:t' (Delete SNS topic and its subscriptions) (skipped: a step it needs was not done).",
                PlanExecutor.DescribeOutcome(results));
            Assert.Equal(new[] { "delete r", "delete a" }, log);
        }

        [Fact]
        public void A_removal_that_did_everything_has_nothing_to_explain()
        {
            var results = PlanExecutor.Execute(new[] { Removal("CloudWatch alarm", "a", "Delete CloudWatch alarm") }, _ => StepDecision.Apply,
                CancellationToken.None, PlanFailureHandling.ContinueWithIndependentSteps);

            Assert.Null(PlanExecutor.DescribeOutcome(results));
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
            var results = PlanExecutor.Execute(plan, _ => StepDecision.Decline, CancellationToken.None);

            Assert.Empty(log);
            Assert.Equal(ChangeOutcome.Unchanged, results[0].Outcome);
            Assert.Equal(ChangeOutcome.SkippedByUser, results[1].Outcome);
        }

        [Fact]
        public void A_declined_step_skips_its_dependants_and_theirs_without_asking_and_says_which_step_was_declined()
        {
            var topic = Step("topic");
            var rule = Step("rule");
            var target = Step("target").After(topic, rule);
            var subscription = Step("subscription").After(topic);
            var check = Step("check").After(target);
            var asked = new List<string>();

            var results = PlanExecutor.Execute(new[] { topic, rule, target, subscription, check },
                c => { asked.Add(c.ResourceName); return Answer("topic")(c); }, CancellationToken.None);

            Assert.Equal(new[] { "topic", "rule" }, asked);
            Assert.Equal(new[] { "apply rule" }, log);
            Assert.Equal(new[] { ChangeOutcome.SkippedByUser, ChangeOutcome.Applied, ChangeOutcome.SkippedForDependency, ChangeOutcome.SkippedForDependency, ChangeOutcome.SkippedForDependency },
                results.Select(r => r.Outcome));
            Assert.All(results.Skip(2), r => Assert.Contains("'Create topic' on Thing 'topic', which was declined", r.Reason));
        }

        [Fact]
        public void An_unchanged_prerequisite_does_not_hold_its_dependants_back()
        {
            var topic = Step("topic", ChangeAction.Unchanged);
            var target = Step("target").After(topic);

            var results = PlanExecutor.Execute(new[] { topic, target }, Answer(), CancellationToken.None);

            Assert.Empty(target.DependsOn);
            Assert.Equal(ChangeOutcome.Applied, results[1].Outcome);
        }

        [Fact]
        public void A_preview_describes_every_step_dependants_included_and_calls_nothing()
        {
            var topic = Step("topic");
            var target = Step("target").After(topic);
            var asked = new List<string>();

            var results = PlanExecutor.Execute(new[] { topic, target }, c => { asked.Add(c.ResourceName); return StepDecision.Preview; }, CancellationToken.None);

            Assert.Equal(new[] { "topic", "target" }, asked);
            Assert.Empty(log);
            Assert.All(results, r => Assert.Equal(ChangeOutcome.Previewed, r.Outcome));
        }

        [Fact]
        public void Continuing_after_a_failure_skips_only_the_failed_steps_dependants_and_undoes_nothing()
        {
            var targets = Step("targets", fail: true);
            var rule = Step("rule").After(targets);
            var alarm = Step("alarm");
            var topic = Step("topic").After(rule, alarm);
            var other = Step("other");

            var results = PlanExecutor.Execute(new[] { targets, rule, alarm, topic, other }, Answer(), CancellationToken.None,
                PlanFailureHandling.ContinueWithIndependentSteps);

            Assert.Equal(new[] { "apply alarm", "apply other" }, log);
            Assert.Equal(ChangeOutcome.Failed, results[0].Outcome);
            Assert.Contains("Create targets", results[0].Failure!.Message);
            Assert.Equal(new[] { ChangeOutcome.SkippedForDependency, ChangeOutcome.Applied, ChangeOutcome.SkippedForDependency, ChangeOutcome.Applied },
                results.Skip(1).Select(r => r.Outcome));
            Assert.Contains("which failed", results[1].Reason);
        }

        [Fact]
        public void Ctrl_C_during_a_step_undoes_the_applied_steps_and_ends_as_a_cancellation_not_a_step_failure()
        {
            using var cancellation = new CancellationTokenSource();
            var plan = new[] { Step("a"), Step("b", during: () => { cancellation.Cancel(); cancellation.Token.ThrowIfCancellationRequested(); }), Step("c") };

            Assert.Throws<OperationCanceledException>(() => PlanExecutor.Execute(plan, Answer(), cancellation.Token));
            Assert.Equal(new[] { "apply a", "undo a" }, log);
        }

        [Fact]
        public void A_prompt_that_fails_undoes_the_steps_already_applied_and_passes_the_failure_on()
        {
            var plan = new[] { Step("a"), Step("b") };

            var failure = Assert.Throws<InvalidOperationException>(() => PlanExecutor.Execute(plan,
                c => c.ResourceName == "b" ? throw new InvalidOperationException("no host to ask") : StepDecision.Apply, CancellationToken.None));

            Assert.Equal("no host to ask", failure.Message);
            Assert.Equal(new[] { "apply a", "undo a" }, log);
        }
    }
}
