using System.Threading.Tasks;
using RootGuard.Core.Aws.Runtime;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

/// <summary>The warm-up's calls go the whole way through the real clients, answers and errors, without leaving the process.</summary>
public sealed class PipelineWarmUpTests
{
    [Fact]
    public async Task Each_call_is_answered_and_read_or_fails_with_the_services_own_error()
    {
        var outcomes = await PipelineWarmUp.RunAsync();

        Assert.Equal(new[] { "answered", "answered", "ResourceNotFoundException", "answered", "NotFound" }, outcomes);
    }
}
