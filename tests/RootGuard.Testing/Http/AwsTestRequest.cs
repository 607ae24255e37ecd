using System.Text;

namespace RootGuard.Testing;

/// <summary>Raw AWS requests for tests that need no SDK: bodies in the protocol's shape and an
/// Authorization header whose credential scope names service and region (the signature is fake;
/// moto and <see cref="RecordingHandler"/> do not check it).</summary>
public static class AwsTestRequest
{
    public static string FakeAuthorization(string service, string region = MotoServerFixture.Region) =>
        $"AWS4-HMAC-SHA256 Credential={MotoServerFixture.AccessKeyId}/20261123/{region}/{service}/aws4_request, " +
        "SignedHeaders=content-type;host;x-amz-date, Signature=0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>awsJson: POST / with <c>X-Amz-Target: {target}</c>, e.g. <c>AWSEvents.PutRule</c>.</summary>
    public static HttpRequestMessage Json(Uri endpoint, string service, string target, string body = "{}", string jsonVersion = "1.1")
    {
        var request = Signed(HttpMethod.Post, endpoint, service);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", $"application/x-amz-json-{jsonVersion}");
        return request;
    }

    /// <summary>awsQuery: POST / with a form body, e.g. <c>Action=CreateTopic&amp;Version=2010-03-31&amp;Name=alerts</c>.</summary>
    public static HttpRequestMessage Query(Uri endpoint, string service, string formBody)
    {
        var request = Signed(HttpMethod.Post, endpoint, service);
        request.Content = new StringContent(formBody, Encoding.UTF8);
        request.Content.Headers.Remove("Content-Type");
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        return request;
    }

    /// <summary>awsQuery from parameters, form-encoded in order.</summary>
    public static HttpRequestMessage Query(Uri endpoint, string service, params (string Key, string Value)[] parameters) =>
        Query(endpoint, service, string.Join('&', parameters.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}")));

    /// <summary>restJson: e.g. POST /getAlternateContact with a JSON body.</summary>
    public static HttpRequestMessage RestJson(Uri endpoint, string service, HttpMethod method, string path, string? body = null)
    {
        var request = Signed(method, new Uri(endpoint, path.TrimStart('/')), service);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.Remove("Content-Type");
            request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        }
        return request;
    }

    private static HttpRequestMessage Signed(HttpMethod method, Uri uri, string service)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.TryAddWithoutValidation("Authorization", FakeAuthorization(service));
        request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261123T110000Z");
        return request;
    }
}
