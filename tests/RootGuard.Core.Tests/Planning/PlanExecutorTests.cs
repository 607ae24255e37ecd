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
