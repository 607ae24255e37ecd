using RootGuard.Testing;
using Xunit;

namespace RootGuard.Core.Tests;

/// <summary>Tests against moto share one server and its state: put them in this collection
/// (<c>[Collection("moto")]</c>) and call <see cref="MotoServerFixture.Reset"/> in the constructor.</summary>
[CollectionDefinition("moto")]
public class MotoCollection : ICollectionFixture<MotoServerFixture>
{
}
