using System.Net;

namespace RootGuard.Testing;

/// <summary>A fault injected by <see cref="RecordingHandler"/> into calls of one operation
/// (<c>"*"</c> matches any service or operation). Configure fluently:
/// <c>handler.On("sns", "Subscribe").Throttle().Times(2)</c>.</summary>
public sealed class FaultRule
{
    internal enum FaultKind { Error, Throttle, Delay, Drop, DropAfterSend }

    private readonly object _gate = new();
    private Random? _random;
    private double _probability = 1.0;
    private int? _remaining;
    private int _skip;
    private Func<RecordedCall, bool>? _predicate;

    internal FaultRule(string service, string operation)
    {
        Service = service;
        Operation = operation;
    }

    public string Service { get; }
    public string Operation { get; }
    internal FaultKind Kind { get; private set; } = FaultKind.Error;
    internal string ErrorCode { get; private set; } = "InternalFailure";
    internal HttpStatusCode Status { get; private set; } = HttpStatusCode.InternalServerError;
    internal string? Message { get; private set; }
    internal TimeSpan Latency { get; private set; }

    /// <summary>How many calls this rule has hit so far.</summary>
    public int Fired { get; private set; }

    /// <summary>Answer with an AWS error in the protocol's wire shape.</summary>
    public FaultRule Fail(string errorCode, HttpStatusCode status = HttpStatusCode.BadRequest, string? message = null)
    {
        Kind = FaultKind.Error;
        ErrorCode = errorCode;
        Status = status;
        Message = message;
        return this;
    }

    /// <summary>Answer with the service's own throttling error: <c>Throttled</c> (SNS, 429),
    /// <c>Throttling</c> (IAM, STS, CloudWatch), <c>TooManyRequestsException</c> (Organizations, Account),
    /// <c>ThrottlingException</c> (the JSON services).</summary>
    public FaultRule Throttle(string? message = null)
    {
        Kind = FaultKind.Throttle;
        Message = message ?? "Rate exceeded";
        return this;
    }

    /// <summary>Hold the call for <paramref name="latency"/>, then let it go on (to a stub or the target).</summary>
    public FaultRule Delay(TimeSpan latency)
    {
        Kind = FaultKind.Delay;
        Latency = latency;
        return this;
    }

    /// <summary>Drop the connection: the client gets an <see cref="HttpRequestException"/> wrapping an
    /// <see cref="IOException"/>. With <paramref name="afterSend"/> the request reaches the target first,
    /// so its effect happens but the answer is lost.</summary>
    public FaultRule Drop(bool afterSend = false)
    {
        Kind = afterSend ? FaultKind.DropAfterSend : FaultKind.Drop;
        return this;
    }

    /// <summary>Only the next <paramref name="count"/> matching calls (default: all of them).</summary>
    public FaultRule Times(int count)
    {
        lock (_gate) _remaining = count;
        return this;
    }

    /// <summary>Let the first <paramref name="count"/> matching calls through untouched, then fire (for "the second
    /// Subscribe fails").</summary>
    public FaultRule AfterFirst(int count)
    {
        lock (_gate) _skip = count;
        return this;
    }

    /// <summary>Hit only calls for which <paramref name="predicate"/> holds, for example one account's AssumeRole:
    /// <c>handler.On("sts", "AssumeRole").When(c => c.FormParameters["RoleArn"].Contains("111111111111"))</c>.</summary>
    public FaultRule When(Func<RecordedCall, bool> predicate)
    {
        lock (_gate) _predicate = predicate;
        return this;
    }

    /// <summary>Hit only a share of matching calls, drawn from a seeded generator so runs repeat.</summary>
    public FaultRule WithProbability(double probability, int seed = 1)
    {
        lock (_gate)
        {
            _probability = probability;
            _random = new Random(seed);
        }
        return this;
    }

    internal bool Matches(RecordedCall call)
    {
        Func<RecordedCall, bool>? predicate;
        lock (_gate) predicate = _predicate;
        return call.Is(Service, Operation) && (predicate is null || predicate(call));
    }

    internal bool TryFire()
    {
        lock (_gate)
        {
            if (_skip > 0)
            {
                _skip--;
                return false;
            }
            if (_remaining is <= 0) return false;
            if (_random is not null && _random.NextDouble() >= _probability) return false;
            if (_remaining is not null) _remaining--;
            Fired++;
            return true;
        }
    }

    internal bool IsDelay => Kind == FaultKind.Delay;
}
