using System;
using Amazon.Runtime;
using RootGuard.Core.Aws.EventBridge;
using RootGuard.Core.Aws.Iam;
using RootGuard.Core.Aws.Runtime;
using Xunit;

namespace RootGuard.Core.Tests.Aws;

public sealed class AwsEndpointProviderTests
{
    private static (string Url, string? Attributes) Resolve(AwsServiceDescription service, string? region, bool fips = false, bool dualStack = false, string? endpoint = null)
    {
        var resolved = new AwsEndpointProvider(service).ResolveEndpoint(new AwsEndpointParameters
        {
            Region = region, UseFIPS = fips, UseDualStack = dualStack, Endpoint = endpoint,
        });
        return (resolved.URL, resolved.Attributes?["authSchemes"]?.ToString());
    }

    [Theory]
    [InlineData("us-east-1", false, false, "https://events.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", true, false, "https://events-fips.us-east-1.amazonaws.com")]
    [InlineData("us-east-1", false, true, "https://events.us-east-1.api.aws")]
    [InlineData("cn-north-1", false, false, "https://events.cn-north-1.amazonaws.com.cn")]
    [InlineData("us-gov-west-1", true, false, "https://events-fips.us-gov-west-1.amazonaws.com")]
    public void Regional_endpoints_follow_the_partition(string region, bool fips, bool dualStack, string expected) =>
        Assert.Equal(expected, Resolve(EventBridgeConfig.Description, region, fips, dualStack).Url);

    [Fact]
    public void A_custom_endpoint_is_used_as_given() =>
        Assert.Equal("http://127.0.0.1:5000", Resolve(EventBridgeConfig.Description, "us-east-1", endpoint: "http://127.0.0.1:5000").Url);

    [Fact]
    public void A_custom_endpoint_with_FIPS_is_refused() =>
        Assert.Throws<AmazonClientException>(() => Resolve(EventBridgeConfig.Description, "us-east-1", fips: true, endpoint: "http://127.0.0.1:5000"));

    [Fact]
    public void No_region_is_refused() =>
        Assert.Throws<AmazonClientException>(() => Resolve(EventBridgeConfig.Description, null));

    [Fact]
    public void A_global_endpoint_carries_its_signing_region()
    {
        var (url, attributes) = Resolve(IamConfig.Description, "us-gov-east-1");
        Assert.Equal("https://iam.us-gov.amazonaws.com", url);
        Assert.NotNull(attributes);
    }
}
