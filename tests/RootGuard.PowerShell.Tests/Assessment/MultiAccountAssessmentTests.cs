using System.Linq;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
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

        // Typed without quotes, PowerShell parses it as the number 12345678901.
        private const string ZeroLed = "012345678901";

        public MultiAccountAssessmentTests(ModuleBackend backend) : base(backend)
        {
        }

        // A sign-in alert (and the trail it needs) in one member account only, made with that account's own assumed-role credentials.
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
# Console sign-ins reach EventBridge only through a logging trail.
member("s3").create_bucket(Bucket=f"trail-{ARGS['account']}")
ct = member("cloudtrail")
ct.create_trail(Name="management-events", S3BucketName=f"trail-{ARGS['account']}", IsMultiRegionTrail=True)
ct.start_logging(Name="management-events")
""", new { account = accountId });

        [Fact]
        public void Each_account_is_assessed_in_its_own_assumed_role_session()
        {
            SeedAlertIn(AccountWithAlert);

            var result = Assess($"-CheckId RG.ROOT.5 -AccountId {AccountWithAlert}, {AccountWithout} -ThrottleLimit 2");

            Assert.True(result.Errors.Count == 0, result.Describe());
            // Written as each account completes, so in completion order: compared by account.
            var findings = result.Output.Select(f => (Account: (string)f.Properties["AccountId"].Value, Status: Status(f))).OrderBy(f => f.Account).ToList();
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
        public void With_40_piped_ids_at_ThrottleLimit_2_the_first_finding_is_written_before_the_third_account_is_started()
        {
            var ids = Enumerable.Range(1, 40).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            using var session = Backend.NewSession();
            session.SetVariable("ids", ids);
            session.SetVariable("handler", Backend.Handler);

            // Each finding, as the next command receives it, notes how many accounts had been started (one AssumeRole each)
            // and how many AWS calls had been made by then: an ordering of events, not a stopwatch.
            var result = session.Run("""
$ids | Test-RootAccountSecurity @aws -CheckId RG.ROOT.7 -ThrottleLimit 2 | ForEach-Object {
    [pscustomobject]@{ AccountId = $_.AccountId; AccountsStarted = $handler.CallsTo('sts', 'AssumeRole').Count; CallsSoFar = $handler.Calls.Count }
}
""");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal(ids.OrderBy(i => i), result.Output.Select(o => (string)o.Properties["AccountId"].Value).OrderBy(i => i));
            var first = result.Output[0];
            // Streamed: the first account's finding reached the pipeline while at most ThrottleLimit accounts had been
            // started; a run that kept every report until the end would have started all 40 by then.
            Assert.InRange((int)first.Properties["AccountsStarted"].Value, 1, 2);
            Assert.Equal(40, Backend.Handler.CallsTo("sts", "AssumeRole").Count);
            Assert.True((int)first.Properties["CallsSoFar"].Value * 5 < Backend.Handler.Calls.Count,
                $"first finding after {first.Properties["CallsSoFar"].Value} of {Backend.Handler.Calls.Count} calls");
            // And the accounts kept being started as findings were written, never more than two ahead.
            Assert.All(result.Output.Select((o, i) => (Index: i, Started: (int)o.Properties["AccountsStarted"].Value)),
                o => Assert.True(o.Started <= o.Index + 2, $"finding {o.Index}: {o.Started} accounts started"));
        }

        [Fact]
        public void Ctrl_C_cancels_the_accounts_in_flight_and_starts_no_other()
        {
            var ids = Enumerable.Range(1, 10).Select(i => (100000000000L + i).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            // Every member's read hangs far longer than any test: only cancellation can end it.
            Backend.Handler.On("account", "GetAlternateContact").Delay(System.TimeSpan.FromMinutes(10));
            using var session = Backend.NewSession();
            session.SetVariable("ids", ids);

            var stopped = session.RunAndStop("Test-RootAccountSecurity @aws -CheckId RG.ROOT.7 -ThrottleLimit 2 -AccountId $ids",
                () => Backend.Handler.CallsTo("account", "GetAlternateContact").Count == 2);

            Assert.True(stopped, "the run ended before it was stopped");
            // Stop returned while both reads were still held: they were cancelled, not waited for, and no third account began.
            var reads = Backend.Handler.CallsTo("account", "GetAlternateContact");
            Assert.Equal(2, reads.Count);
            Assert.All(reads, r => Assert.Equal(CallOutcome.Pending, r.Outcome));
            Assert.Equal(2, Backend.Handler.CallsTo("sts", "AssumeRole").Count);
        }

        [Fact]
        public void An_account_id_typed_without_quotes_keeps_its_leading_zero()
        {
            SeedAlertIn(ZeroLed);

            var result = Assess($"-CheckId RG.ROOT.5 -AccountId {ZeroLed}");

            Assert.True(result.Errors.Count == 0, result.Describe());
            var finding = Assert.Single(result.Output);
            // Pass: the alert seeded in that account was found, so the session was the zero-led account's.
            Assert.Equal((ZeroLed, "Pass"), ((string)finding.Properties["AccountId"].Value, Status(finding)));
            Assert.Contains(Backend.Handler.CallsTo("sts", "AssumeRole"), c => c.RequestBody.Contains("012345678901"));
        }

        [Fact]
        public void Unquoted_ids_in_a_list_or_piped_keep_their_zero_and_piped_objects_still_bind_by_Id_or_AccountId()
        {
            SeedAlertIn(ZeroLed);
            using var session = Backend.NewSession();

            var list = session.Run($"Test-RootAccountSecurity @aws -CheckId RG.ROOT.5 -AccountId {ZeroLed}, {AccountWithout}");
            var piped = session.Run($"{ZeroLed}, [pscustomobject]@{{ Id = '{AccountWithout}' }} | Test-RootAccountSecurity @aws -CheckId RG.ROOT.5");
            var byProperty = session.Run($"[pscustomobject]@{{ AccountId = {ZeroLed} }} | Test-RootAccountSecurity @aws -CheckId RG.ROOT.5");

            var expected = new[] { (ZeroLed, "Pass"), (AccountWithout, "Fail") };
            Assert.Equal(expected, Findings(list));
            Assert.Equal(expected, Findings(piped));
            Assert.Equal(new[] { (ZeroLed, "Pass") }, Findings(byProperty));
        }

        private static (string, string)[] Findings(ScriptResult result)
        {
            Assert.True(result.Errors.Count == 0, result.Describe());
            return result.Output.Select(f => ((string)f.Properties["AccountId"].Value, Status(f))).OrderBy(f => f.Item1).ToArray();
        }

        [Theory]
        [InlineData("-123456789012")]
        [InlineData("1234567890123")]
        [InlineData("12345678901.5")]
        public void A_number_that_is_no_account_id_is_refused_by_the_pattern_before_any_call(string number)
        {
            Backend.Handler.ClearWhenQuiet();
            var result = Assess("-AccountId " + number);

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("ParameterArgumentValidationError", error.FullyQualifiedErrorId);
            Assert.Equal(System.Management.Automation.ErrorCategory.InvalidData, error.CategoryInfo.Category);
            Assert.Empty(Backend.Handler.Calls);
        }

        [Fact]
        public void A_malformed_account_id_is_refused_before_any_call()
        {
            Backend.Handler.ClearWhenQuiet();
            // Quoted: an unquoted whole number is taken as an id that lost its leading zeros and padded to twelve digits.
            var result = Assess("-AccountId '12345'");

            Assert.Contains("ParameterArgumentValidationError", Assert.Single(result.Errors).FullyQualifiedErrorId);
            Assert.Empty(Backend.Handler.Calls);
        }
    }
}
