using System.Net;
using System.Security;
using System.Text;
using System.Text.Json;

namespace RootGuard.Testing;

/// <summary>The wire protocol a request was sent with, as told by its headers and body.</summary>
public enum AwsProtocol
{
    Unknown,
    /// <summary>awsJson1_0 / awsJson1_1: POST /, <c>X-Amz-Target: Prefix.Operation</c>.</summary>
    AwsJson,
    /// <summary>awsQuery: form body with <c>Action</c> and <c>Version</c>, XML responses.</summary>
    AwsQuery,
    /// <summary>restJson1: operation from method and path (Account).</summary>
    RestJson,
}

/// <summary>Reads AWS facts off raw HTTP requests and writes AWS-shaped error responses.</summary>
public static class AwsWire
{
    /// <summary>XML namespaces of the awsQuery services RootGuard calls, by signing name.</summary>
    private static readonly Dictionary<string, string> QueryNamespaces = new(StringComparer.OrdinalIgnoreCase)
    {
        ["iam"] = "https://iam.amazonaws.com/doc/2010-05-08/",
        ["sts"] = "https://sts.amazonaws.com/doc/2011-06-15/",
        ["sns"] = "http://sns.amazonaws.com/doc/2010-03-31/",
        ["monitoring"] = "http://monitoring.amazonaws.com/doc/2010-08-01/",
    };

    /// <summary>Service and region from the SigV4 credential scope
    /// (<c>Credential=AKID/20261123/us-east-1/events/aws4_request</c>), header or presigned query.</summary>
    public static (string Service, string Region) ParseCredentialScope(string? authorization, string? query = null)
    {
        string? credential = null;
        if (!string.IsNullOrEmpty(authorization))
        {
            int i = authorization.IndexOf("Credential=", StringComparison.Ordinal);
            if (i >= 0)
            {
                int start = i + "Credential=".Length;
                int end = authorization.IndexOfAny([',', ' '], start);
                credential = end < 0 ? authorization[start..] : authorization[start..end];
            }
        }
        if (credential is null && !string.IsNullOrEmpty(query))
        {
            credential = ParseForm(query.TrimStart('?')).GetValueOrDefault("X-Amz-Credential");
        }
        if (credential is null) return ("", "");
        var parts = credential.Split('/');
        return parts.Length >= 5 ? (parts[^2], parts[^3]) : ("", "");
    }

    /// <summary>Decodes an application/x-www-form-urlencoded body; keeps the last value of a repeated key.</summary>
    public static Dictionary<string, string> ParseForm(string body)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in body.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = pair.IndexOf('=');
            string key = Decode(eq < 0 ? pair : pair[..eq]);
            string value = eq < 0 ? "" : Decode(pair[(eq + 1)..]);
            result[key] = value;
        }
        return result;

        static string Decode(string s) => Uri.UnescapeDataString(s.Replace('+', ' '));
    }

    /// <summary>Works out protocol and operation name of a request.</summary>
    public static (AwsProtocol Protocol, string Operation) ParseOperation(
        string method, Uri? uri, IReadOnlyDictionary<string, string> headers, string body)
    {
        if (headers.TryGetValue("X-Amz-Target", out var target) && !string.IsNullOrEmpty(target))
        {
            int dot = target.LastIndexOf('.');
            return (AwsProtocol.AwsJson, dot < 0 ? target : target[(dot + 1)..]);
        }
        headers.TryGetValue("Content-Type", out var contentType);
        bool form = contentType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true;
        if (form || body.StartsWith("Action=", StringComparison.Ordinal) || body.Contains("&Action=", StringComparison.Ordinal))
        {
            if (ParseForm(body).TryGetValue("Action", out var action)) return (AwsProtocol.AwsQuery, action);
        }
        if (uri is not null && !string.IsNullOrEmpty(uri.Query) && ParseForm(uri.Query.TrimStart('?')).TryGetValue("Action", out var qa))
        {
            return (AwsProtocol.AwsQuery, qa);
        }
        // restJson1 (Account): POST /getAlternateContact -> GetAlternateContact.
        string path = uri?.AbsolutePath ?? "/";
        var segment = path.Split('/', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (string.IsNullOrEmpty(segment)) return (AwsProtocol.Unknown, method.ToUpperInvariant() + " " + path);
        return (AwsProtocol.RestJson, char.ToUpperInvariant(segment[0]) + segment[1..]);
    }

    /// <summary>The throttling error each service really sends (code, HTTP status).</summary>
    public static (string Code, HttpStatusCode Status) ThrottlingErrorFor(string service) => service.ToLowerInvariant() switch
    {
        "sns" => ("Throttled", (HttpStatusCode)429),
        "iam" or "sts" or "monitoring" => ("Throttling", HttpStatusCode.BadRequest),
        "organizations" => ("TooManyRequestsException", HttpStatusCode.BadRequest),
        "account" => ("TooManyRequestsException", (HttpStatusCode)429),
        _ => ("ThrottlingException", HttpStatusCode.BadRequest),
    };

    /// <summary>The awsQuery XML namespace of a service, or null when unknown.</summary>
    public static string? QueryNamespaceFor(string service) => QueryNamespaces.GetValueOrDefault(service);

    /// <summary>Builds an error response in the wire shape of the request's protocol.</summary>
    public static HttpResponseMessage ErrorResponse(RecordedCall call, string code, HttpStatusCode status, string? message)
    {
        message ??= $"Injected {code} for {call.Service}:{call.Operation}";
        string requestId = Guid.NewGuid().ToString();
        var response = new HttpResponseMessage(status);
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", requestId);
        switch (call.Protocol)
        {
            case AwsProtocol.AwsQuery:
            {
                string ns = QueryNamespaceFor(call.Service) is { } n ? $" xmlns=\"{n}\"" : "";
                string type = (int)status >= 500 ? "Receiver" : "Sender";
                string xml = $"<ErrorResponse{ns}><Error><Type>{type}</Type><Code>{Esc(code)}</Code>" +
                             $"<Message>{Esc(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>";
                response.Content = new StringContent(xml, Encoding.UTF8, "text/xml");
                break;
            }
            case AwsProtocol.RestJson:
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", code);
                response.Content = JsonContent(JsonSerializer.Serialize(new Dictionary<string, string> { ["message"] = message }), "application/json");
                break;
            default:
            {
                response.Headers.TryAddWithoutValidation("x-amzn-ErrorType", code);
                string contentType = call.RequestHeaders.GetValueOrDefault("Content-Type") ?? "application/x-amz-json-1.1";
                string body = JsonSerializer.Serialize(new Dictionary<string, string> { ["__type"] = code, ["message"] = message });
                response.Content = JsonContent(body, contentType);
                break;
            }
        }
        return response;
    }

    internal static ByteArrayContent JsonContent(string body, string contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    internal static string Esc(string s) => SecurityElement.Escape(s) ?? "";
}
