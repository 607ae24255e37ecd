using System.Net;

namespace RootGuard.Bench.Speed;

/// <summary>
/// An HTTP relay on loopback in front of moto, for the pwsh processes the benchmark starts: it counts their AWS calls
/// and notes when the first one arrived (wall clock, the same clock the scripts print), and passes every request on
/// unchanged. Nothing here is timed by the relay itself.
/// </summary>
internal sealed class AwsRelay : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly HttpClient upstream = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Uri target;
    private readonly Task loop;
    private long firstArrivalUnixMs;
    private int calls;
    private readonly List<RelayedCall> recorded = new();

    public AwsRelay(Uri target)
    {
        this.target = target;
        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        listener.Prefixes.Add(Endpoint.AbsoluteUri);
        listener.Start();
        loop = Task.Run(AcceptAsync);
    }

    public Uri Endpoint { get; }

    public int Calls => Volatile.Read(ref calls);

    /// <summary>When the first request since <see cref="Clear"/> arrived, in Unix milliseconds; 0 when none did.</summary>
    public long FirstArrivalUnixMs => Interlocked.Read(ref firstArrivalUnixMs);

    /// <summary>The calls since <see cref="Clear"/>, each with its arrival, moto's answer and the relay's reply (Stopwatch timestamps).</summary>
    public IReadOnlyList<RelayedCall> Recorded
    {
        get
        {
            lock (recorded) return recorded.OrderBy(c => c.Arrived).ToList();
        }
    }

    public void Clear()
    {
        Interlocked.Exchange(ref firstArrivalUnixMs, 0);
        Interlocked.Exchange(ref calls, 0);
        lock (recorded) recorded.Clear();
    }

    private async Task AcceptAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            var arrived = System.Diagnostics.Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref firstArrivalUnixMs, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 0);
            Interlocked.Increment(ref calls);
            _ = Task.Run(() => ForwardAsync(context, arrived));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context, long arrived)
    {
        try
        {
            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(target, context.Request.RawUrl))
            {
                Content = new ByteArrayContent(body.ToArray()),
            };
            foreach (string? name in context.Request.Headers.AllKeys)
            {
                if (name == null || name is "Host" or "Content-Length" or "Connection" or "Expect") continue;
                var value = context.Request.Headers[name];
                if (!request.Headers.TryAddWithoutValidation(name, value)) request.Content.Headers.TryAddWithoutValidation(name, value);
            }

            var sent = System.Diagnostics.Stopwatch.GetTimestamp();
            using var response = await upstream.SendAsync(request);
            var answer = await response.Content.ReadAsByteArrayAsync();
            var answered = System.Diagnostics.Stopwatch.GetTimestamp();
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                if (header.Key is "Content-Length" or "Transfer-Encoding" or "Connection" or "Server" or "Date") continue;
                context.Response.Headers[header.Key] = string.Join(",", header.Value);
            }

            context.Response.ContentLength64 = answer.Length;
            await context.Response.OutputStream.WriteAsync(answer);
            context.Response.Close();
            lock (recorded) recorded.Add(new RelayedCall(OperationOf(context.Request, body.ToArray()), arrived, sent, answered, System.Diagnostics.Stopwatch.GetTimestamp()));
        }
        catch (Exception)
        {
            try
            {
                context.Response.StatusCode = 502;
                context.Response.Close();
            }
            catch (Exception)
            {
                // The client went away.
            }
        }
    }

    // The JSON protocols name the operation in X-Amz-Target, the query protocols in the form's Action, REST ones in the path.
    private static string OperationOf(HttpListenerRequest request, byte[] body)
    {
        var service = (request.Headers["Authorization"] ?? string.Empty).Split('/').ElementAtOrDefault(3) ?? "?";
        if (request.Headers["X-Amz-Target"] is { } target) return service + ":" + target.Split('.').Last();
        var form = System.Text.Encoding.UTF8.GetString(body);
        var action = form.Split('&').FirstOrDefault(p => p.StartsWith("Action=", StringComparison.Ordinal));
        return service + ":" + (action != null ? action[7..] : request.HttpMethod + " " + request.RawUrl);
    }

    private static int FreePort()
    {
        var socket = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        var port = ((IPEndPoint)socket.LocalEndpoint).Port;
        socket.Stop();
        return port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        upstream.Dispose();
        try
        {
            loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
    }
}

/// <summary>One relayed call: when it arrived, when it was sent on to moto, when moto answered, when the reply was written.</summary>
internal sealed record RelayedCall(string Operation, long Arrived, long Sent, long Answered, long Replied);
