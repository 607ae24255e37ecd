using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Aws.CloudTrail.Model;
using RootGuard.Core.MonitorDefinitions;
using RootGuard.Core.NotificationTopic;
using RootGuard.Core.Planning;
using RootGuard.Core.SignInAlert;
using Xunit;
using Eb = RootGuard.Core.Aws.EventBridge.Model;

namespace RootGuard.Core.Tests.SignInAlert
{
    /// <summary>The planners' decisions, one per test, against in-memory SNS and EventBridge.</summary>
    public sealed class SignInAlertPlannerTests
    {
        private const string Account = "123456789012";
        private const string TopicArn = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn";
        private const string RuleArn = "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn";
        private static readonly (string, string)[] OwnTags = { ("ManagedBy", "RootGuard"), ("RootGuard:Component", "SignInAlert") };

        private readonly FakeSns sns = new();
        private readonly FakeEventBridge events = new();
        private readonly FakeKms kms = new();

        private static SignInAlertRequest Request(params string[] emails) =>
            new("us-east-1", Account) { EmailAddresses = emails.Length == 0 ? new[] { "security@example.com" } : emails };

        private SignInAlertPlan Plan(SignInAlertRequest request) => new SignInRulePlanner(events, sns, kms).PlanAsync(request).GetAwaiter().GetResult();

        private static IReadOnlyList<AppliedChange> Apply(SignInAlertPlan plan) => PlanExecutor.Execute(plan.Changes, _ => StepDecision.Apply, CancellationToken.None);

        private static string[] Steps(SignInAlertPlan plan) => plan.Changes.Select(c => $"{c.Action} {c.ResourceType}").ToArray();

        [Fact]
        public void A_fresh_account_is_planned_as_topic_then_rule_then_target_then_subscriptions()
        {
            var plan = Plan(Request("a@example.com", "b@example.com"));

            Assert.Equal(new[]
            {
                "Create SNS topic", "Create EventBridge rule", "Create EventBridge target", "Create SNS e-mail subscription", "Create SNS e-mail subscription",
            }, Steps(plan));
            Assert.Equal(RuleArn, plan.RuleArn);
            Assert.Equal(TopicArn, plan.Topic.TopicArn);
            Assert.Equal(RootMonitorDefinitions.BuildSignInEventPattern(), plan.EventPattern);
        }

        [Fact]
        public void Applying_the_plan_twice_plans_nothing_the_second_time()
        {
            Apply(Plan(Request()));
            events.Calls.Clear();
            sns.Calls.Clear();

            var second = Plan(Request());

            Assert.All(second.Changes, c => Assert.Equal(ChangeAction.Unchanged, c.Action));
            Apply(second);
            Assert.Empty(events.Calls);
            Assert.Empty(sns.Calls);
        }

        [Fact]
        public void The_new_topic_is_created_in_one_call_with_tags_key_and_both_policy_statements()
        {
            var request = Request();
            request.KmsMasterKeyId = "alias/rootguard";
            kms.Policies["alias/rootguard"] = KeyPolicy(principal: "events.amazonaws.com");
            request.Tags = new Dictionary<string, string> { ["CostCenter"] = "security" };

            Apply(Plan(request));

            var topic = sns.Topics[TopicArn];
            Assert.Equal("alias/rootguard", topic.Attributes["KmsMasterKeyId"]);
            Assert.Equal("RootGuard", topic.Tags["ManagedBy"]);
            Assert.Equal("SignInAlert", topic.Tags["RootGuard:Component"]);
            Assert.Equal("security", topic.Tags["CostCenter"]);
            var policy = TopicPolicyDocument.Parse(topic.Attributes["Policy"]);
            Assert.True(policy.HasStatement("__default_statement_ID"));
            Assert.True(policy.HasEqualStatement(TopicPolicyDocument.ServicePublishStatement(
                SignInAlertNames.StatementSid("RootGuard-RootSignIn"), "events.amazonaws.com", TopicArn, RuleArn)));
            Assert.Equal(1, sns.Calls.Count(c => c == "CreateTopic"));
            Assert.DoesNotContain(sns.Calls, c => c.StartsWith("SetTopicAttributes"));
        }

        [Fact]
        public void A_customer_key_whose_policy_does_not_let_EventBridge_use_it_brings_a_warning_naming_the_grant()
        {
            const string key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            kms.Policies[key] = KeyPolicy(principal: "cloudwatch.amazonaws.com");
            var request = Request();
            request.KmsMasterKeyId = key;

            var note = Assert.Single(Plan(request).Warnings);

            Assert.Contains("does not allow events.amazonaws.com", note);
            Assert.Contains("kms:GenerateDataKey*", note);
            Assert.Contains("kms:Decrypt", note);
        }

