using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Assessment
{
    /// <summary>
    /// Test-RootAccountSecurity -AccountId: each account assessed in its own assumed-role session (moto keeps a separate
    /// state per account id, and AssumeRole credentials act in the role's account).
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class MultiAccountAssessmentTests : AssessmentTestBase
    {
        private const string AccountWithAlert = "111111111111";
        private const string AccountWithout = "222222222222";

        public MultiAccountAssessmentTests(ModuleBackend backend) : base(backend)
        {
        }

        // A sign-in alert in one member account only, made with that account's own assumed-role credentials.
        private void SeedAlertIn(string accountId) => Backend.Seeder.RunBoto3("""
import json, os, boto3
creds = client("sts").assume_role(RoleArn=f"arn:aws:iam::{ARGS['account']}:role/OrganizationAccountAccessRole", RoleSessionName="seed")["Credentials"]
member = lambda name: boto3.client(name, region_name="us-east-1", endpoint_url=os.environ["ROOTGUARD_MOTO_ENDPOINT"],
    aws_access_key_id=creds["AccessKeyId"], aws_secret_access_key=creds["SecretAccessKey"], aws_session_token=creds["SessionToken"])
sns, ev = member("sns"), member("events")
topic = sns.create_topic(Name="alerts")["TopicArn"]
rule = ev.put_rule(Name="root-sign-in", EventPattern=json.dumps({"detail-type": ["AWS Console Sign In via CloudTrail"], "detail": {"userIdentity": {"type": ["Root"]}}}), State="ENABLED")["RuleArn"]
ev.put_targets(Rule="root-sign-in", Targets=[{"Id": "sns", "Arn": topic}])
policy = {"Version": "2012-10-17", "Statement": [{"Sid": "events", "Effect": "Allow", "Principal": {"Service": "events.amazonaws.com"}, "Action": "sns:Publish", "Resource": topic}]}
sns.set_topic_attributes(TopicArn=topic, AttributeName="Policy", AttributeValue=json.dumps(policy))
sns.subscribe(TopicArn=topic, Protocol="email", Endpoint="security@example.com")
""", new { account = accountId });

        [Fact]
        public void Each_account_is_assessed_in_its_own_assumed_role_session_in_the_order_given()
        {
            SeedAlertIn(AccountWithAlert);

            var result = Assess($"-CheckId RG.ROOT.5 -AccountId {AccountWithAlert}, {AccountWithout} -ThrottleLimit 2");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var findings = result.Output.Select(f => (Account: (string)f.Properties["AccountId"].Value, Status: Status(f))).ToList();
            Assert.Equal(new[] { (AccountWithAlert, "Pass"), (AccountWithout, "Fail") }, findings);
            var assumed = Backend.Handler.CallsTo("sts", "AssumeRole").Select(c => c.RequestBody).ToList();
            Assert.Contains(assumed, b => b.Contains("111111111111") && b.Contains("OrganizationAccountAccessRole"));
            Assert.Contains(assumed, b => b.Contains("222222222222"));
        }

        [Fact]
        public void An_account_whose_role_cannot_be_assumed_is_one_error_record_and_the_others_are_still_assessed()
        {
            SeedAlertIn(AccountWithAlert);
            Backend.Handler.On("sts", "AssumeRole").Fail("AccessDenied", System.Net.HttpStatusCode.Forbidden, "not trusted").Times(1);

            var result = Assess($"-CheckId RG.ROOT.5 -AccountId {AccountWithout}, {AccountWithAlert} -ThrottleLimit 1");

            var error = Assert.Single(result.Errors);
            Assert.Equal("RootGuard.AssumeRoleFailed", ScriptResult.ErrorIdOf(error));
            Assert.Equal(System.Management.Automation.ErrorCategory.PermissionDenied, error.CategoryInfo.Category);
            Assert.Contains("222222222222", error.Exception.Message);
            var finding = Assert.Single(result.Output);
            Assert.Equal(AccountWithAlert, finding.Properties["AccountId"].Value);
            Assert.Equal("Pass", Status(finding));
        }

        [Fact]
        public void Quiet_across_accounts_is_true_only_when_every_account_passes()
        {
            SeedAlertIn(AccountWithAlert);
            var one = Assess($"-CheckId RG.ROOT.5 -AccountId {AccountWithAlert} -Quiet");
            var both = Assess($"-CheckId RG.ROOT.5 -AccountId {AccountWithAlert}, {AccountWithout} -Quiet");

            Assert.Equal(true, Assert.Single(one.Output).BaseObject);
            Assert.Equal(false, Assert.Single(both.Output).BaseObject);
        }

        [Fact]
        public void A_malformed_account_id_is_refused_before_any_call()
        {
            Backend.Handler.Clear();
            var result = Assess("-AccountId 12345");

            Assert.Contains("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Backend.Handler.Calls);
        }
    }
}
