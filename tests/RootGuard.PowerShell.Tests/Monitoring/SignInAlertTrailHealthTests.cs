using System.Linq;
using System.Net;
using RootGuard.PowerShell.Tests.Harness;
using Xunit;

namespace RootGuard.PowerShell.Tests.Monitoring
{
    /// <summary>
    /// The sign-in alert's health starts at CloudTrail: console sign-in events reach EventBridge only through a logging
    /// trail, so RootGuard's rule, topic and subscription in perfect order still alert nobody without one.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class SignInAlertTrailHealthTests
    {
        private readonly ModuleBackend backend;

        public SignInAlertTrailHealthTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        /// <summary>RootGuard's sign-in alert (New-RootSignInAlert warns when no trail covers it), then the recorded calls cleared.</summary>
        private PowerShellSession DeployAlert()
        {
            var session = backend.NewSession();
            session.Run("$null = New-RootSignInAlert -EmailAddress security@example.com @aws -Confirm:$false -WarningAction SilentlyContinue").ThrowIfErrors();
            backend.Handler.Clear();
            return session;
        }

        private static System.Management.Automation.PSObject Monitor(PowerShellSession session) =>
            Assert.Single(session.Run("Get-RootMonitoring @aws -Component SignInAlert").ThrowIfErrors().Output);

        private static string[] Codes(System.Management.Automation.PSObject monitor) =>
            ((System.Collections.IEnumerable)monitor.Properties["ReasonCodes"].Value).Cast<object>().Select(o => o.ToString()!).ToArray();

        [Fact]
        public void Without_a_trail_RootGuards_alert_is_unhealthy_with_the_command_that_makes_one()
        {
            using var session = DeployAlert();

            var monitor = Monitor(session);

            Assert.Equal(false, monitor.Properties["Healthy"].Value);
            Assert.Equal(new[] { "TRAIL_NOT_PRESENT" }, Codes(monitor));
            Assert.Contains("aws cloudtrail create-trail", string.Join("\n", ((System.Collections.IEnumerable)monitor.Properties["Problems"].Value).Cast<object>()));
        }

        [Fact]
        public void A_trail_stopped_after_the_alert_was_made_makes_it_unhealthy_and_a_logging_one_healthy()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = DeployAlert();
            Assert.Equal(true, Monitor(session).Properties["Healthy"].Value);

            backend.Seeder.RunBoto3("""client("cloudtrail").stop_logging(Name="rootguard-trail")""");
            var monitor = Monitor(session);

            Assert.Equal(false, monitor.Properties["Healthy"].Value);
            Assert.Equal(new[] { "TRAIL_NOT_LOGGING" }, Codes(monitor));
        }

        [Fact]
        public void A_denied_trail_read_leaves_the_alert_unverified_not_healthy()
        {
            backend.Seeder.CreateTrailWithLogs();
            using var session = DeployAlert();
            backend.Handler.On("cloudtrail", "DescribeTrails").Fail("AccessDeniedException", HttpStatusCode.BadRequest);

            var monitor = Monitor(session);

            Assert.Equal(false, monitor.Properties["Healthy"].Value);
            Assert.Equal(new[] { "TRAIL_NOT_VERIFIABLE" }, Codes(monitor));
        }

        [Fact]
        public void Send_RootMonitoringTest_sends_nothing_while_no_trail_brings_sign_ins_to_EventBridge()
        {
            using var session = DeployAlert();

            var result = session.Run("Send-RootMonitoringTest -Component SignInAlert @aws").ThrowIfErrors();

            Assert.Equal(false, result.Property("Sent"));
            Assert.Contains(result.Warnings, w => w.Message.Contains("reach EventBridge only through CloudTrail"));
            Assert.Empty(backend.Handler.CallsTo("sns", "Publish"));
        }
    }
}