        [Fact]
        public void A_customer_key_whose_policy_lets_EventBridge_use_it_brings_no_warning()
        {
            const string key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            kms.Policies[key] = KeyPolicy(principal: "events.amazonaws.com");
            var request = Request();
            request.KmsMasterKeyId = key;

            var plan = Plan(request);

            Assert.Empty(plan.Warnings);
            Assert.Contains("GetKeyPolicy " + key, kms.Calls);
        }

        [Fact]
        public void The_topic_plan_carries_its_customer_key_as_data_and_no_note_of_its_own_on_the_key_policy()
        {
            const string key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
            var request = Request();
            request.KmsMasterKeyId = key;

            var topic = new NotificationTopicPlanner(sns).PlanAsync(request.ToTopicRequest()).GetAwaiter().GetResult();

            // The key's policy is judged once, by KeyPolicyGrant, from this key: the topic plan adds no text for it to undo.
            Assert.Equal(key, topic.CustomerManagedKeyId);
            Assert.Empty(topic.Warnings);
            Assert.Null(new NotificationTopicPlanner(new FakeSns()).PlanAsync(Request().ToTopicRequest()).GetAwaiter().GetResult().CustomerManagedKeyId);
        }

        private static string KeyPolicy(string principal) => $$"""
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "Owner", "Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"},
              {"Sid": "Publisher", "Effect": "Allow", "Principal": {"Service": "{{principal}}"}, "Action": ["kms:GenerateDataKey*", "kms:Decrypt"], "Resource": "*"}]}
            """;

        [Theory]
        [InlineData("alias/aws/sns")]
        [InlineData("ALIAS/AWS/SNS")]
        [InlineData("arn:aws:kms:us-east-1:123456789012:alias/aws/sns")]
        public void The_AWS_managed_key_is_refused_with_the_reason(string key)
        {
            var request = Request();
            request.KmsMasterKeyId = key;

            var e = Assert.Throws<RootGuardException>(() => request.Validate());

            Assert.Equal(ErrorIds.AwsManagedKmsKey, e.ErrorId);
            Assert.Equal(FailureKind.InvalidArgument, e.Kind);
            Assert.Equal("KmsMasterKeyId", e.Target);
            Assert.Contains("EventBridge", e.Message);
        }

        [Fact]
        public void An_existing_policy_keeps_its_statements_and_gets_ours_by_Sid()
        {
            var foreign = TopicPolicyDocument.Parse(null)
                .WithStatement(TopicPolicyDocument.OwnerDefaultStatement(TopicArn, Account))
                .WithStatement(TopicPolicyDocument.ServicePublishStatement("AllowBudgets", "budgets.amazonaws.com", TopicArn, "arn:aws:budgets::123456789012:*"));
            sns.Add(TopicArn, foreign.ToJson(), OwnTags);

            var plan = Plan(Request());
            Apply(plan);

            var policy = TopicPolicyDocument.Parse(sns.Topics[TopicArn].Attributes["Policy"]);
            Assert.Equal(3, policy.StatementCount);
            Assert.True(policy.HasStatement("AllowBudgets"));
            Assert.Contains("Create SNS topic policy statement", Steps(plan));
        }

        [Fact]
        public void A_statement_naming_another_rule_is_corrected_in_place_and_undo_restores_the_old_policy()
        {
            var old = TopicPolicyDocument.Parse(null).WithStatement(TopicPolicyDocument.ServicePublishStatement(
                SignInAlertNames.StatementSid("RootGuard-RootSignIn"), "events.amazonaws.com", TopicArn, "arn:aws:events:us-east-1:999999999999:rule/x"));
            sns.Add(TopicArn, old.ToJson(), OwnTags);

            var step = Plan(Request()).Changes.Single(c => c.ResourceType == NotificationTopicPlanner.PolicyResourceType);
            Assert.Equal(ChangeAction.Update, step.Action);
            step.Apply!(CancellationToken.None).GetAwaiter().GetResult();
            Assert.Contains(RuleArn, sns.Topics[TopicArn].Attributes["Policy"]);
            step.Undo!(CancellationToken.None).GetAwaiter().GetResult();

            Assert.Equal(old.ToJson(), sns.Topics[TopicArn].Attributes["Policy"]);
        }

