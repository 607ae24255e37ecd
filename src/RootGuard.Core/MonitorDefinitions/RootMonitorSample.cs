namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>A named example event, used to check what a pattern matches and to name what it misses.</summary>
    public sealed class RootMonitorSample
    {
        internal RootMonitorSample(string name, string description, string json)
        {
            Name = name;
            Description = description;
            Json = json;
        }

        /// <summary>A stable identifier, such as <c>RootSignInFailure</c>.</summary>
        public string Name { get; }

        /// <summary>A phrase that fits in a sentence: "a failed root sign-in".</summary>
        public string Description { get; }

        /// <summary>The event as JSON.</summary>
        public string Json { get; }

        public override string ToString() => Name;
    }
}
