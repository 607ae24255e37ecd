using System.Linq;
using System.Threading;
using RootGuard.Core.Aws.EventBridge.Model;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Planning;
using RootGuard.Core.SignInAlert;
using Xunit;

namespace RootGuard.Core.Tests.SignInAlert
{
    /// <summary>New-RootSignInAlert knows whether its statement is effective, as the assessment judges it, and keeps any enabled rule state.</summary>
    public sealed class EffectiveStatementPlanningTests
    {
        private const string Account = "123456789012";
        private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn";
        private const string RuleArn = "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn";
        private static readonly (string, string)[] OwnTags = { ("ManagedBy", "RootGuard"), ("RootGuard:Component", "SignInAlert") };

        private readonly FakeSns sns = new();
        private readonly FakeEventBridge events = new();

        private static SignInAlertRequest Request() => new("us-east-1", Account) { EmailAddresses = new[] { "security@example.com" } };

        private SignInAlertPlan Plan() => new SignInRulePlanner(events, sns, new FakeKms()).PlanAsync(Request()).GetAwaiter().GetResult();

        private static TopicPolicyDocument PolicyWithOurStatement() => TopicPolicyDocument.Parse(null)
            .WithStatement(TopicPolicyDocument.OwnerDefaultStatement(TopicArn, Account))
            .WithStatement(TopicPolicyDocument.ServicePublishStatement(SignInAlertNames.StatementSid("RootGuard-RootSignIn"), SignInAlertNames.ServicePrincipal, TopicArn, RuleArn));

        [Fact]
        public void An_effective_statement_brings_no_note()
        {
            sns.Add(TopicArn, PolicyWithOurStatement().ToJson(), OwnTags);
            Assert.DoesNotContain(Plan().Warnings, n => n.Contains("does not let"));
        }

        [Fact]
        public void Another_statements_deny_that_overrides_ours_is_warned_about_and_left_alone()
        {
            var deny = System.Text.Json.Nodes.JsonNode.Parse(
                "{\"Sid\":\"NoServices\",\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"SNS:*\",\"Resource\":\"" + TopicArn + "\"}")!.AsObject();
            sns.Add(TopicArn, PolicyWithOurStatement().WithStatement(deny).ToJson(), OwnTags);

            var plan = Plan();

            var note = Assert.Single(plan.Warnings, n => n.Contains("does not let events.amazonaws.com publish"));
            Assert.Contains("'NoServices' explicitly denies", note);
            Assert.Equal(ChangeAction.Unchanged, plan.Changes.Single(c => c.ResourceType == NotificationTopicPlanner.PolicyResourceType).Action);
        }

        [Fact]
        public void A_rule_enabled_with_all_CloudTrail_management_events_is_left_in_that_state()
        {
            PlanExecutor.Execute(Plan().Changes, _ => true, CancellationToken.None);
            events.Rules["RootGuard-RootSignIn"].Definition.State = RuleState.ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS;

            Assert.Equal(ChangeAction.Unchanged, Plan().Changes.Single(c => c.ResourceType == SignInAlertPlanner.RuleResourceType).Action);
        }
    }
}
