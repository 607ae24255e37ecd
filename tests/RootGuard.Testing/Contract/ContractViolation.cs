namespace RootGuard.Testing;

/// <summary>One way a request or response breaks the service model.
/// <paramref name="Path"/> is where: <c>Targets[0].InputTransformer.InputTemplate</c>, <c>$</c> for the whole.</summary>
public sealed record ContractViolation(string Path, string Message)
{
    public override string ToString() => $"{Path}: {Message}";
}
