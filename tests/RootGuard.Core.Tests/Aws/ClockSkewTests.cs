using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using RootGuard.Testing;
using Xunit;
using Eb = RootGuard.Core.Aws.EventBridge.Model;

namespace RootGuard.Core.Tests.Aws;

public sealed class ClockSkewTests
{
    [Fact]
    public async Task A_skewed_clock_is_corrected_from_the_servers_Date_and_the_call_retried()
    {
        using var handler = TestClients.Offline();
        var serverTime = DateTime.UtcNow.AddHours(2);
        var calls = 0;
        handler.Stub("events", "ListRules", _ => Interlocked.Increment(ref calls) == 1
            ? StubResponse.Error("InvalidSignatureException", HttpStatusCode.BadRequest, "Signature expired: is now earlier than ...")
                .WithHeader("Date", serverTime.ToString("r", CultureInfo.InvariantCulture))
            : StubResponse.Json("{\"Rules\":[]}"));

        // Corrections are cached per endpoint for the process: a region no other test uses keeps this one apart.
        using var factory = TestClients.ForStubs(handler, "ap-southeast-5");
        await factory.CreateEventBridge().ListRulesAsync(new Eb.ListRulesRequest());

        var recorded = handler.Calls;
        Assert.Equal(2, recorded.Count);
        var signedAt = recorded.Select(c => DateTime.ParseExact(c.RequestHeaders["X-Amz-Date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToArray();
        Assert.InRange((signedAt[1] - signedAt[0]).TotalMinutes, 110, 130);
    }
}
