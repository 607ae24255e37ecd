namespace RootGuard.Core.Patterns
{
    /// <summary>What kind of literal a condition compares with.</summary>
    public enum FilterValueKind
    {
        /// <summary>Text, quoted or bare; a <c>*</c> in it matches any run of characters.</summary>
        String,
        Number,
        /// <summary>A regular expression written between percent signs: <c>%ab+c%</c>.</summary>
        Regex,
    }
}
