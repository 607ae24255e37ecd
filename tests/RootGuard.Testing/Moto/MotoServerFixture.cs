using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace RootGuard.Testing;

/// <summary>One moto server per test run, on 127.0.0.1 and a free port. xunit collection fixture:
/// each test project declares (a CollectionDefinition is only found in the test assembly itself)
/// <code>[CollectionDefinition("moto")] public class MotoCollection : ICollectionFixture&lt;MotoServerFixture&gt; {}</code>
/// and its moto tests carry <c>[Collection("moto")]</c>, take the fixture in their constructor and call
/// <see cref="Reset"/> there: moto state is shared by the collection.
/// The server runs under a small Python wrapper that exits when its stdin closes or its parent
/// dies, so no server outlives the test run even when the run is killed.</summary>
public sealed class MotoServerFixture : IDisposable
{
    /// <summary>moto's default account id.</summary>
    public const string AccountId = "123456789012";
    public const string Region = "us-east-1";
    public const string AccessKeyId = "testing";
    public const string SecretAccessKey = "testing";

    internal const string MissingMessage = "moto server is not installed: pip install \"moto[server]\"";
    private const int MissingExitCode = 97;

    // Runs moto in this process; a watcher thread ends it when stdin closes (the test host is gone,
    // however it went) or the parent pid changes (reparented after a kill -9 of the host).
    private const string Wrapper = """
import os, sys, threading, logging
try:
    from moto.server import main
except ImportError as e:
    sys.stderr.write("moto import failed: %s\n" % e); sys.stderr.flush(); os._exit(97)
# AWS's documented answers where moto has none, in one place for the tests, the Pester suite and the demo.
sys.path.insert(0, sys.argv[2])
import rootguard_moto
rootguard_moto.apply()
parent = os.getppid()
def watch_stdin():
    try:
        while sys.stdin.buffer.read(1): pass
    except Exception: pass
    os._exit(0)
def watch_parent():
    import time
    while True:
        time.sleep(1)
        if os.getppid() != parent: os._exit(0)
threading.Thread(target=watch_stdin, daemon=True).start()
threading.Thread(target=watch_parent, daemon=True).start()
logging.getLogger("werkzeug").setLevel(logging.ERROR)
main(["-H", "127.0.0.1", "-p", sys.argv[1]])
""";

    private readonly Process _process;
    private readonly Queue<string> _log = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private bool _disposed;

    /// <summary>Starts moto with <see cref="Python"/> (the constructor xunit uses).</summary>
    public MotoServerFixture() : this(Python, null)
    {
    }

    private MotoServerFixture(string python, IReadOnlyDictionary<string, string>? environment)
    {
        var watch = Stopwatch.StartNew();
        int port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _process = Start(python, port, environment);
        WaitUntilAnswering(TimeSpan.FromSeconds(30));
        StartupTime = watch.Elapsed;
        Seeder = new MotoSeeder(Endpoint);
    }

    /// <summary>Starts a server outside xunit's fixtures (a benchmark, the offline demo), with another
    /// interpreter or extra environment for moto (e.g. <c>MOTO_ACCOUNT_ID</c>). Dispose it.</summary>
    public static MotoServerFixture Start(string? pythonExecutable = null, IReadOnlyDictionary<string, string>? environment = null) =>
        new(pythonExecutable ?? Python, environment);

    /// <summary>Base address of the server, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>How long starting moto took, until it answered (about 0.5 s on the dev image).</summary>
    public TimeSpan StartupTime { get; }

    /// <summary>Seeds moto in AWS shapes through boto3.</summary>
    public MotoSeeder Seeder { get; }

    /// <summary>The Python interpreter used: <c>ROOTGUARD_PYTHON</c> or <c>python3</c>.</summary>
    public static string Python => Environment.GetEnvironmentVariable("ROOTGUARD_PYTHON") is { Length: > 0 } p ? p : "python3";

    /// <summary>Clears all moto state (POST /moto-api/reset).</summary>
    public void Reset()
    {
        using var response = _http.PostAsync(new Uri(Endpoint, "moto-api/reset"), null).GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The last lines moto wrote, for diagnosing a failed test.</summary>
    public string RecentLog
    {
        get { lock (_log) return string.Join(Environment.NewLine, _log); }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(3000)) _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
    }

    // tools/moto of the repository this assembly was built in (test projects and the benchmark build under it).
    private static string MotoGapsDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tools", "moto");
            if (File.Exists(Path.Combine(candidate, "rootguard_moto.py")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"tools/moto/rootguard_moto.py was not found above {AppContext.BaseDirectory}.");
    }

    private Process Start(string python, int port, IReadOnlyDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Wrapper);
        info.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        info.ArgumentList.Add(MotoGapsDirectory());
        info.Environment["PYTHONUNBUFFERED"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {python}.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{MissingMessage} ({python} was not found: {e.Message})", e);
        }
        // Drain both pipes: a full pipe would block moto.
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Remember(string? line)
    {
        if (line is null) return;
        lock (_log)
        {
            _log.Enqueue(line);
            while (_log.Count > 200) _log.Dequeue();
        }
    }

    private void WaitUntilAnswering(TimeSpan timeout)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                _process.WaitForExit();
                if (_process.ExitCode == MissingExitCode) throw new InvalidOperationException(MissingMessage);
                throw new InvalidOperationException($"moto server exited with code {_process.ExitCode}: {RecentLog}");
            }
            try
            {
                using var response = probe.GetAsync(new Uri(Endpoint, "moto-api/")).GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Thread.Sleep(25);
        }
        Dispose();
        throw new TimeoutException($"moto server did not answer on {Endpoint} within {timeout.TotalSeconds:0} s: {RecentLog}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
