using System;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace RootGuard.Core.Tests.Aws;

/// <summary>What a <see cref="CallGate"/> sees of a request: the X-Amz-Target of the JSON protocols, the Action of the query ones, the body.</summary>
internal sealed record SeenRequest(string Target, string Action, string Body);

/// <summary>
/// Holds requests matching <c>hold</c> until a request matching <c>until</c> has started, or gives up after
/// <c>giveUp</c>: proves that two reads are in flight together without timing anything (when the second read waits for
/// the first, it never starts while the first is held, and <see cref="OpenedByRelease"/> is false).
/// </summary>
internal sealed class CallGate(TimeSpan giveUp, Func<SeenRequest, bool> hold, Func<SeenRequest, bool> until)
{
    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool OpenedByRelease { get; private set; } = true;

    public async Task PassAsync(SeenRequest request)
    {
        if (until(request)) released.TrySetResult();
        if (!hold(request)) return;
        if (await Task.WhenAny(released.Task, Task.Delay(giveUp)) != released.Task) OpenedByRelease = false;
    }
}

/// <summary>Passes each request through a <see cref="CallGate"/> before sending it on.</summary>
internal sealed class CallGateHandler(CallGate gate, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = string.Empty;
        if (request.Content != null)
        {
            await request.Content.LoadIntoBufferAsync(cancellationToken);
            body = Uri.UnescapeDataString(await request.Content.ReadAsStringAsync(cancellationToken));
        }

        var target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.First() : string.Empty;
        var action = body.Split('&').Select(p => p.Split('=')).FirstOrDefault(p => p[0] == "Action")?.ElementAtOrDefault(1) ?? string.Empty;
        await gate.PassAsync(new SeenRequest(target, action, body));
        return await base.SendAsync(request, cancellationToken);
    }
}
