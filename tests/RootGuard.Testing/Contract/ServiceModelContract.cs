using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace RootGuard.Testing;

/// <summary>AWS's published model of one service (from botocore) as a contract for wire traffic:
/// checks recorded requests against the operation's input shape and answers (stubbed or real)
/// against its output shape or error list. An empty list of violations means the call keeps the contract.
/// <code>
/// var violations = ServiceModelContract.Check(handler.CallsTo("events", "PutTargets")[0]);
/// Assert.Empty(violations);
/// </code></summary>
public sealed class ServiceModelContract
{
    private static readonly ConcurrentDictionary<string, ServiceModelContract> Contracts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Error codes any AWS service may answer, beyond those an operation lists.</summary>
    private static readonly HashSet<string> CommonErrors = new(StringComparer.Ordinal)
    {
        "AccessDenied", "AccessDeniedException", "IncompleteSignature", "InternalFailure", "InternalServerError",
        "InvalidAction", "InvalidClientTokenId", "InvalidParameterCombination", "InvalidParameterValue",
        "InvalidQueryParameter", "MalformedQueryString", "MissingAction", "MissingAuthenticationToken",
        "MissingParameter", "NotAuthorized", "OptInRequired", "RequestExpired", "ServiceUnavailable",
        "Throttling", "ThrottlingException", "ValidationError", "ValidationException", "ExpiredToken",
        "ExpiredTokenException", "UnrecognizedClientException", "SignatureDoesNotMatch", "RequestLimitExceeded",
        "TooManyRequestsException", "Throttled", "UnknownOperationException", "SerializationException",
    };

    private readonly JsonElement _shapes;
    private readonly JsonElement _operations;
    private readonly JsonElement _metadata;

    private ServiceModelContract(string service, JsonElement model)
    {
        Service = service;
        _shapes = model.GetProperty("shapes");
        _operations = model.GetProperty("operations");
        _metadata = model.GetProperty("metadata");
    }

    /// <summary>The contract of a service, by signing name (<c>events</c>, <c>monitoring</c>) or model name.</summary>
    public static ServiceModelContract For(string service) =>
        Contracts.GetOrAdd(service, s => new ServiceModelContract(s, BotocoreModels.Load(s)));

    /// <summary>Checks a recorded call's request, and its answer when the handler made it
    /// (stubbed or faulted): those are ours to get right; moto's answers are moto's.</summary>
    public static IReadOnlyList<ContractViolation> Check(RecordedCall call)
    {
        if (call.Service.Length == 0)
        {
            return [new ContractViolation("Authorization", $"no SigV4 credential scope, so the service of '{call.Operation}' is unknown")];
        }
        var contract = For(call.Service);
        var violations = contract.CheckRequest(call).ToList();
        if (call.Outcome is CallOutcome.Stubbed or CallOutcome.Faulted) violations.AddRange(contract.CheckResponse(call));
        return violations;
    }

    public string Service { get; }
    public string ApiVersion => _metadata.GetProperty("apiVersion").GetString()!;
    /// <summary>The model's protocol: json, query, rest-json, smithy-rpc-v2-cbor …</summary>
    public string ModelProtocol => _metadata.GetProperty("protocol").GetString()!;
    public IReadOnlyCollection<string> Operations => _operations.EnumerateObject().Select(o => o.Name).ToArray();
    public bool HasOperation(string operation) => _operations.TryGetProperty(operation, out _);

    /// <summary>Whether a model pattern (a Java regex) can be checked here after translation.</summary>
    public static bool PatternCompiles(string pattern) => ShapeValidator.Compile(pattern) is not null;

    // ---- requests -----------------------------------------------------------------------------

    public IReadOnlyList<ContractViolation> CheckRequest(RecordedCall call) =>
        CheckRequest(call.Operation, call.Protocol, call.RequestBody, call.Method, call.Uri?.PathAndQuery ?? "/", call.RequestHeaders);

