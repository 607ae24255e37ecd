using System.Net;

namespace RootGuard.Testing;

/// <summary>What became of a recorded call.</summary>
public enum CallOutcome
{
    /// <summary>Still in flight.</summary>
    Pending,
    /// <summary>Sent on to the real target (moto) and answered.</summary>
    Forwarded,
    /// <summary>Answered by a stub.</summary>
    Stubbed,
    /// <summary>Answered by an injected AWS error.</summary>
    Faulted,
    /// <summary>The connection was dropped by fault injection (the client saw an exception).</summary>
    Dropped,
}

/// <summary>One HTTP call seen by <see cref="RecordingHandler"/>.</summary>
public sealed class RecordedCall
{
    private Dictionary<string, string>? _form;

    internal RecordedCall(long sequence, string method, Uri? uri, IReadOnlyDictionary<string, string> headers, string body)
    {
        Sequence = sequence;
        Timestamp = DateTimeOffset.UtcNow;
        Method = method;
        Uri = uri;
        RequestHeaders = headers;
        RequestBody = body;
        (Service, Region) = AwsWire.ParseCredentialScope(headers.GetValueOrDefault("Authorization"), uri?.Query);
        (Protocol, Operation) = AwsWire.ParseOperation(method, uri, headers, body);
    }

    /// <summary>Order in which the handler saw the call, from 1.</summary>
    public long Sequence { get; }
    public DateTimeOffset Timestamp { get; }
    public string Method { get; }
    public Uri? Uri { get; }
    /// <summary>Signing name from the SigV4 credential scope: <c>events</c>, <c>iam</c>, <c>monitoring</c> …</summary>
    public string Service { get; }
    /// <summary>Signing region from the SigV4 credential scope.</summary>
    public string Region { get; }
    /// <summary>Operation name as in the model: <c>PutRule</c>, <c>GetAccountSummary</c>, <c>GetAlternateContact</c>.</summary>
    public string Operation { get; }
    public AwsProtocol Protocol { get; }
    /// <summary>Request and content headers, case-insensitive; repeated values joined with ", ".</summary>
    public IReadOnlyDictionary<string, string> RequestHeaders { get; }
    /// <summary>The Authorization header as sent (for SigV4 assertions), or null.</summary>
    public string? Authorization => RequestHeaders.GetValueOrDefault("Authorization");
    public string RequestBody { get; }
    /// <summary>awsQuery parameters of the body (empty for other protocols).</summary>
    public IReadOnlyDictionary<string, string> FormParameters =>
        _form ??= Protocol == AwsProtocol.AwsQuery ? AwsWire.ParseForm(RequestBody) : new Dictionary<string, string>();

    /// <summary>HTTP status of the answer; null while pending or when the connection was dropped.</summary>
    public HttpStatusCode? StatusCode { get; internal set; }
    /// <summary>Headers of the answer (response and content), case-insensitive; empty while pending.</summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; internal set; } = new Dictionary<string, string>();
    /// <summary>Body of the answer (forwarded, stubbed or injected).</summary>
    public string? ResponseBody { get; internal set; }
    public CallOutcome Outcome { get; internal set; }

    /// <summary>True unless the operation name starts with Get, List, Describe or Lookup.</summary>
    public bool IsMutating => !IsReadOnlyName(Operation);

    // Test* (EventBridge TestEventPattern, Logs TestMetricFilter) only evaluate what they are given.
    internal static bool IsReadOnlyName(string operation) =>
        operation.StartsWith("Get", StringComparison.Ordinal) || operation.StartsWith("List", StringComparison.Ordinal) ||
        operation.StartsWith("Describe", StringComparison.Ordinal) || operation.StartsWith("Lookup", StringComparison.Ordinal) ||
        operation.StartsWith("Test", StringComparison.Ordinal);

    public bool Is(string service, string operation) =>
        (service == "*" || string.Equals(Service, service, StringComparison.OrdinalIgnoreCase)) &&
        (operation == "*" || string.Equals(Operation, operation, StringComparison.Ordinal));

    public override string ToString() => $"#{Sequence} {Service}:{Operation} -> {(StatusCode is { } s ? (int)s : 0)} {Outcome}";
}
