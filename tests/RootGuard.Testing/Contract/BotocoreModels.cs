using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;

namespace RootGuard.Testing;

/// <summary>Finds and loads botocore's service models (<c>botocore/data/&lt;service&gt;/&lt;version&gt;/service-2.json[.gz]</c>).
/// The data directory is <c>ROOTGUARD_BOTOCORE_DATA</c>, else asked of the Python that runs moto.</summary>
public static class BotocoreModels
{
    private static readonly ConcurrentDictionary<string, JsonElement> Cache = new(StringComparer.OrdinalIgnoreCase);
    private static readonly Lazy<string> Directory = new(Locate);

    /// <summary>Signing names whose model directory has another name.</summary>
    private static readonly Dictionary<string, string> ModelNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["monitoring"] = "cloudwatch",
    };

    public static string DataDirectory => Directory.Value;

    /// <summary>The newest service-2 model of a service, by model directory name or signing name.</summary>
    public static JsonElement Load(string service) => Cache.GetOrAdd(ModelNames.GetValueOrDefault(service) ?? service.ToLowerInvariant(), static name =>
    {
        string serviceDir = Path.Combine(DataDirectory, name);
        if (!System.IO.Directory.Exists(serviceDir)) throw new ArgumentException($"botocore has no model for '{name}' in {DataDirectory}.");
        string versionDir = System.IO.Directory.GetDirectories(serviceDir)
            .Where(d => File.Exists(Path.Combine(d, "service-2.json")) || File.Exists(Path.Combine(d, "service-2.json.gz")))
            .OrderBy(d => d, StringComparer.Ordinal).Last();
        string plain = Path.Combine(versionDir, "service-2.json");
        using Stream stream = File.Exists(plain)
            ? File.OpenRead(plain)
            : new GZipStream(File.OpenRead(plain + ".gz"), CompressionMode.Decompress);
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.Clone();
    });

    private static string Locate()
    {
        if (Environment.GetEnvironmentVariable("ROOTGUARD_BOTOCORE_DATA") is { Length: > 0 } configured) return configured;
        var info = new ProcessStartInfo(MotoServerFixture.Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("import botocore, os; print(os.path.join(os.path.dirname(botocore.__file__), 'data'))");
        using var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start Python to find botocore.");
        string output = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        if (process.ExitCode != 0 || output.Length == 0)
        {
            throw new InvalidOperationException("botocore is not installed (pip install botocore), or set ROOTGUARD_BOTOCORE_DATA to its data directory.");
        }
        return output;
    }
}
