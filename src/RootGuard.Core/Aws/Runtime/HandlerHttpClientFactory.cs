using System;
using System.Net.Http;
using Amazon.Runtime;

namespace RootGuard.Core.Aws.Runtime
{
    /// <summary>
    /// Gives the SDK an <see cref="HttpClient"/> over a caller's handler (recording, fault injection, an offline backend).
    /// The handler is not disposed with the client: tests share one handler across clients.
    /// </summary>
    public sealed class HandlerHttpClientFactory : HttpClientFactory
    {
        private readonly Func<HttpMessageHandler> createHandler;

        public HandlerHttpClientFactory(Func<HttpMessageHandler> createHandler)
        {
            this.createHandler = createHandler ?? throw new ArgumentNullException(nameof(createHandler));
        }

        public override HttpClient CreateHttpClient(IClientConfig clientConfig)
        {
            var client = new HttpClient(createHandler(), disposeHandler: false);
            if (clientConfig.Timeout is { } timeout)
            {
                client.Timeout = timeout;
            }

            return client;
        }

        // The SDK's cache is keyed by configuration, not by handler: two factories with different handlers must not share a client.
        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => false;
    }
}
