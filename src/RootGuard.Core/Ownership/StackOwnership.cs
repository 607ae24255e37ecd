using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Planning;

namespace RootGuard.Core.Ownership
{
    /// <summary>
    /// What a CloudFormation stack made (Export-RootGuardTemplate tags it <see cref="RootGuardTags.DeployedByKey"/>) is the
    /// stack's to change: a change RootGuard made to it would be drift that the stack's next update silently reverts. The
    /// monitors' planners therefore refuse a plan that would change such a resource, before any change; a plan that
    /// leaves it as it is goes ahead and reports the monitor as it is.
    /// </summary>
    public static class StackOwnership
    {
        /// <summary>The tag CloudFormation itself puts on the taggable resources of a stack, naming the stack.</summary>
        public const string StackNameTagKey = "aws:cloudformation:stack-name";

        /// <summary>What on the resource says a stack made it: RootGuard's tag, and the stack's name when CloudFormation's own tag gives it.</summary>
        public static string Marker(IEnumerable<KeyValuePair<string, string>> tags)
        {
            var stack = tags.Where(t => t.Key == StackNameTagKey && !string.IsNullOrEmpty(t.Value)).Select(t => t.Value).FirstOrDefault();
            return $"tag {RootGuardTags.DeployedByKey}={RootGuardTags.DeployedByCloudFormation}" + (stack != null ? $", stack '{stack}'" : string.Empty);
        }

        /// <summary>
        /// Throws <see cref="ErrorIds.StackManagedResource"/> when <paramref name="tags"/> mark the resource as a stack's and
        /// any of <paramref name="changes"/> (the plan's steps on that resource) would change it.
        /// </summary>
        /// <param name="resource">The resource as the message names it, for example <c>EventBridge rule 'X' in us-east-1</c>.</param>
        /// <param name="tags">The resource's tags (for a metric filter, which cannot be tagged: those of the alarm that owns it).</param>
        /// <param name="changes">The plan's steps on this resource.</param>
        /// <param name="separateMonitor">How to make a separate RootGuard monitor instead, ending the recommended action.</param>
        /// <param name="target">The resource's name or ARN, the error's target.</param>
        public static void RefuseChanges(string resource, IEnumerable<KeyValuePair<string, string>>? tags, IEnumerable<PlannedChange> changes,
            string separateMonitor, string target)
        {
            var list = tags?.ToList();
            if (!RootGuardTags.IsStackDeployed(list))
            {
                return;
            }

            var changing = changes.Where(c => c.Action != ChangeAction.Unchanged).ToList();
            if (changing.Count == 0)
            {
                return;
            }

            throw new RootGuardException(ErrorIds.StackManagedResource, FailureKind.InvalidOperation,
                $"The {resource} was made by a CloudFormation stack ({Marker(list!)}), and this call would change it: "
                + string.Join("; ", changing.Select(c => c.Description)) + ". "
                + "RootGuard does not change what a stack owns: the stack's next update would silently undo it. Nothing was changed.",
                "Change it through the stack: update the template (Export-RootGuardTemplate) and the stack, or the stack set that rolls it out. "
                + "Or " + separateMonitor,
                target);
        }
    }
}
