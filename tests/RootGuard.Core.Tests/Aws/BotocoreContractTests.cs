using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using RootGuard.Core.Aws;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

/// <summary>
/// Every operation's request, as sent, checked against botocore's service model (the AWS contract): target or
/// action and version, method and path, signing name, and member names.
/// </summary>
public sealed class BotocoreContractTests
{
    public static TheoryData<string, string> Operations()
    {
        var data = new TheoryData<string, string>();
        foreach (var (service, client) in Clients)
        {
            foreach (var method in client.GetMethods().Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal)))
            {
                data.Add(service, method.Name[..^"Async".Length]);
            }
        }

        return data;
    }

    private static readonly (string Model, Type Client)[] Clients =
    {
        ("events", typeof(RootGuard.Core.Aws.EventBridge.IEventBridgeClient)),
        ("sns", typeof(RootGuard.Core.Aws.Sns.ISnsClient)),
        ("cloudwatch", typeof(RootGuard.Core.Aws.CloudWatch.ICloudWatchClient)),
        ("logs", typeof(RootGuard.Core.Aws.CloudWatchLogs.ICloudWatchLogsClient)),
        ("cloudtrail", typeof(RootGuard.Core.Aws.CloudTrail.ICloudTrailClient)),
        ("iam", typeof(RootGuard.Core.Aws.Iam.IIamClient)),
        ("account", typeof(RootGuard.Core.Aws.Account.IAccountClient)),
        ("organizations", typeof(RootGuard.Core.Aws.Organizations.IOrganizationsClient)),
        ("kms", typeof(RootGuard.Core.Aws.Kms.IKmsClient)),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public async Task The_request_matches_the_botocore_model(string model, string operation)
    {
        var botocore = BotocoreData();
        if (botocore == null)
        {
            return; // botocore is not installed: nothing to check against.
        }

        using var document = Load(botocore, model);
        var root = document.RootElement;
        var metadata = root.GetProperty("metadata");
        var op = root.GetProperty("operations").GetProperty(operation);
        var inputMembers = op.TryGetProperty("input", out var input)
            ? root.GetProperty("shapes").GetProperty(input.GetProperty("shape").GetString()!).GetProperty("members").EnumerateObject().Select(p => p.Name).ToHashSet()
            : new HashSet<string>();

        // CloudWatch's model now prefers CBOR but still serves awsQuery, which RootGuard uses (moto speaks it).
        var protocol = model == "cloudwatch" ? "query" : metadata.GetProperty("protocol").GetString()!;
        var handler = new AnswerEverything(protocol, operation);
        using var factory = new AwsClientFactory(TestClients.Connection("us-east-1", null), new AwsClientFactoryOptions { HttpHandlerFactory = () => handler });
        var client = Clients.Single(c => c.Model == model).Client;
        var create = typeof(AwsClientFactory).GetMethods().Single(candidate => candidate.ReturnType == client);
        var instance = create.Invoke(factory, create.GetParameters().Select(_ => (object?)null).ToArray())!;
        var method = client.GetMethod(operation + "Async")!;
        var request = Populated(method.GetParameters()[0].ParameterType);
        await (Task)method.Invoke(instance, new[] { request, CancellationToken.None })!;

        var sent = handler.Request!;
        var signingName = metadata.TryGetProperty("signingName", out var s) ? s.GetString() : metadata.GetProperty("endpointPrefix").GetString();
        Assert.Contains($"/{signingName}/aws4_request", handler.Authorization);

        IEnumerable<string> sentMembers;
        switch (protocol)
        {
            case "json":
                Assert.Equal(metadata.GetProperty("targetPrefix").GetString() + "." + operation, handler.Target);
                Assert.Equal("application/x-amz-json-" + metadata.GetProperty("jsonVersion").GetString(), handler.ContentType);
                sentMembers = JsonDocument.Parse(handler.Body).RootElement.EnumerateObject().Select(p => p.Name).ToList();
                break;
            case "rest-json":
                Assert.Equal(op.GetProperty("http").GetProperty("method").GetString(), sent.Method.Method);
                Assert.Equal(op.GetProperty("http").GetProperty("requestUri").GetString(), sent.RequestUri!.AbsolutePath);
                sentMembers = JsonDocument.Parse(handler.Body).RootElement.EnumerateObject().Select(p => p.Name).ToList();
                break;
            default:
                var form = handler.Body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                    .Select(pair => pair.Split('=')).ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1].Replace('+', ' ')));
                Assert.Equal(operation, form["Action"]);
                Assert.Equal(metadata.GetProperty("apiVersion").GetString(), form["Version"]);
                sentMembers = form.Keys.Where(k => k != "Action" && k != "Version").Select(k => k.Split('.')[0]).Distinct().ToList();
                break;
        }

        Assert.All(sentMembers, member => Assert.Contains(member, inputMembers));

        var wireProtocol = protocol switch { "json" => RootGuard.Testing.AwsProtocol.AwsJson, "rest-json" => RootGuard.Testing.AwsProtocol.RestJson, _ => RootGuard.Testing.AwsProtocol.AwsQuery };
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (handler.Target != null) headers["X-Amz-Target"] = handler.Target;
        if (handler.ContentType != null) headers["Content-Type"] = handler.ContentType;
        var violations = RootGuard.Testing.ServiceModelContract.For(model)
            .CheckRequest(operation, wireProtocol, handler.Body, sent.Method.Method, sent.RequestUri!.PathAndQuery, headers);

        // The placeholder values break enums, patterns and nested required members; the encoding itself must not.
        string[] placeholderFaults = { "is not one of", "below the minimum", "does not match pattern", "required member is missing" };
        Assert.DoesNotContain(violations, v => !placeholderFaults.Any(fault => v.Message.Contains(fault, StringComparison.Ordinal)));
        Assert.Equal(inputMembers.Count == 0 ? 0 : 1, Math.Min(1, sentMembers.Count()));
    }

    [Fact]
    public void The_generated_RuleState_lists_the_values_of_the_botocore_model()
    {
        var botocore = BotocoreData();
        if (botocore == null)
        {
            return; // botocore is not installed: nothing to check against.
        }

        using var document = Load(botocore, "events");
        var values = document.RootElement.GetProperty("shapes").GetProperty("RuleState").GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).ToList();
        Assert.Equal(values, RootGuard.Core.Aws.EventBridge.Model.RuleState.Values);
        Assert.Contains("ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS", RootGuard.Core.SignInAlert.RuleStates.Enabled);
        Assert.DoesNotContain("DISABLED", RootGuard.Core.SignInAlert.RuleStates.Enabled);
    }

    // Fills every scalar and string list at the top level, so each member's wire name shows.
    private static object Populated(Type requestType)
    {
        var request = Activator.CreateInstance(requestType)!;
        foreach (var property in requestType.GetProperties().Where(p => p.CanWrite && p.DeclaringType == requestType))
        {
            var type = property.PropertyType;
            if (type == typeof(string)) property.SetValue(request, "x");
            else if (type == typeof(int?)) property.SetValue(request, 1);
            else if (type == typeof(long?)) property.SetValue(request, 1L);
            else if (type == typeof(double?)) property.SetValue(request, 1d);
            else if (type == typeof(bool?)) property.SetValue(request, true);
            else if (type == typeof(DateTime?)) property.SetValue(request, new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc));
            else if (type == typeof(List<string>)) property.SetValue(request, new List<string> { "x" });
            else if (type == typeof(Dictionary<string, string>)) property.SetValue(request, new Dictionary<string, string> { ["k"] = "v" });
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                var list = (IList)Activator.CreateInstance(type)!;
                list.Add(Activator.CreateInstance(type.GetGenericArguments()[0]));
                property.SetValue(request, list);
            }
        }

        return request;
    }

    private static JsonDocument Load(string botocore, string model)
    {
        var directory = Directory.GetDirectories(Path.Combine(botocore, model)).OrderBy(d => d, StringComparer.Ordinal).Last();
        var plain = Path.Combine(directory, "service-2.json");
        if (File.Exists(plain))
        {
            return JsonDocument.Parse(File.ReadAllText(plain));
        }

        using var gzip = new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
        return JsonDocument.Parse(gzip);
    }

    private static string? botocoreData;

    private static string? BotocoreData()
    {
        if (botocoreData != null)
        {
            return botocoreData.Length == 0 ? null : botocoreData;
        }

        var fromEnvironment = Environment.GetEnvironmentVariable("ROOTGUARD_BOTOCORE_DATA");
        if (!string.IsNullOrEmpty(fromEnvironment))
        {
            return botocoreData = fromEnvironment;
        }

        try
        {
            var python = Environment.GetEnvironmentVariable("ROOTGUARD_PYTHON") is { Length: > 0 } p ? p : "python3";
            using var process = Process.Start(new ProcessStartInfo(python, "-c \"import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))\"")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            })!;
            var path = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            botocoreData = process.ExitCode == 0 && Directory.Exists(path) ? path : string.Empty;
        }
        catch (Exception)
        {
            botocoreData = string.Empty;
        }

        return botocoreData.Length == 0 ? null : botocoreData;
    }

    /// <summary>Keeps the request and answers it with an empty success in the protocol's shape.</summary>
    private sealed class AnswerEverything : HttpMessageHandler
    {
        private readonly string protocol;
        private readonly string operation;

        public AnswerEverything(string protocol, string operation)
        {
            this.protocol = protocol;
            this.operation = operation;
        }

        public HttpRequestMessage? Request { get; private set; }

        public string Body { get; private set; } = string.Empty;

        public string? Authorization { get; private set; }

        public string? Target { get; private set; }

        public string? ContentType { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Authorization = request.Headers.TryGetValues("Authorization", out var auth) ? auth.Single() : null;
            Target = request.Headers.TryGetValues("X-Amz-Target", out var target) ? target.Single() : null;
            ContentType = request.Content?.Headers.ContentType?.MediaType;
            Body = request.Content == null ? string.Empty : await request.Content.ReadAsStringAsync(cancellationToken);
            var body = protocol == "query" ? $"<{operation}Response><{operation}Result/></{operation}Response>" : "{}";
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8, protocol == "query" ? "text/xml" : "application/json") };
        }
    }
}
