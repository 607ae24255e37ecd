using System.Net;

namespace RootGuard.Testing;

/// <summary>An HTTP handler for AWS clients under test: records every call, injects faults and
/// answers stubbed operations in AWS's wire shapes, and sends the rest on to the real target
/// (moto). It overrides both <see cref="SendAsync"/> and the synchronous <see cref="Send"/>.
/// Thread-safe. Give it to the SDK through <see cref="CreateFactory"/>; across an
/// AssemblyLoadContext pass the factory, a framework type.</summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly object _gate = new();
    private readonly List<RecordedCall> _calls = [];
    private readonly List<FaultRule> _faults = [];
    private readonly Dictionary<(string Service, string Operation), Func<RecordedCall, StubResponse>> _stubs = new();
    private long _sequence;
    private int _inFlight;

    /// <summary>Sends unstubbed calls over a fresh <see cref="HttpClientHandler"/>.</summary>
    public RecordingHandler() : this(new HttpClientHandler()) { }

    public RecordingHandler(HttpMessageHandler inner) : base(inner) { }

    // ---- recording ------------------------------------------------------------------------------

    /// <summary>All calls so far, in order.</summary>
    public IReadOnlyList<RecordedCall> Calls
    {
        get { lock (_gate) return _calls.ToArray(); }
    }

    /// <summary>Calls that change something: every operation not named Get*, List*, Describe*, Lookup*.</summary>
    public IReadOnlyList<RecordedCall> MutatingCalls => Calls.Where(c => c.IsMutating).ToArray();

    /// <summary>Calls to one operation; <c>"*"</c> matches any.</summary>
    public IReadOnlyList<RecordedCall> CallsTo(string service, string operation) =>
        Calls.Where(c => c.Is(service, operation)).ToArray();

    /// <summary>Calls begun and not yet ended: answered, failed, dropped or cancelled (a cancelled call stays
    /// <see cref="CallOutcome.Pending"/> in <see cref="Calls"/>, but is no longer in flight).</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Forgets the recorded calls (faults and stubs stay).</summary>
    public void Clear()
    {
        lock (_gate) _calls.Clear();
    }

    /// <summary>
    /// Waits until no call has begun for <paramref name="quiet"/> (at most <paramref name="patience"/>), then forgets the
    /// recorded calls. For tests that assert "no call at all": a command stopped early by an earlier test (Ctrl+C,
    /// Select-Object -First) returns without waiting for its cancelled calls, whose retries may still begin for a moment.
    /// </summary>
    public void ClearWhenQuiet(TimeSpan? quiet = null, TimeSpan? patience = null)
    {
        // Two seconds: longer than the SDK's back-off before a retry of a call that failed as it was cancelled, on a loaded machine.
        var wanted = quiet ?? TimeSpan.FromSeconds(2);
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(15));
        long seen;
        do
        {
            seen = Interlocked.Read(ref _sequence);
            Thread.Sleep(wanted);
        }
        // A call still in flight (a previous test's, held or slowed on a loaded machine) would be recorded after the clear.
        while ((Interlocked.Read(ref _sequence) != seen || InFlight > 0) && DateTime.UtcNow < deadline);
        Clear();
    }

    /// <summary>Forgets calls, faults and stubs.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _calls.Clear();
            _faults.Clear();
            _stubs.Clear();
        }
    }

    // ---- faults ---------------------------------------------------------------------------------

    /// <summary>Adds a fault rule for an operation (<c>"*"</c> for any); configure it fluently.
    /// Delays add up; of the other rules the first that fires answers the call.</summary>
    public FaultRule On(string service, string operation)
    {
        var rule = new FaultRule(service, operation);
        lock (_gate) _faults.Add(rule);
        return rule;
    }

    public void ClearFaults()
    {
        lock (_gate) _faults.Clear();
    }

    // ---- stubs ----------------------------------------------------------------------------------

    /// <summary>Answers every call to the operation with <paramref name="respond"/> instead of the target.
    /// A later stub for the same operation replaces an earlier one;
    /// <c>"*"</c> matches any service or operation (exact names win).</summary>
    public RecordingHandler Stub(string service, string operation, Func<RecordedCall, StubResponse> respond)
    {
        lock (_gate) _stubs[(service.ToLowerInvariant(), operation)] = respond;
        return this;
    }

    public RecordingHandler Stub(string service, string operation, StubResponse response) =>
        Stub(service, operation, _ => response);

    public void RemoveStub(string service, string operation)
    {
        lock (_gate) _stubs.Remove((service.ToLowerInvariant(), operation));
    }

    // ---- plumbing -------------------------------------------------------------------------------

    /// <summary>A factory of handlers that all lead into this one and never dispose it, for
    /// clients that create and dispose their own HttpClient (the SDK's HttpClientFactory).</summary>
    public Func<HttpMessageHandler> CreateFactory() => () => new SharedLease(this);

    /// <summary>An HttpClient over this handler that leaves the handler alive when disposed.</summary>
    public HttpClient CreateClient() => new(this, disposeHandler: false);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            byte[] body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var (call, stub, fault, delay) = Begin(request, body);
            if (delay > TimeSpan.Zero) await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            if (Immediate(call, stub, fault) is { } immediate) return immediate;
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            byte[] responseBody = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return Finish(call, fault, response, responseBody);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _inFlight);
        try
        {
            byte[] body = request.Content is null ? [] : ReadAll(request.Content.ReadAsStream(cancellationToken));
            var (call, stub, fault, delay) = Begin(request, body);
            if (delay > TimeSpan.Zero) Task.Delay(delay, cancellationToken).GetAwaiter().GetResult();
            if (Immediate(call, stub, fault) is { } immediate) return immediate;
            var response = base.Send(request, cancellationToken);
            byte[] responseBody = ReadAll(response.Content.ReadAsStream(cancellationToken));
            return Finish(call, fault, response, responseBody);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private (RecordedCall Call, Func<RecordedCall, StubResponse>? Stub, FaultRule? Fault, TimeSpan Delay) Begin(HttpRequestMessage request, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in request.Headers.NonValidated) headers[h.Key] = string.Join(", ", h.Value);
        if (request.Content is not null)
        {
            foreach (var h in request.Content.Headers.NonValidated) headers[h.Key] = string.Join(", ", h.Value);
            // The body has been read: give the inner handler a copy it can read again.
            var copy = new ByteArrayContent(body);
            foreach (var h in request.Content.Headers.NonValidated) copy.Headers.TryAddWithoutValidation(h.Key, h.Value);
            request.Content = copy;
        }
        var call = new RecordedCall(Interlocked.Increment(ref _sequence), request.Method.Method, request.RequestUri,
            headers, System.Text.Encoding.UTF8.GetString(body));

        FaultRule[] rules;
        Func<RecordedCall, StubResponse>? stub;
        lock (_gate)
        {
            _calls.Add(call);
            rules = _faults.Where(f => f.Matches(call)).ToArray();
            string service = call.Service.ToLowerInvariant();
            stub = _stubs.GetValueOrDefault((service, call.Operation)) ?? _stubs.GetValueOrDefault((service, "*"))
                   ?? _stubs.GetValueOrDefault(("*", call.Operation)) ?? _stubs.GetValueOrDefault(("*", "*"));
        }
        var delay = TimeSpan.Zero;
        foreach (var rule in rules.Where(r => r.IsDelay))
        {
            if (rule.TryFire()) delay += rule.Latency;
        }
        var fault = rules.Where(r => !r.IsDelay).FirstOrDefault(r => r.TryFire());
        return (call, stub, fault, delay);
    }

    /// <summary>The answer that needs no target: an injected fault or a stub; null to forward.</summary>
    private static HttpResponseMessage? Immediate(RecordedCall call, Func<RecordedCall, StubResponse>? stub, FaultRule? fault)
    {
        if (fault is not null)
        {
            switch (fault.Kind)
            {
                case FaultRule.FaultKind.Drop:
                    call.Outcome = CallOutcome.Dropped;
                    throw Dropped(call);
                case FaultRule.FaultKind.Error:
                    return Complete(call, AwsWire.ErrorResponse(call, fault.ErrorCode, fault.Status, fault.Message), CallOutcome.Faulted);
                case FaultRule.FaultKind.Throttle:
                    var (code, status) = AwsWire.ThrottlingErrorFor(call.Service);
                    return Complete(call, AwsWire.ErrorResponse(call, code, status, fault.Message), CallOutcome.Faulted);
            }
        }
        if (stub is not null)
        {
            return Complete(call, stub(call).ToHttpResponse(call), CallOutcome.Stubbed);
        }
        return null;
    }

    private static HttpResponseMessage Finish(RecordedCall call, FaultRule? fault, HttpResponseMessage response, byte[] body)
    {
        call.StatusCode = response.StatusCode;
        call.ResponseHeaders = HeadersOf(response);
        call.ResponseBody = System.Text.Encoding.UTF8.GetString(body);
        if (fault?.Kind == FaultRule.FaultKind.DropAfterSend)
        {
            call.Outcome = CallOutcome.Dropped;
            response.Dispose();
            throw Dropped(call);
        }
        call.Outcome = CallOutcome.Forwarded;
        var copy = new ByteArrayContent(body);
        foreach (var h in response.Content.Headers.NonValidated) copy.Headers.TryAddWithoutValidation(h.Key, h.Value);
        response.Content = copy;
        return response;
    }

    private static HttpResponseMessage Complete(RecordedCall call, HttpResponseMessage response, CallOutcome outcome)
    {
        call.StatusCode = response.StatusCode;
        call.ResponseHeaders = HeadersOf(response);
        call.ResponseBody = response.Content is null ? "" : response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        call.Outcome = outcome;
        return response;
    }

    private static Dictionary<string, string> HeadersOf(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var h in response.Headers.NonValidated) headers[h.Key] = string.Join(", ", h.Value);
        foreach (var h in response.Content.Headers.NonValidated) headers[h.Key] = string.Join(", ", h.Value);
        return headers;
    }

    private static HttpRequestException Dropped(RecordedCall call) =>
        new($"The connection was closed (injected for {call.Service}:{call.Operation}).",
            new IOException("Unable to read data from the transport connection: Connection reset by peer."));

    private static byte[] ReadAll(Stream stream)
    {
        using (stream)
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            return buffer.ToArray();
        }
    }

    /// <summary>Leads into the shared handler without owning it.</summary>
    private sealed class SharedLease(HttpMessageHandler shared) : DelegatingHandler(shared)
    {
        protected override void Dispose(bool disposing)
        {
            // Deliberately not base.Dispose(disposing): that would dispose the shared handler.
        }
    }
}
