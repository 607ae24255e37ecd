using RootGuard.Core.Policies;
using Xunit;

namespace RootGuard.Core.Tests.Policies
{
    /// <summary>
    /// The evaluator against AWS's policy evaluation logic (IAM User Guide, "Policy evaluation logic", "IAM JSON policy
    /// elements: Condition operators", "Principal", "NotPrincipal", "NotAction") for the questions RootGuard asks.
    /// </summary>
    public sealed class ResourcePolicyEvaluatorTests
    {
        private const string Account = "123456789012";
        private const string Topic = "arn:aws:sns:us-east-1:123456789012:alerts";
        private const string Rule = "arn:aws:events:us-east-1:123456789012:rule/root-signin";
        private const string Alarm = "arn:aws:cloudwatch:us-east-1:123456789012:alarm:root-usage";
        private const string Events = "events.amazonaws.com";
        private const string CloudWatch = "cloudwatch.amazonaws.com";

        private static ServiceRequest EventsPublish(string rule = Rule) => MonitorDeliveryRequests.Publish(Events, Topic, rule);

        private static ServiceRequest AlarmPublish() => MonitorDeliveryRequests.Publish(CloudWatch, Topic, Alarm);

        private static string Policy(params string[] statements) => "{\"Version\":\"2012-10-17\",\"Statement\":[" + string.Join(",", statements) + "]}";

        private static string Allow(string principal = "{\"Service\":\"events.amazonaws.com\"}", string action = "\"sns:Publish\"", string resource = "\"" + Topic + "\"",
            string? condition = null, string sid = "Allow") =>
            $"{{\"Sid\":\"{sid}\",\"Effect\":\"Allow\",\"Principal\":{principal},\"Action\":{action},\"Resource\":{resource}" + (condition != null ? $",\"Condition\":{condition}" : "") + "}";

        private static string Deny(string principal = "\"*\"", string action = "\"sns:Publish\"", string resource = "\"" + Topic + "\"", string? condition = null, string sid = "Deny") =>
            Allow(principal, action, resource, condition, sid).Replace("\"Effect\":\"Allow\"", "\"Effect\":\"Deny\"");

        private static string OnlyFor(string rule) => $"{{\"ArnEquals\":{{\"aws:SourceArn\":\"{rule}\"}}}}";

        private static PolicyDecision Decide(string policy, ServiceRequest? request = null) => ResourcePolicyEvaluator.Evaluate(policy, request ?? EventsPublish()).Decision;

        // ---- the basics: implicit deny, allow, explicit deny ---------------------------------------------------------

        [Fact]
        public void Without_a_matching_allow_the_request_is_implicitly_denied()
        {
            var result = ResourcePolicyEvaluator.Evaluate(Policy(), EventsPublish());
            Assert.Equal(PolicyDecision.NotAllowed, result.Decision);
            Assert.Contains("No statement allows events.amazonaws.com", result.Reason);
        }

        [Fact]
        public void No_policy_at_all_allows_nothing() => Assert.Equal(PolicyDecision.NotAllowed, Decide(""));

        [Fact]
        public void An_allow_for_the_service_conditioned_on_its_rule_allows_that_rule()
        {
            var result = ResourcePolicyEvaluator.Evaluate(Policy(Allow(condition: OnlyFor(Rule))), EventsPublish());
            Assert.Equal(PolicyDecision.Allowed, result.Decision);
            Assert.Equal(new[] { "Allow" }, result.Statements);
        }

        [Fact]
        public void An_allow_conditioned_on_another_rule_does_not_allow_this_one_and_says_why()
        {
            var result = ResourcePolicyEvaluator.Evaluate(Policy(Allow(condition: OnlyFor("arn:aws:events:us-east-1:123456789012:rule/other"))), EventsPublish());
            Assert.Equal(PolicyDecision.NotAllowed, result.Decision);
            Assert.Contains("'Allow' would, but its condition ArnEquals aws:SourceArn", result.Reason);
            Assert.Contains(Rule, result.Reason);
        }

        [Fact]
        public void An_explicit_deny_wins_over_an_allow()
        {
            var result = ResourcePolicyEvaluator.Evaluate(Policy(Allow(condition: OnlyFor(Rule)), Deny(sid: "NoPublish")), EventsPublish());
            Assert.Equal(PolicyDecision.Denied, result.Decision);
            Assert.Contains("'NoPublish' explicitly denies", result.Reason);
        }

        [Fact]
        public void A_single_statement_object_is_read_like_an_array_of_one() =>
            Assert.Equal(PolicyDecision.Allowed, Decide("{\"Statement\":" + Allow() + "}"));

