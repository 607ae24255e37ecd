namespace RootGuard.Core.Patterns
{
    /// <summary>The comparison a filter pattern condition makes on its selector.</summary>
    public enum FilterOperator
    {
        Equal,
        NotEqual,
        LessThan,
        LessThanOrEqual,
        GreaterThan,
        GreaterThanOrEqual,
        Exists,
        NotExists,
        IsNull,
        IsTrue,
        IsFalse,
    }
}
