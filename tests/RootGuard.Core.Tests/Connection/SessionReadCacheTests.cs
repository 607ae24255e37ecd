using System;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Core.Tests.Aws;
using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests.Connection
{
    /// <summary>
    /// The session's kept reads travel with the connection, as its client options do: every connection derived from it
    /// (another region, other client options) reads through the same cache, and other credentials never see another's reads.
    /// </summary>
    public sealed class SessionReadCacheTests : IDisposable
    {
        private readonly RecordingHandler handler = TestClients.Offline();

        public SessionReadCacheTests()
        {
            handler.Stub("sts", "GetCallerIdentity", StubResponse.QueryResult("sts", "GetCallerIdentity",
                "<Arn>arn:aws:iam::111122223333:user/admin</Arn><UserId>AIDAEXAMPLE</UserId><Account>111122223333</Account>"));
        }

        public void Dispose() => handler.Dispose();

        private AwsConnection Connection(SessionReadCache? cache) =>
            TestClients.Connection("us-east-1", null).WithClientOptions(new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory() })
                .WithReadCache(cache);

        private static async Task<string> AccountOf(AwsConnection connection)
        {
            using var clients = new AwsClientFactory(connection);
            return await CallerAccount.ReadIdAsync(clients, null, CancellationToken.None);
        }

        [Fact]
        public async Task The_account_id_is_asked_once_by_every_connection_derived_from_one_with_the_cache()
        {
            var connection = Connection(new SessionReadCache());

            Assert.Equal("111122223333", await AccountOf(connection));
            Assert.Equal("111122223333", await AccountOf(connection.InRegion("eu-west-1")));
            Assert.Equal("111122223333", await AccountOf(connection.WithClientOptions(new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory() })));

            Assert.Single(handler.CallsTo("sts", "GetCallerIdentity"));
        }

        [Fact]
        public async Task Other_credentials_ask_again_and_without_a_cache_every_call_asks()
        {
            var connection = Connection(new SessionReadCache());
            await AccountOf(connection);
            await AccountOf(connection.WithCredentials(new BasicAWSCredentials("AKIAOTHERKEY", "other-secret"), "AssumeRole:test"));
            Assert.Equal(2, handler.CallsTo("sts", "GetCallerIdentity").Count);

            handler.Clear();
            var uncached = Connection(null);
            await AccountOf(uncached);
            await AccountOf(uncached);
            Assert.Equal(2, handler.CallsTo("sts", "GetCallerIdentity").Count);
        }
    }
}