        [Fact]
        public void A_policy_that_is_not_JSON_is_unverifiable_not_allowed() => Assert.Equal(PolicyDecision.Unverifiable, Decide("{not json"));

        // ---- Principal and NotPrincipal ----------------------------------------------------------------------------

        [Theory]
        [InlineData("\"*\"", PolicyDecision.Allowed)]
        [InlineData("{\"AWS\":\"*\"}", PolicyDecision.Allowed)]
        [InlineData("{\"AWS\":[\"arn:aws:iam::123456789012:root\",\"*\"]}", PolicyDecision.Allowed)]
        [InlineData("{\"Service\":[\"sqs.amazonaws.com\",\"events.amazonaws.com\"]}", PolicyDecision.Allowed)]
        [InlineData("{\"Service\":\"cloudwatch.amazonaws.com\"}", PolicyDecision.NotAllowed)]
        [InlineData("{\"AWS\":\"arn:aws:iam::123456789012:root\"}", PolicyDecision.NotAllowed)]
        public void The_principal_must_name_the_service_or_everyone(string principal, PolicyDecision expected) =>
            Assert.Equal(expected, Decide(Policy(Allow(principal: principal))));

        [Fact]
        public void A_deny_with_NotPrincipal_spares_the_listed_service_and_denies_the_others()
        {
            var policy = Policy(Allow(principal: "\"*\""),
                "{\"Sid\":\"OnlyEvents\",\"Effect\":\"Deny\",\"NotPrincipal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"sns:Publish\",\"Resource\":\"" + Topic + "\"}");
            Assert.Equal(PolicyDecision.Allowed, Decide(policy, EventsPublish()));
            Assert.Equal(PolicyDecision.Denied, Decide(policy, AlarmPublish()));
        }

        // ---- Action and NotAction ----------------------------------------------------------------------------------

        [Theory]
        [InlineData("\"SNS:Publish\"")]
        [InlineData("\"sns:PUBLISH\"")]
        [InlineData("\"sns:Pub*\"")]
        [InlineData("\"sns:Publis?\"")]
        [InlineData("\"sns:*\"")]
        [InlineData("\"*\"")]
        [InlineData("[\"sns:Subscribe\",\"sns:Publish\"]")]
        public void Actions_match_case_insensitively_with_wildcards(string action) =>
            Assert.Equal(PolicyDecision.Denied, Decide(Policy(Allow(), Deny(action: action))));

        [Theory]
        [InlineData("\"sns:Subscribe\"")]
        [InlineData("\"sns:Pub\"")]
        [InlineData("\"sqs:*\"")]
        public void Other_actions_do_not_match(string action) => Assert.Equal(PolicyDecision.Allowed, Decide(Policy(Allow(), Deny(action: action))));

        [Fact]
        public void A_deny_with_NotAction_covers_every_action_it_does_not_list()
        {
            var notAction = "{\"Sid\":\"D\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"NotAction\":[\"sns:Subscribe\",\"sns:Receive\"],\"Resource\":\"" + Topic + "\"}";
            Assert.Equal(PolicyDecision.Denied, Decide(Policy(Allow(), notAction)));
            Assert.Equal(PolicyDecision.Allowed, Decide(Policy(Allow(), notAction.Replace("sns:Receive", "sns:Publish"))));
        }

        // ---- Resource and NotResource ------------------------------------------------------------------------------

        [Theory]
        [InlineData("\"arn:aws:sns:us-east-1:123456789012:alerts\"", PolicyDecision.Allowed)]
        [InlineData("\"arn:aws:sns:*:123456789012:*\"", PolicyDecision.Allowed)]
        [InlineData("\"arn:aws:sns:us-east-1:123456789012:al?rts\"", PolicyDecision.Allowed)]
        [InlineData("\"*\"", PolicyDecision.Allowed)]
        [InlineData("\"arn:aws:sns:us-east-1:123456789012:Alerts\"", PolicyDecision.NotAllowed)]
        [InlineData("\"arn:aws:sns:us-east-1:123456789012:other\"", PolicyDecision.NotAllowed)]
        [InlineData("\"arn:aws:sns:us-east-1:*\"", PolicyDecision.Unverifiable)]
        public void Resources_match_per_ARN_component_case_sensitively(string resource, PolicyDecision expected) =>
            Assert.Equal(expected, Decide(Policy(Allow(resource: resource))));

