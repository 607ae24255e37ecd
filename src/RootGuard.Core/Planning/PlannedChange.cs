using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core.Planning
{
    /// <summary>
    /// One step of a plan: a resource, what will happen to it, how to do it, and how to undo it if a later step
    /// fails. A plan is data, so -WhatIf, idempotence and rollback all come from the same object.
    /// </summary>
    public sealed class PlannedChange
    {
        private readonly List<PlannedChange> dependsOn = new List<PlannedChange>();

        public PlannedChange(string resourceType, string resourceName, ChangeAction action, string description,
            Func<CancellationToken, Task>? apply = null, Func<CancellationToken, Task>? undo = null, params string[] permissions)
        {
            Permissions = permissions;
            ResourceType = resourceType;
            ResourceName = resourceName;
            Action = action;
            Description = description;
            Apply = apply;
            Undo = undo;
        }

        /// <summary>For example "SNS topic", "EventBridge rule", "Topic policy statement".</summary>
        public string ResourceType { get; }

        /// <summary>The resource's name or ARN, used as the ShouldProcess target.</summary>
        public string ResourceName { get; }

        public ChangeAction Action { get; }

        /// <summary>A verb phrase for ShouldProcess, for example "Create SNS topic with 2 tags".</summary>
        public string Description { get; }

        /// <summary>The AWS calls that make the change; null for <see cref="ChangeAction.Unchanged"/>.</summary>
        public Func<CancellationToken, Task>? Apply { get; }

        /// <summary>Puts things back as they were before <see cref="Apply"/>; null when there is nothing to undo.</summary>
        public Func<CancellationToken, Task>? Undo { get; }

        /// <summary>The IAM actions <see cref="Apply"/> needs, named in the error when AWS denies one.</summary>
        public IReadOnlyList<string> Permissions { get; }

        /// <summary>
        /// Earlier steps this one needs: when one of them is declined or itself skipped, this step is skipped too
        /// (a rule target would point at a topic that was never made; a topic still in use would be deleted).
        /// </summary>
        public IReadOnlyList<PlannedChange> DependsOn => dependsOn;

        /// <summary>Records that this step needs <paramref name="steps"/> (nulls, and steps that change nothing, are ignored).</summary>
        public PlannedChange After(params PlannedChange?[] steps) => After((IEnumerable<PlannedChange?>)steps);

        /// <inheritdoc cref="After(PlannedChange?[])"/>
        public PlannedChange After(IEnumerable<PlannedChange?> steps)
        {
            foreach (var step in steps)
            {
                if (step != null && step.IsMutating && !ReferenceEquals(step, this) && !dependsOn.Contains(step))
                {
                    dependsOn.Add(step);
                }
            }

            return this;
        }

        /// <summary>True when applying this step calls a mutating AWS operation.</summary>
        public bool IsMutating => Action != ChangeAction.Unchanged && Apply != null;

        public override string ToString() => $"{Action} {ResourceType} {ResourceName}";
    }
}
