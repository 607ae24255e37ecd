using System.Collections.Generic;
using RootGuard.Core.Ownership;
using RootGuard.Core.Planning;
using Xunit;

namespace RootGuard.Core.Tests.Ownership
{
    /// <summary>When a plan on a resource a CloudFormation stack made is refused, and what the refusal says.</summary>
    public sealed class StackOwnershipTests
    {
        private static readonly KeyValuePair<string, string>[] StackTags =
        {
            new(RootGuardTags.ManagedByKey, RootGuardTags.ManagedByValue),
            new(RootGuardTags.DeployedByKey, RootGuardTags.DeployedByCloudFormation),
            new(StackOwnership.StackNameTagKey, "StackSet-RootGuard-1234"),
        };

        private static readonly PlannedChange Update = new("EventBridge rule", "RootGuard-RootSignIn", ChangeAction.Update, "Update EventBridge rule: enable it");
        private static readonly PlannedChange Keep = new("EventBridge target", "RootGuard-RootSignIn/RootGuard-SNS", ChangeAction.Unchanged, "Keep the target");

        [Fact]
        public void A_change_to_a_stacks_resource_is_refused_naming_the_resource_its_stack_and_both_ways_out()
        {
            var e = Assert.Throws<RootGuardException>(() =>
                StackOwnership.RefuseChanges("EventBridge rule 'RootGuard-RootSignIn' in us-east-1", StackTags, new[] { Keep, Update },
                    "give another -Name.", "arn:rule"));

            Assert.Equal(ErrorIds.StackManagedResource, e.ErrorId);
            Assert.Equal("RootGuard.StackManagedResource", e.ErrorId);
            Assert.Equal(FailureKind.InvalidOperation, e.Kind);
            Assert.Equal("arn:rule", e.Target);
            Assert.Contains("EventBridge rule 'RootGuard-RootSignIn' in us-east-1", e.Message);
            Assert.Contains("RootGuard:DeployedBy=CloudFormation, stack 'StackSet-RootGuard-1234'", e.Message);
            Assert.Contains("Update EventBridge rule: enable it", e.Message);
            Assert.DoesNotContain("Keep the target", e.Message);
            Assert.Contains("through the stack", e.RecommendedAction);
            Assert.EndsWith("Or give another -Name.", e.RecommendedAction);
        }

        [Fact]
        public void A_plan_that_leaves_a_stacks_resource_as_it_is_goes_ahead()
        {
            StackOwnership.RefuseChanges("rule", StackTags, new[] { Keep }, "-Name", "rule");
        }

        [Fact]
        public void A_change_to_a_resource_no_stack_made_goes_ahead()
        {
            StackOwnership.RefuseChanges("rule", new[] { new KeyValuePair<string, string>(RootGuardTags.ManagedByKey, RootGuardTags.ManagedByValue) },
                new[] { Update }, "-Name", "rule");
            StackOwnership.RefuseChanges("topic", null, new[] { Update }, "-TopicArn", "topic");
        }

        [Fact]
        public void The_marker_leaves_out_the_stack_when_CloudFormation_did_not_name_it()
        {
            Assert.Equal("tag RootGuard:DeployedBy=CloudFormation",
                StackOwnership.Marker(new[] { new KeyValuePair<string, string>(RootGuardTags.DeployedByKey, RootGuardTags.DeployedByCloudFormation) }));
        }
    }
}
