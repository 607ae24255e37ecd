using System.Collections.Generic;
using RootGuard.Core.NotificationTopic;
using Xunit;

namespace RootGuard.Core.Tests.NotificationTopic
{
    /// <summary>
    /// A subscription filter policy against an alert EventBridge or CloudWatch publishes, which carries no message
    /// attributes: SNS accepts a message only when each property of an attribute-scope policy names one of its attributes,
    /// and {"exists": false} needs at least one other attribute (SNS developer guide, "Subscription filter policies",
    /// "Key matching").
    /// </summary>
    public sealed class FilterPolicyJudgementTests
    {
        [Theory]
        [InlineData(null, null)]
        [InlineData("", null)]
        [InlineData("  ", "MessageAttributes")]
        [InlineData("{}", null)]
        [InlineData("{}", "MessageBody")]
        public void No_filter_policy_or_an_empty_one_delivers(string? policy, string? scope) =>
            Assert.Equal(FilterDelivery.Delivers, FilterPolicyJudgement.Judge(policy, scope).Delivery);

        [Theory]
        [InlineData("{\"severity\": [\"high\"]}")]                                        // exact string
        [InlineData("{\"count\": [5]}")]                                                    // exact number
        [InlineData("{\"flag\": [true, null]}")]                                            // keywords
        [InlineData("{\"severity\": [{\"anything-but\": [\"low\"]}]}")]                     // anything-but
        [InlineData("{\"severity\": [{\"anything-but\": {\"prefix\": \"lo\"}}]}")]
        [InlineData("{\"source\": [{\"prefix\": \"aws.\"}]}")]                              // prefix
        [InlineData("{\"source\": [{\"suffix\": \".signin\"}]}")]                           // suffix
        [InlineData("{\"source\": [{\"equals-ignore-case\": \"AWS.SIGNIN\"}]}")]            // equals-ignore-case
        [InlineData("{\"source\": [{\"wildcard\": \"aws.*\"}]}")]                           // wildcard
        [InlineData("{\"price\": [{\"numeric\": [\">\", 0, \"<=\", 100]}]}")]               // numeric
        [InlineData("{\"ip\": [{\"cidr\": \"10.0.0.0/24\"}]}")]                             // cidr
        [InlineData("{\"store\": [{\"exists\": true}]}")]                                   // exists: true
        [InlineData("{\"store\": [{\"exists\": false}]}")]                                  // exists: false needs another attribute
        [InlineData("{\"store\": [{\"exists\": false}], \"other\": [{\"exists\": false}]}")]
        [InlineData("{\"a\": [\"x\"], \"b\": [{\"exists\": false}]}")]                      // AND of properties
        public void Every_operator_in_scope_MessageAttributes_drops_an_alert_without_attributes(string policy)
        {
            Assert.Equal(FilterDelivery.Drops, FilterPolicyJudgement.Judge(policy, null).Delivery);
            Assert.Equal(FilterDelivery.Drops, FilterPolicyJudgement.Judge(policy, "MessageAttributes").Delivery);
        }

        [Fact]
        public void An_or_policy_drops_it_too_since_every_branch_names_an_attribute()
        {
            var judgement = FilterPolicyJudgement.Judge(
                "{\"source\": [\"aws.signin\"], \"$or\": [{\"severity\": [\"high\"]}, {\"store\": [{\"exists\": false}]}]}", null);
            Assert.Equal(FilterDelivery.Drops, judgement.Delivery);
            Assert.Contains("source, severity, store", judgement.Reason);
        }

        [Fact]
        public void The_reason_names_the_attributes_and_why_exists_false_does_not_help()
        {
            var judgement = FilterPolicyJudgement.Judge("{\"store\": [{\"exists\": false}]}", null);
            Assert.Contains("needs message attribute(s) store", judgement.Reason);
            Assert.Contains("at least one other attribute", judgement.Reason);
            Assert.DoesNotContain("at least one other attribute", FilterPolicyJudgement.Judge("{\"store\": [\"x\"]}", null).Reason);
        }

        [Theory]
        [InlineData("{\"detail\": {\"userIdentity\": {\"type\": [\"Root\"]}}}")]
        [InlineData("{\"AlarmName\": [{\"prefix\": \"RootGuard\"}]}")]
        [InlineData("{\"store\": [{\"exists\": false}]}")]
        public void A_policy_on_the_message_body_is_not_verifiable(string policy)
        {
            var judgement = FilterPolicyJudgement.Judge(policy, "MessageBody");
            Assert.Equal(FilterDelivery.NotVerifiable, judgement.Delivery);
            Assert.Contains("message body", judgement.Reason);
        }

        [Theory]
        [InlineData("{not json", "not valid JSON")]
        [InlineData("[\"a\"]", "not a JSON object")]
        [InlineData("\"text\"", "not a JSON object")]
        [InlineData("{\"a\": \"x\"}", "something other than a list")]
        [InlineData("{\"a\": []}", "something other than a list")]
        [InlineData("{\"a\": {\"b\": [\"x\"]}}", "nested policy")]
        [InlineData("{\"a\": [[\"x\"]]}", "nested list")]
        [InlineData("{\"a\": [{\"regex\": \"x.*\"}]}", "operator 'regex'")]
        [InlineData("{\"a\": [{\"prefix\": \"x\", \"suffix\": \"y\"}]}", "several operators")]
        [InlineData("{\"$or\": [{}, {\"a\": [\"x\"]}]}", "empty $or branch")]
        [InlineData("{\"$or\": [{\"a\": [{\"shiny\": 1}]}, {\"b\": [\"x\"]}]}", "operator 'shiny'")]
        public void A_malformed_policy_or_an_unknown_operator_is_not_verifiable_never_a_drop(string policy, string why)
        {
            var judgement = FilterPolicyJudgement.Judge(policy, null);
            Assert.Equal(FilterDelivery.NotVerifiable, judgement.Delivery);
            Assert.Contains(why, judgement.Reason);
        }

        [Fact]
        public void An_unknown_scope_is_not_verifiable() =>
            Assert.Equal(FilterDelivery.NotVerifiable, FilterPolicyJudgement.Judge("{\"a\": [\"x\"]}", "MessageHeaders").Delivery);

        [Fact]
        public void Subscription_attributes_are_read_by_their_AWS_names()
        {
            Assert.Equal(FilterDelivery.Delivers, FilterPolicyJudgement.Of(new Dictionary<string, string> { ["Protocol"] = "email" }).Delivery);
            Assert.Equal(FilterDelivery.Drops, FilterPolicyJudgement.Of(new Dictionary<string, string> { ["FilterPolicy"] = "{\"a\": [\"x\"]}" }).Delivery);
            Assert.Equal(FilterDelivery.NotVerifiable, FilterPolicyJudgement.Of(new Dictionary<string, string>
            {
                ["FilterPolicy"] = "{\"a\": [\"x\"]}", ["FilterPolicyScope"] = "MessageBody",
            }).Delivery);
        }
    }
}
