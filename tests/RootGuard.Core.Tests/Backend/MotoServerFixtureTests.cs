using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using System.IO;
using System.Net.Http;
using RootGuard.Testing;
using Xunit;
using Xunit.Abstractions;

namespace RootGuard.Core.Tests.Backend;

[Collection("moto")]
public class MotoServerFixtureTests
{
    private readonly MotoServerFixture _moto;
    private readonly ITestOutputHelper _output;

    public MotoServerFixtureTests(MotoServerFixture moto, ITestOutputHelper output)
    {
        _moto = moto;
        _output = output;
        _moto.Reset();
    }

    [Fact]
    public void Moto_answers_on_a_loopback_port()
    {
        _output.WriteLine($"moto started in {_moto.StartupTime.TotalMilliseconds:0} ms on {_moto.Endpoint}");
        Assert.Equal("127.0.0.1", _moto.Endpoint.Host);
        Assert.True(_moto.StartupTime < TimeSpan.FromSeconds(20));
        using var http = new HttpClient();
        using var response = http.GetAsync(new Uri(_moto.Endpoint, "moto-api/")).GetAwaiter().GetResult();
        Assert.True(response.IsSuccessStatusCode);
    }

    [Fact]
    public void Reset_clears_what_was_seeded()
    {
        _moto.Seeder.CreateTopic("before-reset");
        Assert.Contains("before-reset", ListTopics());
        _moto.Reset();
        Assert.DoesNotContain("before-reset", ListTopics());
    }

    [Fact]
    public void Seeder_creates_a_logging_trail_with_cloudwatch_logs_delivery()
    {
        var (trailArn, logGroupArn) = _moto.Seeder.CreateTrailWithLogs("seeded-trail", "seeded-group");
        Assert.Equal($"arn:aws:cloudtrail:us-east-1:{MotoServerFixture.AccountId}:trail/seeded-trail", trailArn);
        var status = _moto.Seeder.RunBoto3Json("""
ct = client("cloudtrail")
t = ct.get_trail(Name="seeded-trail")["Trail"]
out({"logging": ct.get_trail_status(Name="seeded-trail")["IsLogging"], "group": t["CloudWatchLogsLogGroupArn"]})
""");
        Assert.True(status.GetProperty("logging").GetBoolean());
        Assert.Equal(logGroupArn, status.GetProperty("group").GetString());
    }

    private string ListTopics() => _moto.Seeder.RunBoto3("""out(client("sns").list_topics()["Topics"])""");
}

public class MotoServerFixtureStartTests
{
    [Fact]
    public void Without_moto_the_fixture_fails_with_one_clear_line()
    {
        // A package named moto that cannot be imported hides the real one.
        string dir = Directory.CreateTempSubdirectory("no-moto-").FullName;
        Directory.CreateDirectory(Path.Combine(dir, "moto"));
        File.WriteAllText(Path.Combine(dir, "moto", "__init__.py"), "raise ImportError('moto hidden by the test')\n");
        try
        {
            var e = Assert.Throws<InvalidOperationException>(() => MotoServerFixture.Start(environment: new Dictionary<string, string> { ["PYTHONPATH"] = dir }));
            Assert.Equal("moto server is not installed: pip install \"moto[server]\"", e.Message);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
