using System.Collections.Generic;

namespace RootGuard.Core.Planning
{
    /// <summary>
    /// What a planner read and decided: the steps that take the account from what exists to what was asked (each with
    /// the steps it depends on), and what the user should know before relying on the result. Nothing is changed until a
    /// command applies <see cref="Changes"/> (see <see cref="PlanExecutor"/>).
    /// </summary>
    public interface IChangePlan
    {
        /// <summary>Every step in dependency order, unchanged resources included (as <see cref="ChangeAction.Unchanged"/>).</summary>
        IReadOnlyList<PlannedChange> Changes { get; }

        /// <summary>Sentences for the user: what may not work as hoped, or what was deliberately left alone.</summary>
        IReadOnlyList<string> Warnings { get; }
    }
}
