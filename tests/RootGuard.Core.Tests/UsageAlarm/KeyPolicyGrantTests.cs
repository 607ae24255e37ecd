using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Tests.Aws;
using RootGuard.Core.UsageAlarm;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.UsageAlarm
{
    public sealed class KeyPolicyGrantTests
    {
        private const string Principal = "cloudwatch.amazonaws.com";

        [Fact]
        public void The_default_key_policy_grants_CloudWatch_nothing()
        {
            const string policy = """{"Version":"2012-10-17","Statement":[{"Sid":"Enable IAM User Permissions","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"kms:*","Resource":"*"}]}""";
            Assert.Equal(new[] { "kms:GenerateDataKey*", "kms:Decrypt" }, KeyPolicyGrant.MissingActions(policy, Principal));
        }

        [Fact]
        public void A_statement_for_the_service_with_both_actions_is_enough()
        {
            const string policy = """{"Statement":{"Effect":"Allow","Principal":{"Service":["events.amazonaws.com","cloudwatch.amazonaws.com"]},"Action":["kms:GenerateDataKey*","kms:Decrypt"],"Resource":"*"}}""";
            Assert.Empty(KeyPolicyGrant.MissingActions(policy, Principal));
        }

        [Fact]
        public void A_grant_for_another_service_or_a_deny_does_not_count()
        {
            const string policy = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"events.amazonaws.com"},"Action":"kms:*","Resource":"*"},{"Effect":"Deny","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"kms:*","Resource":"*"}]}""";
            Assert.Equal(2, KeyPolicyGrant.MissingActions(policy, Principal).Count);
        }

        [Fact]
        public void Decrypt_alone_leaves_GenerateDataKey_missing()
        {
            const string policy = """{"Statement":[{"Effect":"Allow","Principal":{"Service":"cloudwatch.amazonaws.com"},"Action":"kms:Decrypt","Resource":"*"}]}""";
            Assert.Equal(new[] { "kms:GenerateDataKey*" }, KeyPolicyGrant.MissingActions(policy, Principal));
        }

        [Fact]
        public void A_grant_to_any_principal_covers_the_service()
        {
            const string policy = """{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}""";
            Assert.Empty(KeyPolicyGrant.MissingActions(policy, Principal));
        }
    
        [Fact]
        public async Task A_key_given_with_KmsMasterKeyId_that_does_not_exist_is_an_error_before_anything_is_made()
        {
            using var handler = TestClients.Offline();
            handler.Stub("kms", "DescribeKey", StubResponse.Error("NotFoundException", HttpStatusCode.BadRequest, "Alias arn:aws:kms:us-east-1:123456789012:alias/missing is not found."));
            using var factory = TestClients.ForStubs(handler);

            var e = await Assert.ThrowsAsync<RootGuardException>(() =>
                KeyPolicyGrant.CheckAsync(factory.CreateKms(), "alias/missing", new[] { Principal }, keyRequested: true, CancellationToken.None));

            Assert.Equal(ErrorIds.KmsKeyNotFound, e.ErrorId);
            Assert.Equal(FailureKind.NotFound, e.Kind);
            Assert.Equal("KmsMasterKeyId", e.Target);
            // The key of a topic that already exists is the topic's business: a warning, not a refusal.
            var warning = await KeyPolicyGrant.CheckAsync(factory.CreateKms(), "alias/missing", new[] { Principal }, keyRequested: false, CancellationToken.None);
            Assert.Contains("could not be checked", warning);
        }
    }
}
