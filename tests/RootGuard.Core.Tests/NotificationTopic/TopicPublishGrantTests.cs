using System.Linq;
using RootGuard.Core.Monitoring;
using RootGuard.Core.NotificationTopic;
using Xunit;

namespace RootGuard.Core.Tests.NotificationTopic
{
    /// <summary>Which statements of RootGuard's own topic let someone else publish (and so keep the topic on removal).</summary>
    public sealed class TopicPublishGrantTests
    {
        private const string Account = "123456789012";
        private const string Topic = "arn:aws:sns:us-east-1:123456789012:RootGuard-RootSignIn";

        private static string[] Foreign(string statements) =>
            RootGuardInventoryReader.ForeignPublishers("{\"Version\":\"2012-10-17\",\"Statement\":[" + statements + "]}", Account).Select(g => g.ToString()).ToArray();

        private static string Default(string owner) => TopicPolicyDocument.OwnerDefaultStatement(Topic, owner).ToJsonString();

        [Fact]
        public void The_owner_default_statement_and_RootGuards_own_statements_let_no_one_else_publish()
        {
            var own = TopicPolicyDocument.ServicePublishStatement("RootGuardSignInAlertRootGuardRootSignIn", "events.amazonaws.com", Topic,
                "arn:aws:events:us-east-1:123456789012:rule/RootGuard-RootSignIn").ToJsonString();

            Assert.Empty(Foreign(Default(Account) + "," + own));
        }

        [Fact]
        public void A_default_statement_someone_rewrote_for_another_account_counts()
        {
            Assert.Equal(new[] { "statement '__default_statement_ID' (*)" }, Foreign(Default("210987654321")));
        }

        [Fact]
        public void Statements_without_Sid_with_a_wildcard_action_or_a_NotAction_that_admits_Publish_count_and_a_Deny_or_Subscribe_does_not()
        {
            var found = Foreign("""
{"Effect":"Allow","Principal":"*","Action":"sns:*","Resource":"*"},
{"Sid":"Everything","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::210987654321:root"},"NotAction":"sns:DeleteTopic","Resource":"*"},
{"Sid":"NoPublish","Effect":"Allow","Principal":{"AWS":"*"},"NotAction":["sns:Publish"],"Resource":"*"},
{"Sid":"Deny","Effect":"Deny","Principal":"*","Action":"sns:Publish","Resource":"*"},
{"Sid":"Subscribe","Effect":"Allow","Principal":"*","Action":["SNS:Subscribe"],"Resource":"*"},
{"Sid":"RootGuardReadOnly","Effect":"Allow","Principal":{"Service":"s3.amazonaws.com"},"Action":"SNS:Publish","Resource":"*"}
""");

            Assert.Equal(new[]
            {
                "a statement without Sid (*)",
                "statement 'Everything' (arn:aws:iam::210987654321:root)",
                // Only RootGuardSignInAlert… and RootGuardUsageAlarm… are RootGuard's.
                "statement 'RootGuardReadOnly' (s3.amazonaws.com)",
            }, found);
        }

        [Fact]
        public void A_policy_that_is_not_JSON_may_let_anyone_publish()
        {
            var grant = Assert.Single(RootGuardInventoryReader.ForeignPublishers("not json", Account));
            Assert.True(grant.Unreadable);
        }
    }
}
