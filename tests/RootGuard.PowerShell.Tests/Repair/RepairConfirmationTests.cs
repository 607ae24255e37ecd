using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.PowerShell.Tests.Repair
{
    /// <summary>
    /// Repair-RootAccountSecurity's -Force, under the same rules as Remove-RootMonitoring's, and Ctrl+C while a fix is
    /// being applied. Centralized root access (RG.ROOT.8) is the fix used: three steps, all answered by
    /// <see cref="CentralRootAccessFake"/>.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class RepairConfirmationTests
    {
        private static readonly string[] TurnedOn = { "EnableAWSServiceAccess", "EnableOrganizationsRootCredentialsManagement", "EnableOrganizationsRootSessions" };

        private readonly ModuleBackend backend;
        private readonly CentralRootAccessFake fake;

        public RepairConfirmationTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
            backend.Seeder.CreateOrganization();
            fake = new CentralRootAccessFake(backend.Handler);
            fake.IamTrustedAccess = false;
        }

        private static string Action(ScriptResult result) => Assert.Single(result.Output).Properties["Action"].Value?.ToString() ?? "";

        [Fact]
        public void Force_repairs_without_the_question_ConfirmImpact_High_asks_by_default()
        {
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.8 -Force");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Empty(session.Host.Recorder.Prompts);
            Assert.Equal("Repaired", Action(result));
            Assert.Equal(TurnedOn, backend.Handler.MutatingCalls.Select(c => c.Operation));
        }

        [Fact]
        public void Without_Force_the_same_call_asks_once_for_the_fix()
        {
            using var session = backend.NewSession();
            session.Host.Recorder.ConfirmAnswers.Enqueue("No");

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.8");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Contains("Repair CentralRootAccess in account", Assert.Single(session.Host.Recorder.Prompts));
            Assert.Equal("Declined", Action(result));
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void Force_with_WhatIf_only_describes_the_fix()
        {
            using var session = backend.NewSession();

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.8 -Force -WhatIf");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Equal("WhatIf", Action(result));
            Assert.Contains(session.HostLines, l => l.Contains("What if:") && l.Contains("CentralRootAccess"));
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void Force_with_an_explicit_Confirm_still_asks()
        {
            using var session = backend.NewSession();
            session.Host.Recorder.ConfirmAnswers.Enqueue("No");

            var result = session.Run("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.8 -Force -Confirm");

            Assert.True(result.Errors.Count == 0, result.Describe());
            Assert.Single(session.Host.Recorder.Prompts);
            Assert.Equal("Declined", Action(result));
            Assert.Empty(backend.Handler.MutatingCalls);
        }

        [Fact]
        public void Ctrl_C_while_a_fix_is_applied_stops_the_pipeline_promptly_and_writes_no_RootGuard_error()
        {
            backend.Handler.On("iam", "EnableOrganizationsRootSessions").Delay(TimeSpan.FromMinutes(2));
            using var session = backend.NewSession();
            using var shell = session.Start("Repair-RootAccountSecurity @aws -CheckId RG.ROOT.8 -Force", out var invocation);

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!backend.Handler.CallsTo("iam", "EnableOrganizationsRootSessions").Any() && !invocation.IsCompleted && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            // Stopped mid-fix: its first two steps are made, the third is waiting on AWS.
            Assert.Equal(TurnedOn, backend.Handler.MutatingCalls.Select(c => c.Operation));
            var clock = Stopwatch.StartNew();
            var stop = shell.BeginStop(null, null);
            Assert.True(stop.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(15)), "Ctrl+C did not end the call within 15 s.");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));

            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(invocation));
            Assert.DoesNotContain(shell.Streams.Error, e => e.FullyQualifiedErrorId.StartsWith("RootGuard.", StringComparison.Ordinal));
            Assert.Empty(shell.Streams.Error);
            backend.Handler.ClearFaults();
        }
    }
}