        [Fact]
        public void A_topic_of_the_same_name_that_RootGuard_did_not_make_is_used_but_never_tagged_as_its_own()
        {
            sns.Add(TopicArn, null, ("Team", "ops"));

            var plan = Plan(Request());
            Apply(plan);

            Assert.DoesNotContain("ManagedBy", sns.Topics[TopicArn].Tags.Keys);
            Assert.Contains(plan.Warnings, n => n.Contains("will not delete it"));
        }

        [Fact]
        public void A_given_topic_that_does_not_exist_is_a_not_found_error_on_TopicArn()
        {
            var request = Request();
            request.TopicArn = "arn:aws:sns:us-east-1:123456789012:missing";

            var e = Assert.Throws<RootGuardException>(() => Plan(request));

            Assert.Equal(ErrorIds.TopicNotFound, e.ErrorId);
            Assert.Equal("TopicArn", e.Target);
        }

        [Fact]
        public void Undoing_a_Subscribe_on_an_existing_topic_withdraws_the_subscription()
        {
            sns.Add(TopicArn, null, OwnTags);
            var step = Plan(Request("new@example.com")).Changes.Single(c => c.Action == ChangeAction.Create && c.ResourceType == NotificationTopicPlanner.SubscriptionResourceType);

            step.Apply!(CancellationToken.None).GetAwaiter().GetResult();
            Assert.Single(sns.Topics[TopicArn].Subscriptions);
            step.Undo!(CancellationToken.None).GetAwaiter().GetResult();

            Assert.Empty(sns.Topics[TopicArn].Subscriptions);
        }

        [Fact]
        public void Subscriptions_added_to_a_topic_RootGuard_did_not_create_are_recorded_on_the_rule_one_tag_each()
        {
            const string team = "arn:aws:sns:us-east-1:123456789012:team-alerts";
            sns.Add(team, null).Subscriptions.Add(new RootGuard.Core.Aws.Sns.Model.Subscription
            {
                Protocol = "email", Endpoint = "already@example.com", SubscriptionArn = team + ":11111111-1111-1111-1111-111111111111", TopicArn = team,
            });
            var request = Request("already@example.com", "new@example.com");
            request.TopicArn = team;

            var plan = Plan(request);
            Apply(plan);

            var added = sns.Topics[team].Subscriptions.Single(s => s.Endpoint == "new@example.com").SubscriptionArn!;
            var records = events.Rules["RootGuard-RootSignIn"].Tags.Where(t => t.Key.StartsWith("RootGuard:Subscription:")).ToList();
            var record = Assert.Single(records);
            Assert.Equal("RootGuard:Subscription:" + added.Substring(team.Length + 1), record.Key);
            Assert.Equal(team, record.Value);
            Assert.Contains(plan.Changes, c => c.ResourceName == "new@example.com" && c.Description.Contains("recorded on EventBridge rule 'RootGuard-RootSignIn'"));
        }

        [Fact]
        public void Undoing_a_recorded_Subscribe_removes_the_record_and_the_subscription()
        {
            const string team = "arn:aws:sns:us-east-1:123456789012:team-alerts";
            sns.Add(team, null);
            events.Add("RootGuard-RootSignIn", RootMonitorDefinitions.BuildSignInEventPattern(), description: SignInAlertNames.RuleDescription, tags: OwnTags);
            var request = Request("new@example.com");
            request.TopicArn = team;
            var step = Plan(request).Changes.Single(c => c.Action == ChangeAction.Create && c.ResourceType == NotificationTopicPlanner.SubscriptionResourceType);

            step.Apply!(CancellationToken.None).GetAwaiter().GetResult();
            Assert.Contains(events.Rules["RootGuard-RootSignIn"].Tags.Keys, k => k.StartsWith("RootGuard:Subscription:"));
            step.Undo!(CancellationToken.None).GetAwaiter().GetResult();

            Assert.Empty(sns.Topics[team].Subscriptions);
            Assert.DoesNotContain(events.Rules["RootGuard-RootSignIn"].Tags.Keys, k => k.StartsWith("RootGuard:Subscription:"));
        }

        [Fact]
        public void Subscriptions_on_RootGuards_own_topic_are_not_recorded_since_deleting_the_topic_removes_them()
        {
            Apply(Plan(Request("a@example.com")));

            Assert.DoesNotContain(events.Rules["RootGuard-RootSignIn"].Tags.Keys, k => k.StartsWith("RootGuard:Subscription:"));
        }

        [Fact]
        public void An_address_differing_only_in_case_is_not_subscribed_twice()
        {
            Apply(Plan(Request("Security@Example.com")));

            var plan = Plan(Request("security@example.com"));

            Assert.DoesNotContain(plan.Changes, c => c.IsMutating);
        }

