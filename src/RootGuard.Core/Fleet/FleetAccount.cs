using System;

namespace RootGuard.Core.Fleet
{
    /// <summary>One account of a fleet run: its id and, when Organizations listed it, its name.</summary>
    public sealed class FleetAccount
    {
        public FleetAccount(string id, string? name = null)
        {
            Id = id ?? throw new ArgumentNullException(nameof(id));
            Name = name;
        }

        public string Id { get; }
        public string? Name { get; }

        public override string ToString() => Name == null ? Id : $"{Id} ({Name})";
    }
}
