using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using RootGuard.Core.Aws;
using RootGuard.Core.Connection;
using RootGuard.Testing;

namespace RootGuard.Core.Tests.Aws;

/// <summary>Client factories for tests: against moto through a recording handler, or against stubs only.</summary>
internal static class TestClients
{
    public static AwsConnection Connection(string region, Uri? endpoint) =>
        new(new BasicAWSCredentials(MotoServerFixture.AccessKeyId, MotoServerFixture.SecretAccessKey), "Test", region, "Test", endpoint);

    /// <summary>A factory whose clients reach moto through <paramref name="handler"/>.</summary>
    public static AwsClientFactory ForMoto(MotoServerFixture moto, RecordingHandler handler, string region = MotoServerFixture.Region) =>
        new(Connection(region, moto.Endpoint), new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory() });

    /// <summary>A factory for real AWS endpoints whose calls only <paramref name="handler"/>'s stubs and faults answer.</summary>
    public static AwsClientFactory ForStubs(RecordingHandler handler, string region = "us-east-1", int? maxErrorRetry = null) =>
        new(Connection(region, null), new AwsClientFactoryOptions { HttpHandlerFactory = handler.CreateFactory(), MaxErrorRetry = maxErrorRetry });

    /// <summary>A recording handler with nothing behind it: an unstubbed call fails instead of leaving the machine.</summary>
    public static RecordingHandler Offline() => new(new NoNetworkHandler());

    private sealed class NoNetworkHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException($"Test is offline: no stub for {request.Method} {request.RequestUri}");

        protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException($"Test is offline: no stub for {request.Method} {request.RequestUri}");
    }
}