    public IReadOnlyList<ContractViolation> CheckRequest(string operation, AwsProtocol protocol, string body,
        string method = "POST", string pathAndQuery = "/", IReadOnlyDictionary<string, string>? headers = null)
    {
        var violations = new List<ContractViolation>();
        if (!_operations.TryGetProperty(operation, out var op))
        {
            violations.Add(new ContractViolation("$", $"{Service} has no operation '{operation}'"));
            return violations;
        }
        string? input = op.TryGetProperty("input", out var i) ? i.GetProperty("shape").GetString() : null;
        JsonNode? tree;
        bool textMode = false;
        switch (protocol)
        {
            case AwsProtocol.AwsJson:
                if (headers is not null) CheckJsonEnvelope(operation, headers, violations);
                if (!TryParseJson(body.Length == 0 ? "{}" : body, violations, out tree)) return violations;
                break;
            case AwsProtocol.AwsQuery:
                tree = DecodeQueryRequest(operation, input, AwsWire.ParseForm(body), violations);
                textMode = true;
                break;
            case AwsProtocol.RestJson:
                tree = DecodeRestJsonRequest(op, input, method, pathAndQuery, headers, body, violations);
                if (tree is null) return violations;
                break;
            default:
                violations.Add(new ContractViolation("$", $"the request's protocol cannot be told ({method} {pathAndQuery})"));
                return violations;
        }
        if (input is null)
        {
            if (tree is JsonObject { Count: > 0 } extra)
            {
                foreach (var (name, _) in extra) violations.Add(new ContractViolation(name, "unknown member (the operation takes no input)"));
            }
            return violations;
        }
        new ShapeValidator(_shapes, textMode, violations).Validate(input, tree, "");
        return violations;
    }

    private void CheckJsonEnvelope(string operation, IReadOnlyDictionary<string, string> headers, List<ContractViolation> violations)
    {
        if (_metadata.TryGetProperty("targetPrefix", out var prefix) &&
            headers.GetValueOrDefault("X-Amz-Target") is { } target && target != $"{prefix.GetString()}.{operation}")
        {
            violations.Add(new ContractViolation("X-Amz-Target", $"expected '{prefix.GetString()}.{operation}', got '{target}'"));
        }
        if (_metadata.TryGetProperty("jsonVersion", out var version) && headers.GetValueOrDefault("Content-Type") is { } type &&
            !type.StartsWith($"application/x-amz-json-{version.GetString()}", StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new ContractViolation("Content-Type", $"expected 'application/x-amz-json-{version.GetString()}', got '{type}'"));
        }
    }

    private JsonNode DecodeQueryRequest(string operation, string? input, Dictionary<string, string> form, List<ContractViolation> violations)
    {
        var consumed = new HashSet<string>(StringComparer.Ordinal) { "Action", "Version" };
        if (form.GetValueOrDefault("Action") != operation) violations.Add(new ContractViolation("Action", $"expected '{operation}'"));
        if (form.GetValueOrDefault("Version") is var v && v != ApiVersion)
        {
            violations.Add(new ContractViolation("Version", $"expected '{ApiVersion}', got '{v}'"));
        }
        JsonNode tree = input is null ? new JsonObject() : new WireDecoders(_shapes).DecodeQuery(input, "", form, consumed) ?? new JsonObject();
        foreach (var key in form.Keys.Where(k => !consumed.Contains(k)).OrderBy(k => k, StringComparer.Ordinal))
        {
            violations.Add(new ContractViolation(key, "unknown member"));
        }
        return tree;
    }

