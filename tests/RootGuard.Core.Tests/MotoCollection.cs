using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests;

/// <summary>The moto server shared by this assembly's tests that carry <c>[Collection("moto")]</c>.</summary>
[CollectionDefinition("moto")]
public sealed class MotoCollection : ICollectionFixture<MotoServerFixture>
{
}