        [Fact]
        public void A_deny_on_NotResource_naming_the_topic_does_not_apply_to_it()
        {
            var notResource = "{\"Sid\":\"D\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sns:*\",\"NotResource\":\"" + Topic + "\"}";
            Assert.Equal(PolicyDecision.Allowed, Decide(Policy(Allow(), notResource)));
        }

        // ---- Conditions --------------------------------------------------------------------------------------------

        [Theory]
        [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:events:us-east-1:123456789012:rule/*\"}}", PolicyDecision.Allowed)]
        [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:events:*:123456789012:rule/root-*\"}}", PolicyDecision.Allowed)]
        [InlineData("{\"ArnEquals\":{\"aws:SourceArn\":\"arn:aws:events:*:*:rule/root-signin\"}}", PolicyDecision.Allowed)]
        [InlineData("{\"ArnLike\":{\"aws:SourceArn\":\"arn:aws:events:us-east-1:999999999999:rule/*\"}}", PolicyDecision.NotAllowed)]
        [InlineData("{\"ArnEquals\":{\"aws:SourceArn\":[\"arn:aws:events:us-east-1:123456789012:rule/other\",\"arn:aws:events:us-east-1:123456789012:rule/root-signin\"]}}", PolicyDecision.Allowed)]
        [InlineData("{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}", PolicyDecision.Allowed)]
        [InlineData("{\"StringEquals\":{\"aws:SourceAccount\":123456789012}}", PolicyDecision.Allowed)]
        [InlineData("{\"StringEquals\":{\"aws:SourceAccount\":\"999999999999\"}}", PolicyDecision.NotAllowed)]
        [InlineData("{\"StringLike\":{\"aws:SourceArn\":\"arn:aws:events:*:rule/root-*\"}}", PolicyDecision.Allowed)]
        [InlineData("{\"StringNotEquals\":{\"aws:SourceAccount\":\"999999999999\"}}", PolicyDecision.Allowed)]
        [InlineData("{\"StringNotEquals\":{\"aws:SourceAccount\":\"123456789012\"}}", PolicyDecision.NotAllowed)]
        [InlineData("{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:events:us-east-1:123456789012:rule/root-signin\"}}", PolicyDecision.NotAllowed)]
        [InlineData("{\"ArnEquals\":{\"aws:SourceArn\":\"" + Rule + "\"},\"StringEquals\":{\"aws:SourceAccount\":\"999999999999\"}}", PolicyDecision.NotAllowed)]
        [InlineData("{\"Null\":{\"aws:SourceArn\":\"false\"}}", PolicyDecision.Allowed)]
        [InlineData("{\"Null\":{\"aws:SourceArn\":\"true\"}}", PolicyDecision.NotAllowed)]
        public void Conditions_on_the_source_are_evaluated(string condition, PolicyDecision expected) =>
            Assert.Equal(expected, Decide(Policy(Allow(condition: condition))));

        [Fact]
        public void Condition_key_names_are_case_insensitive_and_operators_on_a_missing_key_follow_IAM()
        {
            // EventBridge sends no aws:SourceOwner: a positive operator on it is false, its IfExists form and a negated one true.
            Assert.Equal(PolicyDecision.NotAllowed, Decide(Policy(Allow(principal: "{\"AWS\":\"*\"}", condition: "{\"StringEquals\":{\"AWS:SourceOwner\":\"123456789012\"}}"))));
            Assert.Equal(PolicyDecision.Allowed, Decide(Policy(Allow(condition: "{\"StringEqualsIfExists\":{\"aws:SourceOwner\":\"123456789012\"}}"))));
            Assert.Equal(PolicyDecision.Allowed, Decide(Policy(Allow(condition: "{\"StringNotEquals\":{\"aws:SourceOwner\":\"999999999999\"}}"))));
        }

        [Fact]
        public void The_SNS_default_statement_lets_a_same_account_alarm_publish_but_not_EventBridge()
        {
            var owner = Allow(principal: "{\"AWS\":\"*\"}", action: "[\"SNS:GetTopicAttributes\",\"SNS:Publish\"]",
                condition: "{\"StringEquals\":{\"AWS:SourceOwner\":\"" + Account + "\"}}", sid: "__default_statement_ID");
            Assert.Equal(PolicyDecision.Allowed, Decide(Policy(owner), AlarmPublish()));
            Assert.Equal(PolicyDecision.NotAllowed, Decide(Policy(owner), EventsPublish()));
        }

        [Theory]
        [InlineData("{\"StringEquals\":{\"aws:PrincipalOrgID\":\"o-abc\"}}")]
        [InlineData("{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/8\"}}")]
        [InlineData("{\"NumericLessThan\":{\"aws:SourceAccount\":\"5\"}}")]
        [InlineData("{\"ForAnyValue:StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}")]
        [InlineData("{\"StringEquals\":{\"aws:SourceAccount\":\"${aws:PrincipalAccount}\"}}")]
        public void An_allow_on_a_condition_it_cannot_prove_is_unverifiable_never_allowed(string condition)
        {
            var result = ResourcePolicyEvaluator.Evaluate(Policy(Allow(condition: condition)), EventsPublish());
            Assert.Equal(PolicyDecision.Unverifiable, result.Decision);
            Assert.Contains("cannot verify", result.Reason);
        }

        [Fact]
        public void A_deny_that_may_apply_makes_an_allow_unverifiable()
        {
            var result = ResourcePolicyEvaluator.Evaluate(
                Policy(Allow(), Deny(condition: "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}", sid: "TlsOnly")), EventsPublish());
            Assert.Equal(PolicyDecision.Unverifiable, result.Decision);
            Assert.Contains("'TlsOnly' may deny", result.Reason);
        }

        [Fact]
        public void A_deny_that_may_apply_does_not_matter_when_nothing_allows() =>
            Assert.Equal(PolicyDecision.NotAllowed, Decide(Policy(Deny(condition: "{\"Bool\":{\"aws:SecureTransport\":\"false\"}}"))));

        [Fact]
        public void A_deny_whose_condition_is_false_for_the_request_does_not_apply_and_one_whose_condition_holds_does()
        {
            var denyOtherAccounts = Deny(condition: "{\"StringNotEqualsIfExists\":{\"aws:SourceAccount\":\"" + Account + "\"}}");
            Assert.Equal(PolicyDecision.Allowed, Decide(Policy(Allow(), denyOtherAccounts)));
            var denyOtherRules = Deny(condition: "{\"ArnNotEquals\":{\"aws:SourceArn\":\"arn:aws:events:us-east-1:123456789012:rule/other\"}}");
            Assert.Equal(PolicyDecision.Denied, Decide(Policy(Allow(), denyOtherRules)));
        }

        // ---- KMS key policies --------------------------------------------------------------------------------------

        private const string Key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";

        [Fact]
        public void The_default_key_policy_lets_no_service_use_the_key()
        {
            const string policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}""";
            Assert.Equal(PolicyDecision.NotAllowed, MonitorDeliveryRequests.EvaluateKeyPolicy(policy, CloudWatch, Key).Decision);
        }

        [Theory]
        [InlineData("[\"kms:GenerateDataKey*\",\"kms:Decrypt\"]", PolicyDecision.Allowed)]
        [InlineData("[\"kms:GenerateDataKey\",\"kms:Decrypt\"]", PolicyDecision.Allowed)]
        [InlineData("\"kms:*\"", PolicyDecision.Allowed)]
        [InlineData("\"kms:Decrypt\"", PolicyDecision.NotAllowed)]
        [InlineData("[\"kms:GenerateDataKeyWithoutPlaintext\",\"kms:Decrypt\"]", PolicyDecision.NotAllowed)]
        public void The_service_needs_a_data_key_and_decrypt(string actions, PolicyDecision expected)
        {
            var policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudwatch.amazonaws.com\"},\"Action\":" + actions + ",\"Resource\":\"*\"}]}";
            Assert.Equal(expected, MonitorDeliveryRequests.EvaluateKeyPolicy(policy, CloudWatch, Key).Decision);
        }

        [Fact]
        public void A_key_statement_conditioned_on_the_source_cannot_be_verified()
        {
            var policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"cloudwatch.amazonaws.com\"},\"Action\":[\"kms:GenerateDataKey*\",\"kms:Decrypt\"],\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:SourceAccount\":\"123456789012\"}}}]}";
            Assert.Equal(PolicyDecision.Unverifiable, MonitorDeliveryRequests.EvaluateKeyPolicy(policy, CloudWatch, Key).Decision);
        }

        [Fact]
        public void A_deny_on_the_key_for_the_service_wins()
        {
            var policy = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Effect\":\"Deny\",\"Principal\":{\"Service\":\"events.amazonaws.com\"},\"Action\":\"kms:Decrypt\",\"Resource\":\"*\"}]}";
            var result = MonitorDeliveryRequests.EvaluateKeyPolicy(policy, Events, Key);
            Assert.Equal(PolicyDecision.Denied, result.Decision);
            Assert.Contains("kms:Decrypt", result.Reason);
        }
    }
}