    private JsonNode? DecodeRestJsonRequest(JsonElement op, string? input, string method, string pathAndQuery,
        IReadOnlyDictionary<string, string>? headers, string body, List<ContractViolation> violations)
    {
        var http = op.GetProperty("http");
        string expectedMethod = http.GetProperty("method").GetString()!;
        if (!string.Equals(expectedMethod, method, StringComparison.OrdinalIgnoreCase))
        {
            violations.Add(new ContractViolation("$", $"expected HTTP {expectedMethod}, got {method}"));
        }
        string template = http.GetProperty("requestUri").GetString()!.Split('?')[0];
        string path = pathAndQuery.Split('?')[0];
        var labels = MatchUri(template, path);
        if (labels is null)
        {
            violations.Add(new ContractViolation("$", $"path '{path}' does not match '{template}'"));
            return null;
        }
        if (!TryParseJson(body.Length == 0 ? "{}" : body, violations, out var tree)) return null;
        var obj = tree as JsonObject ?? new JsonObject();
        if (input is null) return obj;
        var query = pathAndQuery.Contains('?') ? AwsWire.ParseForm(pathAndQuery[(pathAndQuery.IndexOf('?') + 1)..]) : [];
        if (_shapes.GetProperty(input).TryGetProperty("members", out var members))
        {
            foreach (var member in members.EnumerateObject())
            {
                string location = member.Value.TryGetProperty("location", out var l) ? l.GetString()! : "";
                string name = member.Value.TryGetProperty("locationName", out var n) ? n.GetString()! : member.Name;
                string? raw = location switch
                {
                    "uri" => labels.GetValueOrDefault(name),
                    "querystring" => query.GetValueOrDefault(name),
                    "header" => headers?.GetValueOrDefault(name),
                    _ => null,
                };
                if (raw is not null) obj[member.Name] = Typed(member.Value.GetProperty("shape").GetString()!, raw);
            }
        }
        return obj;
    }

    private JsonNode? Typed(string shapeName, string raw) => _shapes.GetProperty(shapeName).GetProperty("type").GetString() switch
    {
        "integer" or "long" when long.TryParse(raw, out var l) => JsonValue.Create(l),
        "boolean" when bool.TryParse(raw, out var b) => JsonValue.Create(b),
        _ => JsonValue.Create(raw),
    };

