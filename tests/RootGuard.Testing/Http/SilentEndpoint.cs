using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace RootGuard.Testing;

/// <summary>A TCP listener on loopback that accepts connections and never answers, as a black-holing proxy or a
/// half-dead server does. <see cref="Accepted"/> counts the connections (one per attempt the client makes).</summary>
public sealed class SilentEndpoint : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<Socket> sockets = new();
    private readonly CancellationTokenSource stop = new();
    private int accepted;

    public SilentEndpoint()
    {
        listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        _ = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    sockets.Add(await listener.AcceptSocketAsync(stop.Token));
                    Interlocked.Increment(ref accepted);
                }
                catch (Exception)
                {
                    return;
                }
            }
        });
    }

    public Uri Endpoint { get; }

    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>The connections accepted once at least <paramref name="count"/> have been, or <paramref name="within"/>
    /// has passed. The client may give an attempt up before this listener's accept loop is scheduled to take its
    /// connection from the kernel's queue (a loaded CI machine), so a count read right after the client's failure can
    /// lag the connections it made.</summary>
    public int AcceptedWithin(int count, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (Accepted < count && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        return Accepted;
    }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        foreach (var socket in sockets)
        {
            socket.Dispose();
        }

        stop.Dispose();
    }
}