        [Fact]
        public void Missing_tags_on_RootGuards_own_rule_are_added_and_undo_removes_them_again()
        {
            Apply(Plan(Request()));
            var request = Request();
            request.Tags = new Dictionary<string, string> { ["Team"] = "sec" };

            var steps = Plan(request).Changes.Where(c => c.IsMutating).ToList();
            Assert.Equal(new[] { NotificationTopicPlanner.TagsResourceType, SignInAlertPlanner.RuleTagsResourceType }, steps.Select(s => s.ResourceType));
            foreach (var step in steps) step.Apply!(CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal("sec", events.Rules["RootGuard-RootSignIn"].Tags["Team"]);
            foreach (var step in steps) step.Undo!(CancellationToken.None).GetAwaiter().GetResult();

            Assert.DoesNotContain("Team", events.Rules["RootGuard-RootSignIn"].Tags.Keys);
            Assert.DoesNotContain("Team", sns.Topics[TopicArn].Tags.Keys);
        }

        [Fact]
        public void A_pattern_that_differs_only_in_spacing_key_order_and_value_order_is_unchanged()
        {
            Apply(Plan(Request()));
            events.Rules["RootGuard-RootSignIn"].Definition.EventPattern =
                "{ \"detail\": {\"userIdentity\": {\"type\": [\"Root\"]}}, \"detail-type\": [\"AWS Console Sign In via CloudTrail\"], \"source\": [\"aws.signin\"] }";

            var rule = Plan(Request()).Changes.Single(c => c.ResourceType == SignInAlertPlanner.RuleResourceType);

            Assert.Equal(ChangeAction.Unchanged, rule.Action);
        }

        [Fact]
        public void A_disabled_or_narrowed_rule_is_corrected_in_place_and_undo_puts_it_back()
        {
            Apply(Plan(Request()));
            var definition = events.Rules["RootGuard-RootSignIn"].Definition;
            definition.State = "DISABLED";
            definition.EventPattern = RootMonitorDefinitions.BuildSignInEventPattern(successOnly: true);

            var rule = Plan(Request()).Changes.Single(c => c.ResourceType == SignInAlertPlanner.RuleResourceType);
            Assert.Equal(ChangeAction.Update, rule.Action);
            Assert.Contains("correct the event pattern", rule.Description);
            Assert.Contains("enable it", rule.Description);
            rule.Apply!(CancellationToken.None).GetAwaiter().GetResult();
            Assert.Equal("ENABLED", definition.State);
            rule.Undo!(CancellationToken.None).GetAwaiter().GetResult();

            Assert.Equal("DISABLED", definition.State);
        }

        [Fact]
        public void A_rule_of_that_name_without_RootGuards_tag_is_refused()
        {
            events.Add("RootGuard-RootSignIn", "{\"source\":[\"aws.ec2\"]}");

            var e = Assert.Throws<RootGuardException>(() => Plan(Request()));

            Assert.Equal(ErrorIds.RuleNotManaged, e.ErrorId);
            Assert.Equal("Name", e.Target);
        }

        [Fact]
        public void A_changed_transformer_updates_RootGuards_target_and_leaves_other_targets_alone()
        {
            Apply(Plan(Request()));
            events.Rules["RootGuard-RootSignIn"].Targets.Add(new Eb.Target { Id = "someone-else", Arn = "arn:aws:sqs:us-east-1:123456789012:q" });
            var request = Request();
            request.MessageFormat = SignInAlertMessageFormat.Chatbot;

            var plan = Plan(request);
            Apply(plan);

            Assert.Equal(ChangeAction.Update, plan.Changes.Single(c => c.ResourceType == SignInAlertPlanner.TargetResourceType).Action);
            var targets = events.Rules["RootGuard-RootSignIn"].Targets;
            Assert.Equal(2, targets.Count);
            Assert.Equal(SignInAlertMessages.ChatbotTemplate("us-east-1"), targets.Single(t => t.Id == "RootGuard-SNS").InputTransformer!.InputTemplate);
        }

        [Fact]
        public void A_target_EventBridge_rejects_inside_a_200_answer_fails_the_step()
        {
            events.FailPutTargets = new Eb.PutTargetsResultEntry { TargetId = "RootGuard-SNS", ErrorCode = "ConcurrentModificationException", ErrorMessage = "busy" };

            var e = Assert.Throws<StepFailedException>(() => Apply(Plan(Request())));

            Assert.Equal("ConcurrentModificationException", e.AwsErrorCode);
            Assert.Equal(SignInAlertPlanner.TargetResourceType, e.Step.ResourceType);
            Assert.Empty(events.Rules);
            Assert.Empty(sns.Topics);
        }

        [Theory]
        [InlineData(null, "us-east-1", "us-east-1")]
        [InlineData(null, "eu-west-1", "us-east-1")]
        [InlineData(null, "cn-northwest-1", "cn-north-1")]
        [InlineData(null, "us-gov-east-1", "us-gov-west-1")]
        [InlineData("us-east-1", "eu-west-1", "us-east-1")]
        public void The_rule_goes_to_the_partitions_home_region_whatever_the_session_region(string? explicitRegion, string sessionRegion, string expected)
        {
            Assert.Equal(expected, SignInAlertRegion.Resolve(explicitRegion, sessionRegion, force: false, out var warning));
            Assert.Null(warning);
        }

        [Fact]
        public void Another_region_is_refused_unless_forced_and_then_warned_about()
        {
            var e = Assert.Throws<RootGuardException>(() => SignInAlertRegion.Resolve("eu-west-1", "eu-west-1", force: false, out _));
            Assert.Equal(ErrorIds.NotHomeRegion, e.ErrorId);
            Assert.Equal("Region", e.Target);

            Assert.Equal("eu-west-1", SignInAlertRegion.Resolve("eu-west-1", "eu-west-1", force: true, out var warning));
            Assert.Contains("us-east-1", warning);
        }

        [Theory]
        [InlineData("RootGuard-RootSignIn", false, true)]
        [InlineData("a.b", true, true)]
        [InlineData("a.b", false, false)]
        [InlineData("has space", true, false)]
        [InlineData("", true, false)]
        public void The_base_name_must_suit_a_rule_and_without_TopicArn_a_topic(string name, bool withTopicArn, bool valid)
        {
            var request = Request();
            request.Name = name;
            request.TopicArn = withTopicArn ? "arn:aws:sns:us-east-1:123456789012:t" : null;

            var e = Record.Exception(() => request.Validate());

            Assert.Equal(valid, e == null);
            if (!valid) Assert.Equal("Name", ((RootGuardException)e!).Target);
        }

        [Fact]
        public void A_name_of_65_characters_is_refused_and_64_accepted()
        {
            var request = Request();
            request.Name = new string('n', 64);
            request.Validate();
            request.Name = new string('n', 65);

            Assert.Equal(ErrorIds.InvalidName, Assert.Throws<RootGuardException>(() => request.Validate()).ErrorId);
        }

        [Theory]
        [InlineData("not-an-address")]
        [InlineData("two@@example.com")]
        [InlineData("Name <a@example.com>")]
        public void A_malformed_address_is_refused_on_EmailAddress(string address)
        {
            var e = Assert.Throws<RootGuardException>(() => Request("ok@example.com", address).Validate());

            Assert.Equal(ErrorIds.InvalidEmailAddress, e.ErrorId);
            Assert.Equal("EmailAddress", e.Target);
        }

        [Fact]
        public void RootGuards_own_tag_keys_are_refused_on_Tag()
        {
            var request = Request();
            request.Tags = new Dictionary<string, string> { ["RootGuard:Component"] = "x" };

            var e = Assert.Throws<RootGuardException>(() => request.Validate());

            Assert.Equal(ErrorIds.ReservedTagKey, e.ErrorId);
            Assert.Equal("Tag", e.Target);
        }

        [Fact]
        public void Two_alerts_on_one_topic_get_distinct_statements()
        {
            Assert.NotEqual(SignInAlertNames.StatementSid("RootGuard-RootSignIn"), SignInAlertNames.StatementSid("Other-Alert"));
            Assert.Matches("^RootGuard[A-Za-z0-9]+$", SignInAlertNames.StatementSid("Root.Guard_x-y"));
        }

        [Fact]
        public void Every_permission_a_step_names_is_in_the_published_list()
        {
            var fresh = Plan(Request("a@example.com"));
            Apply(fresh);
            var request = Request("a@example.com", "b@example.com");
            request.KmsMasterKeyId = "alias/other";
            kms.Policies["alias/other"] = KeyPolicy(principal: "events.amazonaws.com");
            request.Tags = new Dictionary<string, string> { ["Team"] = "sec" };
            request.SuccessOnly = true;
            request.MessageFormat = SignInAlertMessageFormat.Raw;
            var update = Plan(request);

            var named = fresh.Changes.Concat(update.Changes).SelectMany(c => c.Permissions).Distinct().ToList();

            Assert.Contains("sns:SetTopicAttributes", named);
            Assert.All(named, p => Assert.Contains(p, SignInAlertPermissions.Actions));
        }
    }
}
