using System;
using System.Diagnostics;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using RootGuard.PowerShell.Tests.Harness;
using RootGuard.Testing;
using Xunit;
using static RootGuard.PowerShell.Tests.SignInAlert.SignInAlertScenario;

namespace RootGuard.PowerShell.Tests.SignInAlert
{
    /// <summary>
    /// Ctrl+C while a change is being made. (Ctrl+C during the reads, against an endpoint that never answers, is in
    /// the Pester suite: tests/Pester/PowerShellContract.Tests.ps1.) Here AWS is slow on one mutating call, which
    /// only the in-process handler can arrange.
    /// </summary>
    [Collection(ModuleBackendCollection.Name)]
    public sealed class StopProcessingTests
    {
        private readonly ModuleBackend backend;

        public StopProcessingTests(ModuleBackend backend)
        {
            this.backend = backend;
            backend.Reset();
        }

        [Fact]
        public void Ctrl_C_during_a_step_stops_the_pipeline_promptly_undoes_the_steps_made_and_writes_no_RootGuard_error()
        {
            var before = Snapshot(backend);
            backend.Handler.On("events", "PutTargets").Delay(TimeSpan.FromMinutes(2));
            using var session = backend.NewSession();
            using var shell = session.Start("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false", out var invocation);

            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!backend.Handler.CallsTo("events", "PutTargets").Any() && !invocation.IsCompleted && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }

            Assert.NotEmpty(backend.Handler.CallsTo("events", "PutTargets"));
            var clock = Stopwatch.StartNew();
            var stop = shell.BeginStop(null, null);
            Assert.True(stop.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(15)), "Ctrl+C did not end the call within 15 s.");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15));

            Assert.Throws<PipelineStoppedException>(() => shell.EndInvoke(invocation));
            Assert.DoesNotContain(shell.Streams.Error, e => e.FullyQualifiedErrorId.StartsWith("RootGuard.", StringComparison.Ordinal));
            backend.Handler.ClearFaults();
            Assert.Equal(before, Snapshot(backend));
        }

        // The rule is RootGuardAwsCmdlet.RunStoppable's: whatever a call fails with once the pipeline is stopping is a stop.
        // Here AWS answers the step in flight with an error after Ctrl+C, rather than the call being cancelled: the steps made
        // are undone and the call ends as a stop.
        [Fact]
        public void An_AWS_error_that_arrives_after_Ctrl_C_is_a_pipeline_stop_and_writes_no_RootGuard_error()
        {
            var before = Snapshot(backend);
            using var answer = new ManualResetEventSlim();
            backend.Handler.Stub("events", "PutTargets", _ =>
            {
                answer.Wait(TimeSpan.FromSeconds(60));
                return StubResponse.Error("AccessDeniedException", System.Net.HttpStatusCode.BadRequest, "Not authorized to put targets.");
            });
            try
            {
                using var session = backend.NewSession();
                using var shell = session.Start("New-RootSignInAlert @aws -EmailAddress security@example.com -Confirm:$false", out var invocation);

                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!backend.Handler.CallsTo("events", "PutTargets").Any() && !invocation.IsCompleted && DateTime.UtcNow < deadline)
                {
                    Thread.Sleep(20);
                }

                Assert.NotEmpty(backend.Handler.CallsTo("events", "PutTargets"));
                var stop = shell.BeginStop(null, null);
                Thread.Sleep(500);
                answer.Set();
                Assert.True(stop.AsyncWaitHandle.WaitOne(TimeSpan.FromSeconds(15)), "Ctrl+C did not end the call within 15 s.");

                var stopped = Assert.ThrowsAny<Exception>(() => shell.EndInvoke(invocation));
                Assert.IsType<PipelineStoppedException>(stopped);
                Assert.DoesNotContain(shell.Streams.Error, e => e.FullyQualifiedErrorId.StartsWith("RootGuard.", StringComparison.Ordinal));
            }
            finally
            {
                answer.Set();
                backend.Handler.RemoveStub("events", "PutTargets");
            }

            Assert.Equal(before, Snapshot(backend));
        }
    }
}
