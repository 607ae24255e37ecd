using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Assessment.Checks;

namespace RootGuard.Core.Assessment
{
    /// <summary>The checks, in id order: the one list the cmdlet's completion, validation and docs read.</summary>
    public static class AssessmentCatalog
    {
        public static IReadOnlyList<RootCheck> All { get; } = new RootCheck[]
        {
            new NoRootAccessKeysCheck(),
            new RootMfaEnabledCheck(),
            new RootHardwareMfaCheck(),
            new RootNotRecentlyUsedCheck(),
            new RootSignInAlertCheck(),
            new RootUsageAlarmCheck(),
            new SecurityContactCheck(),
            new CentralRootAccessCheck(),
        };

        public static IReadOnlyList<string> Ids { get; } = All.Select(c => c.Id).ToList();

        public const int DefaultUsageWindowDays = 90;
        public const int MinUsageWindowDays = 1;
        public const int MaxUsageWindowDays = 3650;

        public static bool IsKnownId(string id) => All.Any(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

        /// <summary>The checks asked for (all when <paramref name="include"/> is empty) minus the excluded ones; ids are case-insensitive.</summary>
        public static IReadOnlyList<RootCheck> Select(IEnumerable<string>? include, IEnumerable<string>? exclude)
        {
            var wanted = include?.ToList() ?? new List<string>();
            var unwanted = exclude?.ToList() ?? new List<string>();
            var unknown = wanted.Concat(unwanted).Where(id => !IsKnownId(id)).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"Unknown check id(s): {string.Join(", ", unknown)}. Known ids: {string.Join(", ", Ids)}.");
            return All.Where(c => (wanted.Count == 0 || wanted.Contains(c.Id, StringComparer.OrdinalIgnoreCase))
                                  && !unwanted.Contains(c.Id, StringComparer.OrdinalIgnoreCase)).ToList();
        }
    }
}
