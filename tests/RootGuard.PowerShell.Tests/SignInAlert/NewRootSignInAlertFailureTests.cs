using System.Linq;
using System.Management.Automation;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;
using static RootGuard.PowerShell.Tests.SignInAlert.SignInAlertScenario;

namespace RootGuard.PowerShell.Tests.SignInAlert
{
    /// <summary>New-RootSignInAlert when it must not go on: bad input, and AWS failing part-way.</summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class NewRootSignInAlertFailureTests
    {
        private const string Run = "New-RootSignInAlert @aws -EmailAddress security@example.com, oncall@example.com -Confirm:$false";
        private readonly ModuleBackend backend;

        public NewRootSignInAlertFailureTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        // service, operation, AWS error code, words of the step the error must name, permission it must name
        public static TheoryData<string, string, string, string, string> FreshAccountSteps() => new()
        {
            { "sns", "CreateTopic", "AuthorizationError", "Create SNS topic", "sns:CreateTopic" },
            { "events", "PutRule", "AccessDeniedException", "Create EventBridge rule", "events:PutRule" },
            { "events", "PutTargets", "AccessDeniedException", "Add target RootGuard-SNS", "events:PutTargets" },
            { "sns", "Subscribe", "AuthorizationError", "Subscribe security@example.com", "sns:Subscribe" },
        };

        [Theory]
        [MemberData(nameof(FreshAccountSteps))]
        public void A_fault_at_each_mutating_step_leaves_the_account_as_it_was_and_the_error_names_the_step(
            string service, string operation, string code, string step, string permission)
        {
            var before = Snapshot(backend);
            backend.Handler.On(service, operation).Fail(code, service == "sns" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest).Times(1);
            using var session = backend.NewSession();

            var result = session.Run(Run);

            var error = result.SingleError();
            Assert.Contains(step, error.Exception.Message);
            Assert.Contains(code, error.Exception.Message);
            Assert.Equal(ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains(permission, error.ErrorDetails.RecommendedAction);
            Assert.Empty(result.Output);
            Assert.Equal(before, Snapshot(backend));
        }

        public static TheoryData<string, string, string> ExistingTopicSteps() => new()
        {
            { "sns", "SetTopicAttributes", "policy statement" },
            { "events", "PutRule", "Create EventBridge rule" },
            { "events", "PutTargets", "Add target RootGuard-SNS" },
            { "sns", "Subscribe", "Subscribe oncall@example.com" },
        };

        [Theory]
        [MemberData(nameof(ExistingTopicSteps))]
        public void A_fault_at_each_step_on_an_existing_topic_restores_its_policy_and_subscribers(string service, string operation, string step)
        {
            var topicArn = SeedTopicWithForeignPolicy(backend);
            var before = Snapshot(backend);
            // The second Subscribe fails, after the first one succeeded: that one must be withdrawn again.
            var fault = service == "sns"
                ? backend.Handler.On(service, operation).Fail("AuthorizationError", HttpStatusCode.Forbidden)
                : backend.Handler.On(service, operation).Fail("AccessDeniedException");
            if (operation == "Subscribe")
            {
                fault.AfterFirst(1);
            }

            using var session = backend.NewSession();
            var result = session.Run($"New-RootSignInAlert @aws -TopicArn {topicArn} -EmailAddress security@example.com, oncall@example.com -Confirm:$false");

            var error = result.SingleError();
            Assert.Contains(step, error.Exception.Message);
            Assert.Equal(before, Snapshot(backend));
            // The undo calls (SetTopicAttributes back, Unsubscribe, RemoveTargets, DeleteRule) are well-formed too.
            Assert.All(backend.Handler.Calls, call => Assert.Empty(RootGuard.Testing.ServiceModelContract.Check(call)));
        }

        // arguments, error id, parameter
        public static TheoryData<string, string, string> BadInput() => new()
        {
            { "-EmailAddress 'security at example.com'", "RootGuard.InvalidEmailAddress", "EmailAddress" },
            { "-EmailAddress security@example.com -Name " + new string('n', 65), "RootGuard.InvalidName", "Name" },
            { "-EmailAddress security@example.com -Region eu-west-1", "RootGuard.NotHomeRegion", "Region" },
            { "-EmailAddress security@example.com -KmsMasterKeyId alias/aws/sns", "RootGuard.AwsManagedKmsKey", "KmsMasterKeyId" },
            { "-EmailAddress security@example.com -KmsMasterKeyId arn:aws:kms:us-east-1:123456789012:alias/aws/sns", "RootGuard.AwsManagedKmsKey", "KmsMasterKeyId" },
            { "-EmailAddress security@example.com -Tag @{ ManagedBy = 'me' }", "RootGuard.ReservedTagKey", "Tag" },
            { "-TopicArn arn:aws:sns:eu-west-1:123456789012:elsewhere", "RootGuard.InvalidTopicArn", "TopicArn" },
        };

        [Theory]
        [MemberData(nameof(BadInput))]
        public void Bad_input_is_a_clear_error_naming_the_parameter_and_no_call_is_made(string arguments, string errorId, string parameter)
        {
            using var session = backend.NewSession();
            // @aws carries -Region us-east-1; a test that gives its own region takes it out first.
            var splat = arguments.Contains("-Region") ? "$aws.Remove('Region'); " : string.Empty;

            var result = session.Run($"{splat}New-RootSignInAlert @aws {arguments} -Confirm:$false");

            var error = result.SingleError();
            Assert.Equal(errorId, ScriptResult.ErrorIdOf(error));
            Assert.Equal(ErrorCategory.InvalidArgument, error.CategoryInfo.Category);
            Assert.Equal(parameter, error.CategoryInfo.TargetName);
            Assert.Contains("-" + parameter, error.ErrorDetails.Message);
            Assert.False(string.IsNullOrEmpty(error.ErrorDetails.RecommendedAction));
            Assert.Empty(backend.Handler.Calls);
        }

        [Fact]
        public void A_rule_of_the_same_name_that_RootGuard_did_not_make_is_left_alone()
        {
            backend.Seeder.PutRuleWithTarget("RootGuard-RootSignIn", "{\"source\":[\"aws.ec2\"]}", "arn:aws:sns:us-east-1:123456789012:other", "other");
            var before = Snapshot(backend);
            using var session = backend.NewSession();

            var error = session.Run(Run).SingleError();

            Assert.Equal("RootGuard.RuleNotManaged", ScriptResult.ErrorIdOf(error));
            Assert.Empty(backend.Handler.MutatingCalls);
            Assert.Equal(before, Snapshot(backend));
        }
    }
}
