namespace RootGuard.Core.Assessment.Checks
{
    /// <summary>
    /// Something that keeps a working chain from a Pass: it cannot be verified from here (Unverifiable rank), or it works
    /// in a way that differs from the control (Advisory rank).
    /// </summary>
    internal sealed class Caveat
    {
        public Caveat(int rank, string code, string text, string? remediation = null)
        {
            Rank = rank;
            Code = code;
            Text = text;
            Remediation = remediation;
        }

        public int Rank { get; }
        public string Code { get; }
        public string Text { get; }
        public string? Remediation { get; }
    }
}
