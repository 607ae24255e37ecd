namespace RootGuard.Core.Policies
{
    /// <summary>Three-valued: whether part of a statement applies to the request, or cannot be told.</summary>
    internal enum Match
    {
        No,
        Yes,
        Unknown,
    }
}
