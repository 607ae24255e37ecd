using System;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Core.Assessment;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Assessment
{
    /// <summary>
    /// The caller's context that Test-RootAccountSecurity and Get-RootMonitoring both judge by, read in one place
    /// (<see cref="CallerContext"/>) alongside their evidence.
    /// </summary>
    public sealed class CallerContextTests : IDisposable
    {
        private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
        private readonly RecordingHandler handler = TestClients.Offline();

        public void Dispose() => handler.Dispose();

        [Fact]
        public async Task The_context_takes_the_account_and_partition_from_the_caller_ARN_and_the_region_from_the_connection()
        {
            handler.Stub("sts", "GetCallerIdentity", StubResponse.QueryResult("sts", "GetCallerIdentity",
                "<Arn>arn:aws-cn:iam::111122223333:user/admin</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>"));
            using var clients = TestClients.ForStubs(handler, "cn-northwest-1");

            var (context, evidence) = await CallerContext.ReadAsync(clients, 30, () => Now, () => Task.FromResult("evidence"), CancellationToken.None);

            Assert.Equal("evidence", evidence);
            Assert.Equal("111122223333", context.AccountId);
            Assert.Equal("aws-cn", context.Partition);
            Assert.Equal("cn-north-1", context.HomeRegion);
            Assert.Equal("cn-northwest-1", context.Region);
            Assert.Equal("arn:aws-cn:iam::111122223333:root", context.RootArn);
            Assert.Equal(Now, context.Now);
            Assert.Equal(30, context.UsageWindowDays);
        }

        [Fact]
        public async Task When_the_identity_cannot_be_read_that_is_the_failure_not_the_evidence_reads_that_failed_with_it()
        {
            handler.Stub("sts", "GetCallerIdentity", StubResponse.Error("ExpiredToken", HttpStatusCode.Forbidden, "The security token included in the request is expired"));
            using var clients = TestClients.ForStubs(handler);

            var e = await Assert.ThrowsAsync<RootGuardException>(() => CallerContext.ReadAsync<string>(clients, 30, () => Now,
                () => Task.FromException<string>(new InvalidOperationException("an evidence read failed too")), CancellationToken.None));

            Assert.Contains("expired", e.Message, StringComparison.OrdinalIgnoreCase);
        }
    }
}
