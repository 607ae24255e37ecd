using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Repair
{
    /// <summary>
    /// One fix for one account, planned: what exists was read, and <see cref="Changes"/> lists every change (nothing
    /// outside it is ever made). Disposing it ends what the plan holds open (a privileged root session).
    /// </summary>
    public sealed class FixPlan : IChangePlan, IDisposable
    {
        private readonly IDisposable? resources;

        public FixPlan(string accountId, RootFix fix, IReadOnlyList<PlannedChange> changes, IReadOnlyList<string>? warnings = null, IDisposable? resources = null)
        {
            AccountId = accountId;
            Fix = fix;
            Changes = changes;
            Warnings = warnings ?? Array.Empty<string>();
            this.resources = resources;
        }

        public string AccountId { get; }
        public RootFix Fix { get; }
        public IReadOnlyList<PlannedChange> Changes { get; }

        /// <summary>Warnings the planners raised (for example an e-mail subscription that must be confirmed).</summary>
        public IReadOnlyList<string> Warnings { get; }

        public bool HasChanges => Changes.Any(c => c.IsMutating);

        /// <summary>Every mutating change, one per line, for -WhatIf and the -Confirm prompt.</summary>
        public string Describe() => string.Join(Environment.NewLine,
            Changes.Where(c => c.IsMutating).Select(c => $"  {c.Action} {c.ResourceType} {c.ResourceName}: {c.Description}"));

        public void Dispose() => resources?.Dispose();
    }
}
