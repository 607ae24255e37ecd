using System;
using System.Linq;
using System.Threading.Tasks;
using RootGuard.Core.Aws;
using RootGuard.Core.Planning;
using RootGuard.Core.Repair;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Repair
{
    /// <summary>
    /// <see cref="RepairPlanner"/>: the scope it reads (caller, failed checks, decisions) and each account's plan, offline:
    /// <see cref="CentralRootAccessFake"/> answers as AWS documents, and every call is recorded.
    /// </summary>
    public sealed class AccountRepairPlanningTests : IDisposable
    {
        private const string Management = MotoServerFixture.AccountId;
        private const string Member = "222222222222";
        private static readonly CallerStanding Caller = new CallerStanding(Management, "aws", "o-exampleorg1", Management, "ALL");

        private readonly RecordingHandler handler = TestClients.Offline();
        private readonly CentralRootAccessFake fake;
        private readonly AwsClientFactory clients;
        private readonly RepairPlanner planner;

        public AccountRepairPlanningTests()
        {
            fake = new CentralRootAccessFake(handler);
            clients = TestClients.ForStubs(handler, maxErrorRetry: 0);
            planner = new RepairPlanner(clients);
        }

        public void Dispose()
        {
            planner.Dispose();
            clients.Dispose();
        }

        private static AccountRepair For(string account, bool pending, params (string CheckId, string Account)[] failed) =>
            new AccountRepair(Caller, account, RepairSelection.Decide(failed.Select(f => (f.Account, f.CheckId)), Caller, new RepairInputs()),
                null, new MonitorNotification(), "OrganizationAccountAccessRole", pending);

        private void CallerIs(string account)
        {
            handler.Stub("sts", "GetCallerIdentity", StubResponse.QueryResult("sts", "GetCallerIdentity",
                $"<Arn>arn:aws:iam::{account}:user/admin</Arn><UserId>AIDAEXAMPLE</UserId><Account>{account}</Account>"));
            handler.Stub("organizations", "DescribeOrganization", RootFactStubs.Organization(managementAccountId: Management));
        }

        [Fact]
        public async Task The_scope_of_given_failed_checks_keeps_those_asked_for_and_decides_each_without_assessing()
        {
            CallerIs(Management);
            var request = new RepairRequest
            {
                FailedChecks = new[] { (Member, "RG.ROOT.1"), (Member, "RG.ROOT.5"), (Management, "RG.ROOT.8") },
                CheckIds = new[] { "rg.root.1", "RG.ROOT.8" },
            };

            var scope = await planner.ReadScopeAsync(request);

            Assert.Equal(new[] { (Member, "RG.ROOT.1"), (Management, "RG.ROOT.8") }, scope.Failed);
            Assert.Equal(new[] { Management, Member }, scope.Accounts);
            Assert.Equal(new (string, RootFix?)[] { (Management, RootFix.CentralRootAccess), (Member, RootFix.RootCredentials) },
                scope.Decisions.Select(d => (d.AccountId, d.Fix)));
            Assert.Empty(scope.Assessed);
            Assert.Equal(new[] { "GetCallerIdentity", "DescribeOrganization" }, handler.Calls.Select(c => c.Operation));
        }

        [Fact]
        public async Task The_organization_s_fix_is_planned_with_its_warning_named_by_account_and_changes_nothing()
        {
            fake.IamTrustedAccess = false;

            using var plan = await planner.PlanAsync(For(Management, false, ("RG.ROOT.8", Management)));

            var fix = Assert.Single(plan.Fixes);
            Assert.Equal(RootFix.CentralRootAccess, fix.Decision.Fix);
            Assert.Equal(fix.Plan.Changes, plan.Changes);
            Assert.Equal(3, plan.Changes.Count(c => c.IsMutating));
            Assert.Contains(plan.Warnings, w => w.StartsWith(Management + ": Centralized root access does not delete", StringComparison.Ordinal));
            Assert.Null(plan.Failure);
            Assert.Empty(handler.MutatingCalls);
        }

        [Fact]
        public async Task A_member_s_credentials_wait_with_a_warning_while_this_run_s_RG_ROOT_8_fix_was_not_applied()
        {
            fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);

            using var plan = await planner.PlanAsync(For(Member, true, ("RG.ROOT.1", Member)));

            Assert.Empty(plan.Fixes);
            Assert.Null(plan.Failure);
            var skipped = Assert.Single(plan.Skipped);
            Assert.False(skipped.IsManual);
            Assert.Contains("waits for centralized root access", skipped.Message);
            Assert.Contains(plan.Warnings, w => w.Contains(Member) && w.Contains("RG.ROOT.8"));
            Assert.Empty(handler.CallsTo("sts", "AssumeRoot"));
        }

        [Fact]
        public async Task Without_that_fix_in_the_run_the_same_member_is_the_account_s_one_failure_and_nothing_is_planned()
        {
            fake.SeedRootWithPasswordKeyAndVirtualMfa(Member);

            using var plan = await planner.PlanAsync(For(Member, false, ("RG.ROOT.1", Member), ("RG.ROOT.4", Member)));

            Assert.Equal(ErrorIds.CentralRootAccessRequired, plan.Failure!.ErrorId);
            Assert.Empty(plan.Fixes);
            Assert.Empty(plan.Changes);
            Assert.Empty(handler.CallsTo("sts", "AssumeRoot"));
        }

        [Fact]
        public async Task Refusals_and_manual_steps_are_planned_as_such_with_no_AWS_call()
        {
            using var plan = await planner.PlanAsync(For(Management, false, ("RG.ROOT.1", Management), ("RG.ROOT.4", Management), ("RG.ROOT.7", Management)));

            Assert.Equal(ErrorIds.ManagementAccountRoot, Assert.Single(plan.Refusals).ErrorId);
            Assert.Equal(new[] { (RootFix.SecurityContact, false), ((RootFix?)null, true) }.Select(p => (p.Item1, p.Item2)),
                plan.Skipped.Select(s => (s.Decision.Fix, s.IsManual)));
            // The missing parameter is a warning; the manual step is only the result's message.
            Assert.Equal(new[] { plan.Skipped[0].Message }, plan.Warnings);
            Assert.Empty(plan.Changes);
            Assert.Empty(handler.Calls);
        }
    }
}
