using System.Net;
using System.Text;

namespace RootGuard.Testing;

/// <summary>An answer the handler gives instead of the real target. Bodies are written in the
/// wire shape of the protocol; <see cref="Error"/> picks its shape from the request.</summary>
public sealed class StubResponse
{
    private StubResponse(HttpStatusCode status, string body, string? contentType, string? errorCode)
    {
        Status = status;
        Body = body;
        ContentType = contentType;
        ErrorCode = errorCode;
    }

    public HttpStatusCode Status { get; }
    public string Body { get; }
    public string? ContentType { get; }
    /// <summary>Set for AWS errors; the body is then rendered for the request's protocol.</summary>
    public string? ErrorCode { get; }
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A JSON answer (awsJson or restJson). Content type follows the request when null.</summary>
    public static StubResponse Json(string json, HttpStatusCode status = HttpStatusCode.OK, string? contentType = null) =>
        new(status, json, contentType, null);

    /// <summary>A raw XML answer.</summary>
    public static StubResponse Xml(string xml, HttpStatusCode status = HttpStatusCode.OK) => new(status, xml, "text/xml", null);

    /// <summary>An awsQuery success: <c>&lt;XResponse xmlns=ns&gt;&lt;XResult&gt;inner&lt;/XResult&gt;&lt;ResponseMetadata&gt;…</c>.</summary>
    public static StubResponse QueryResult(string service, string operation, string resultInnerXml)
    {
        string ns = AwsWire.QueryNamespaceFor(service) ?? throw new ArgumentException($"No awsQuery namespace known for '{service}'.", nameof(service));
        string xml = $"<{operation}Response xmlns=\"{ns}\"><{operation}Result>{resultInnerXml}</{operation}Result>" +
                     $"<ResponseMetadata><RequestId>{Guid.NewGuid()}</RequestId></ResponseMetadata></{operation}Response>";
        return Xml(xml);
    }

    /// <summary>An AWS error in the request's protocol (awsJson __type, awsQuery ErrorResponse, restJson header).</summary>
    public static StubResponse Error(string code, HttpStatusCode status = HttpStatusCode.BadRequest, string? message = null) =>
        new(status, message ?? "", null, code);

    public StubResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }

    internal HttpResponseMessage ToHttpResponse(RecordedCall call)
    {
        HttpResponseMessage response;
        if (ErrorCode is not null)
        {
            response = AwsWire.ErrorResponse(call, ErrorCode, Status, Body.Length == 0 ? null : Body);
        }
        else
        {
            response = new HttpResponseMessage(Status);
            string contentType = ContentType ?? (call.Protocol == AwsProtocol.AwsJson
                ? call.RequestHeaders.GetValueOrDefault("Content-Type") ?? "application/x-amz-json-1.1"
                : "application/json");
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            response.Content = content;
            response.Headers.TryAddWithoutValidation("x-amzn-RequestId", Guid.NewGuid().ToString());
        }
        foreach (var (k, v) in Headers) response.Headers.TryAddWithoutValidation(k, v);
        return response;
    }
}