    private static Dictionary<string, string>? MatchUri(string template, string path)
    {
        var t = template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var p = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < t.Length; i++)
        {
            if (t[i].StartsWith('{') && t[i].EndsWith("+}", StringComparison.Ordinal))
            {
                labels[t[i][1..^2]] = Uri.UnescapeDataString(string.Join('/', p.Skip(i)));
                return labels;
            }
            if (i >= p.Length) return null;
            if (t[i].StartsWith('{')) labels[t[i][1..^1]] = Uri.UnescapeDataString(p[i]);
            else if (t[i] != p[i]) return null;
        }
        return t.Length == p.Length ? labels : null;
    }

    // ---- responses ----------------------------------------------------------------------------

    public IReadOnlyList<ContractViolation> CheckResponse(RecordedCall call) =>
        CheckResponse(call.Operation, call.Protocol, call.StatusCode ?? HttpStatusCode.OK, call.ResponseBody ?? "", call.ResponseHeaders);

    /// <summary>Checks an answer: a success body against the output shape (XML for awsQuery, JSON
    /// otherwise), an error for a code the operation (or AWS at large) can send, in the right shape.</summary>
    public IReadOnlyList<ContractViolation> CheckResponse(string operation, AwsProtocol protocol, HttpStatusCode status, string body,
        IReadOnlyDictionary<string, string>? headers = null)
    {
        var violations = new List<ContractViolation>();
        if (!_operations.TryGetProperty(operation, out var op))
        {
            violations.Add(new ContractViolation("$", $"{Service} has no operation '{operation}'"));
            return violations;
        }
        if ((int)status >= 300)
        {
            CheckError(op, protocol, status, body, headers, violations);
            return violations;
        }
        string? output = op.TryGetProperty("output", out var o) ? o.GetProperty("shape").GetString() : null;
        if (protocol == AwsProtocol.AwsQuery)
        {
            CheckQueryResponse(operation, o, output, body, violations);
            return violations;
        }
        if (!TryParseJson(body.Length == 0 ? "{}" : body, violations, out var tree)) return violations;
        if (output is null)
        {
            if (tree is JsonObject { Count: > 0 }) violations.Add(new ContractViolation("$", "the operation has no output, but the body has members"));
            return violations;
        }
        if (protocol == AwsProtocol.RestJson && tree is JsonObject obj && _shapes.GetProperty(output).TryGetProperty("members", out var members))
        {
            // Members bound to headers or the status code are not in the body.
            foreach (var m in members.EnumerateObject().Where(m => m.Value.TryGetProperty("location", out _))) obj.Remove(m.Name);
        }
        new ShapeValidator(_shapes, false, violations).Validate(output, tree, "");
        return violations;
    }

    private void CheckQueryResponse(string operation, JsonElement outputRef, string? output, string body, List<ContractViolation> violations)
    {
        XElement root;
        try
        {
            root = XElement.Parse(body);
        }
        catch (XmlException e)
        {
            violations.Add(new ContractViolation("$", $"not XML: {e.Message}"));
            return;
        }
        if (root.Name.LocalName != operation + "Response") violations.Add(new ContractViolation("$", $"root element must be <{operation}Response>, got <{root.Name.LocalName}>"));
        string? ns = _metadata.TryGetProperty("xmlNamespace", out var x) ? x.GetString() : null;
        if (ns is not null && root.Name.NamespaceName != ns) violations.Add(new ContractViolation("$", $"namespace must be '{ns}', got '{root.Name.NamespaceName}'"));
        if (root.Elements().FirstOrDefault(e => e.Name.LocalName == "ResponseMetadata")?.Elements().Any(e => e.Name.LocalName == "RequestId") != true)
        {
            violations.Add(new ContractViolation("ResponseMetadata", "missing ResponseMetadata/RequestId"));
        }
        if (output is null) return;
        string wrapper = outputRef.TryGetProperty("resultWrapper", out var w) ? w.GetString()! : operation + "Result";
        var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == wrapper);
        if (result is null)
        {
            violations.Add(new ContractViolation("$", $"missing <{wrapper}>"));
            return;
        }
        var tree = new WireDecoders(_shapes).DecodeXml(output, result, "", violations);
        new ShapeValidator(_shapes, true, violations).Validate(output, tree, "");
    }

    private void CheckError(JsonElement op, AwsProtocol protocol, HttpStatusCode status, string body,
        IReadOnlyDictionary<string, string>? headers, List<ContractViolation> violations)
    {
        string? code = headers?.GetValueOrDefault("x-amzn-ErrorType");
        if (protocol == AwsProtocol.AwsQuery)
        {
            try
            {
                var error = XElement.Parse(body).Elements().FirstOrDefault(e => e.Name.LocalName == "Error");
                code = error?.Elements().FirstOrDefault(e => e.Name.LocalName == "Code")?.Value;
                if (error?.Elements().Any(e => e.Name.LocalName == "Message") != true) violations.Add(new ContractViolation("Error", "missing <Message>"));
            }
            catch (XmlException e)
            {
                violations.Add(new ContractViolation("$", $"error body is not XML: {e.Message}"));
                return;
            }
        }
        else if (TryParseJson(body.Length == 0 ? "{}" : body, violations, out var tree))
        {
            code ??= tree?["__type"]?.GetValue<string>() ?? tree?["code"]?.GetValue<string>();
            if (protocol == AwsProtocol.RestJson && code is null && headers is null) return; // code travels in x-amzn-ErrorType
        }
        if (code is null)
        {
            violations.Add(new ContractViolation("$", "error without a code"));
            return;
        }
        code = code.Split('#').Last().Split(':')[0];
        var known = op.TryGetProperty("errors", out var errors) ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!) : [];
        foreach (var shapeName in known)
        {
            var shape = _shapes.GetProperty(shapeName);
            var error = shape.TryGetProperty("error", out var e) ? e : default;
            string wireCode = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("code", out var c) ? c.GetString()! : shapeName;
            if (wireCode != code && shapeName != code) continue;
            if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("httpStatusCode", out var s) && s.GetInt32() != (int)status)
            {
                violations.Add(new ContractViolation("$", $"{code} is sent with HTTP {s.GetInt32()}, not {(int)status}"));
            }
            return;
        }
        if (!CommonErrors.Contains(code)) violations.Add(new ContractViolation("$", $"'{code}' is not an error this operation can return"));
    }

    private static bool TryParseJson(string body, List<ContractViolation> violations, out JsonNode? tree)
    {
        try
        {
            tree = JsonNode.Parse(body);
            return true;
        }
        catch (JsonException e)
        {
            violations.Add(new ContractViolation("$", $"not JSON: {e.Message}"));
            tree = null;
            return false;
        }
    }
}
