using System;
using System.Linq;
using System.Net;
using System.Threading;
using RootGuard.Core.Aws;
using RootGuard.Core.SignInAlert;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.SignInAlert
{
    /// <summary>
    /// When the sign-in alert's reads go out, against moto: the rule's read needs only the rule's name, so it does not wait
    /// for the caller's account id (which the topic's ARN needs); and a plan given up part-way leaves no read behind.
    /// </summary>
    [Collection("moto")]
    public sealed class SignInAlertReadOrderTests
    {
        private readonly MotoServerFixture moto;

        public SignInAlertReadOrderTests(MotoServerFixture moto)
        {
            this.moto = moto;
            moto.Reset();
            new MotoSeeder(moto.Endpoint).CreateTrailWithLogs();
        }

        private static SignInAlertRequest Request() => new SignInAlertRequest("us-east-1") { EmailAddresses = new[] { "security@example.com" } };

        [Fact]
        public void The_rule_is_read_while_the_account_id_is_still_being_read()
        {
            var handler = new RecordingHandler();
            // Held long enough that only a rule read started alongside it can arrive first.
            handler.On("sts", "GetCallerIdentity").Delay(TimeSpan.FromSeconds(3));
            using var clients = TestClients.ForMoto(moto, handler);

            var planning = new SignInAlertPlanner(clients).PlanAsync(Request(), CancellationToken.None);
            var ruleReadWhileAccountPending = SpinWait.SpinUntil(() =>
                handler.Calls.Any(c => c.Is("events", "DescribeRule"))
                && handler.CallsTo("sts", "GetCallerIdentity").Single().Outcome == CallOutcome.Pending, TimeSpan.FromSeconds(2));
            var plan = planning.GetAwaiter().GetResult();

            Assert.True(ruleReadWhileAccountPending, "events:DescribeRule went out only after sts:GetCallerIdentity had answered: " + string.Join(", ", handler.Calls));
            Assert.Equal(MotoServerFixture.AccountId, plan.Request.AccountId);
            Assert.Empty(handler.MutatingCalls);
        }

        [Fact]
        public void A_failed_account_read_ends_the_plan_with_its_error_and_leaves_no_read_in_flight()
        {
            var handler = new RecordingHandler();
            // Denied a moment after it is asked, so the rule's read, started alongside, is on its way.
            handler.On("sts", "GetCallerIdentity").Delay(TimeSpan.FromMilliseconds(300));
            handler.Stub("sts", "GetCallerIdentity", StubResponse.Error("AccessDenied", HttpStatusCode.Forbidden, "not allowed"));
            // Held far longer than the test waits: only cancelling it ends it.
            handler.On("events", "DescribeRule").Delay(TimeSpan.FromMinutes(2));
            using var clients = TestClients.ForMoto(moto, handler);

            var failure = Record.Exception(() => new SignInAlertPlanner(clients).PlanAsync(Request(), CancellationToken.None).GetAwaiter().GetResult());

            // Checked before the clients are disposed, which would end any call still running.
            var inFlight = handler.InFlight;
            var seen = handler.Calls.Count;
            Thread.Sleep(300);
            Assert.Equal(0, inFlight);
            Assert.Equal(seen, handler.Calls.Count);
            Assert.Contains(handler.Calls, c => c.Is("events", "DescribeRule"));
            Assert.IsNotAssignableFrom<OperationCanceledException>(failure);
            var denied = Assert.IsType<RootGuardException>(failure);
            Assert.Equal(FailureKind.PermissionDenied, denied.Kind);
            Assert.Contains("sts:GetCallerIdentity", denied.RecommendedAction);
        }
    }
}
