using System.Linq;
using RootGuard.Core.Repair;
using Xunit;

namespace RootGuard.Core.Tests.Repair
{
    /// <summary>Which fix repairs which failed finding, in which account, or why none does.</summary>
    public sealed class RepairSelectionTests
    {
        private const string Management = "111111111111";
        private const string Member = "222222222222";
        private const string OtherMember = "333333333333";

        private static readonly CallerStanding FromManagement = new CallerStanding(Management, "aws", "o-example", Management, "ALL");
        private static readonly CallerStanding FromMember = new CallerStanding(Member, "aws", "o-example", Management, "ALL");
        private static readonly CallerStanding Standalone = new CallerStanding(Member, "aws", null, null, null);
        private static readonly RepairInputs Everything = new RepairInputs { HasSecurityContact = true, HasNotificationTarget = true };

        private static RepairDecision Single(CallerStanding caller, string account, params string[] checks) =>
            Assert.Single(RepairSelection.Decide(checks.Select(c => (account, c)), caller, Everything));

        [Fact]
        public void A_member_s_failed_credential_checks_are_one_root_credentials_fix_in_that_member()
        {
            var decision = Single(FromManagement, Member, "RG.ROOT.3", "RG.ROOT.1");

            Assert.Equal((Member, RootFix.RootCredentials, RepairDisposition.Fix), (decision.AccountId, decision.Fix, decision.Disposition));
            Assert.Equal(new[] { "RG.ROOT.1", "RG.ROOT.3" }, decision.CheckIds);
        }

        [Fact]
        public void The_management_account_s_root_credentials_are_refused_because_AssumeRoot_cannot_target_it()
        {
            var decision = Single(FromManagement, Management, "RG.ROOT.1");

            Assert.Equal(RepairDisposition.Refused, decision.Disposition);
            Assert.Equal(ErrorIds.ManagementAccountRoot, decision.Refusal!.ErrorId);
            Assert.Contains("AssumeRoot cannot target it", decision.Refusal.Message);
        }

        [Fact]
        public void An_account_in_no_organization_gets_the_manual_step_for_its_root_credentials()
        {
            var decision = Single(Standalone, Member, "RG.ROOT.1");

            Assert.Equal((RepairDisposition.Manual, (RootFix?)null), (decision.Disposition, decision.Fix));
            Assert.Contains("Sign in as the root user", decision.Message);
        }

        [Fact]
        public void A_member_cannot_remove_its_own_root_credentials()
        {
            var decision = Single(FromMember, Member, "RG.ROOT.1");

            Assert.Equal(ErrorIds.NotManagementAccount, decision.Refusal!.ErrorId);
            Assert.Contains(Management, decision.Refusal.RecommendedAction);
        }

        [Fact]
        public void Centralized_root_access_is_one_fix_in_the_management_account_however_many_accounts_report_it()
        {
            var decisions = RepairSelection.Decide(new[] { (Member, "RG.ROOT.8"), (Management, "RG.ROOT.8"), (OtherMember, "RG.ROOT.8") }, FromManagement, Everything);

            var decision = Assert.Single(decisions);
            Assert.Equal((Management, RootFix.CentralRootAccess, RepairDisposition.Fix), (decision.AccountId, decision.Fix, decision.Disposition));
        }

        [Fact]
        public void Centralized_root_access_from_a_member_is_refused_once()
        {
            var decisions = RepairSelection.Decide(new[] { (Member, "RG.ROOT.8"), (OtherMember, "RG.ROOT.8") }, FromMember, Everything);

            Assert.Equal(ErrorIds.NotManagementAccount, Assert.Single(decisions).Refusal!.ErrorId);
        }

        [Fact]
        public void Fixes_without_their_parameters_are_skipped_naming_them()
        {
            var decisions = RepairSelection.Decide(new[] { (Member, "RG.ROOT.5"), (Member, "RG.ROOT.6"), (Member, "RG.ROOT.7") }, FromManagement, new RepairInputs());

            Assert.All(decisions, d => Assert.Equal(RepairDisposition.MissingParameters, d.Disposition));
            Assert.Equal(new[] { "SecurityContact" }, decisions.Single(d => d.Fix == RootFix.SecurityContact).MissingParameters);
            Assert.Equal(new[] { "EmailAddress", "TopicArn" }, decisions.Single(d => d.Fix == RootFix.SignInAlert).MissingParameters);
            Assert.Contains("-EmailAddress or -TopicArn", decisions.Single(d => d.Fix == RootFix.UsageAlarm).Message);
        }

        [Fact]
        public void Recent_root_use_has_no_API_fix_and_gets_the_manual_step()
        {
            var decision = Single(FromManagement, Member, "RG.ROOT.4");

            Assert.Equal(RepairDisposition.Manual, decision.Disposition);
            Assert.Equal(RepairCatalog.ManualSteps["RG.ROOT.4"], decision.Message);
        }

        [Fact]
        public void The_caller_s_account_comes_first_and_fixes_run_in_catalog_order()
        {
            var decisions = RepairSelection.Decide(new[]
            {
                (Member, "RG.ROOT.6"), (Member, "RG.ROOT.1"), (Member, "RG.ROOT.7"), (Management, "RG.ROOT.5"), (Management, "RG.ROOT.8"),
            }, FromManagement, Everything);

            Assert.Equal(new (string, RootFix?)[]
            {
                (Management, RootFix.CentralRootAccess), (Management, RootFix.SignInAlert),
                (Member, RootFix.SecurityContact), (Member, RootFix.RootCredentials), (Member, RootFix.UsageAlarm),
            }, decisions.Select(d => (d.AccountId, d.Fix)));
        }

        [Fact]
        public void Every_check_with_an_API_fix_maps_to_it_and_the_rest_have_a_manual_step()
        {
            foreach (var check in RootGuard.Core.Assessment.AssessmentCatalog.Ids)
            {
                Assert.True(RepairCatalog.FixFor(check) != null ^ RepairCatalog.ManualSteps.ContainsKey(check), check);
            }

            Assert.Equal(new[] { "RG.ROOT.1", "RG.ROOT.2", "RG.ROOT.3" }, RepairCatalog.ChecksOf(RootFix.RootCredentials));
        }
    }
}
