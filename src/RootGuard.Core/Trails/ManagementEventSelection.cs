using System;
using System.Collections.Generic;
using System.Linq;
using RootGuard.Core.Aws.CloudTrail.Model;

namespace RootGuard.Core.Trails
{
    /// <summary>
    /// Which management events a trail's event selectors (basic or advanced) record: read, write, and whether a given
    /// event source is kept. The one reading of selectors behind New-RootUsageAlarm, New-RootSignInAlert and RG.ROOT.6.
    /// </summary>
    public sealed class ManagementEventSelection
    {
        /// <summary>The event source of console sign-in events (ConsoleLogin is a write event).</summary>
        public const string SignInEventSource = "signin.amazonaws.com";

        private readonly GetEventSelectorsResponse selectors;

        private ManagementEventSelection(GetEventSelectorsResponse selectors)
        {
            this.selectors = selectors;
            RecordsRead = Records(readOnly: true, eventSource: null);
            RecordsWrite = Records(readOnly: false, eventSource: null);
            ExcludedEventSources = Exclusions();
        }

        /// <summary>
        /// The management event sources the selectors leave out (basic ExcludeManagementEventSources, or advanced
        /// eventSource NotEquals / NotStartsWith / NotEndsWith), as "kms.amazonaws.com" or "event sources starting with
        /// 'x'". Empty when some selector that records management events excludes none. Root API calls to those
        /// services never reach the log group, so AWS Config's CloudTrail rules fail such a trail.
        /// </summary>
        public IReadOnlyList<string> ExcludedEventSources { get; }

        /// <summary>Every read-only management event is recorded (eventSource exclusions aside).</summary>
        public bool RecordsRead { get; }

        /// <summary>Every write management event is recorded (eventSource exclusions aside).</summary>
        public bool RecordsWrite { get; }

        public bool ReadAndWrite => RecordsRead && RecordsWrite;

        /// <summary>Which management events are left out: null when read and write are both recorded, otherwise "read-only", "write" or "all".</summary>
        public string? Missing => (RecordsRead, RecordsWrite) switch
        {
            (true, true) => null,
            (true, false) => "write",
            (false, true) => "read-only",
            _ => "all",
        };

        /// <summary>"all management events", "read-only management events", "write-only management events" or "no management events".</summary>
        public string Description => RecordsRead && RecordsWrite ? "all management events"
            : RecordsRead ? "read-only management events"
            : RecordsWrite ? "write-only management events"
            : "no management events";

        /// <summary>Console sign-in events are recorded: management write events from signin.amazonaws.com.</summary>
        public bool RecordsSignIns => RecordsWritesFrom(SignInEventSource);

        public static ManagementEventSelection Of(GetEventSelectorsResponse selectors) =>
            new ManagementEventSelection(selectors ?? throw new ArgumentNullException(nameof(selectors)));

        /// <summary>Management write events from <paramref name="eventSource"/> are recorded.</summary>
        public bool RecordsWritesFrom(string eventSource) => Records(readOnly: false, eventSource);

        // Over every selector that records management events: none when one of them excludes nothing, else all their
        // exclusions (two selectors excluding different sources may still leave one recorded: a warning errs safe).
        private IReadOnlyList<string> Exclusions()
        {
            List<List<string>> perSelector;
            if (selectors.AdvancedEventSelectors.Count > 0)
            {
                perSelector = selectors.AdvancedEventSelectors
                    .Where(s => s.FieldSelectors.Any(f => f.Field == "eventCategory" && f.Equals.Contains("Management")))
                    .Select(s => s.FieldSelectors.Where(f => f.Field == "eventSource").SelectMany(f =>
                        f.NotEquals.Concat(f.NotStartsWith.Select(p => $"event sources starting with '{p}'"))
                            .Concat(f.NotEndsWith.Select(p => $"event sources ending with '{p}'"))).ToList())
                    .ToList();
            }
            else
            {
                perSelector = selectors.EventSelectors.Where(s => s.IncludeManagementEvents != false)
                    .Select(s => s.ExcludeManagementEventSources.ToList()).ToList();
            }

            return perSelector.Count == 0 || perSelector.Any(e => e.Count == 0)
                ? Array.Empty<string>()
                : perSelector.SelectMany(e => e).Distinct(StringComparer.Ordinal).ToList();
        }

        private bool Records(bool readOnly, string? eventSource)
        {
            if (selectors.AdvancedEventSelectors.Count > 0)
            {
                var value = readOnly ? "true" : "false";
                return selectors.AdvancedEventSelectors.Any(s => Records(s, value, eventSource));
            }

            if (selectors.EventSelectors.Count == 0)
            {
                // A trail without custom selectors records all management events, read and write.
                return true;
            }

            var type = readOnly ? "ReadOnly" : "WriteOnly";
            return selectors.EventSelectors.Any(s => s.IncludeManagementEvents != false
                                                     && (s.ReadWriteType == null || s.ReadWriteType == "All" || s.ReadWriteType == type));
        }

        // An advanced selector records the management events of one readOnly value when it selects the Management
        // category and nothing narrows it except readOnly itself and eventSource. Without a source in question, only
        // eventSource exclusions are allowed (the advanced form of ExcludeManagementEventSources, which CIS allows: it
        // only drops KMS or RDS Data API noise); with one, that source must pass the eventSource conditions.
        private static bool Records(AdvancedEventSelector selector, string readOnly, string? eventSource)
        {
            var category = selector.FieldSelectors.FirstOrDefault(f => f.Field == "eventCategory");
            if (category == null || !category.Equals.Contains("Management"))
            {
                return false;
            }

            foreach (var field in selector.FieldSelectors)
            {
                switch (field.Field)
                {
                    case "eventCategory":
                        continue;
                    case "readOnly":
                        if (field.Equals.Count > 0 && !field.Equals.Contains(readOnly)) return false;
                        if (field.NotEquals.Contains(readOnly)) return false;
                        continue;
                    case "eventSource" when eventSource == null:
                        if (field.Equals.Count > 0 || field.StartsWith.Count > 0 || field.EndsWith.Count > 0) return false;
                        continue;
                    case "eventSource":
                        if (!Passes(field, eventSource)) return false;
                        continue;
                    default:
                        return false;
                }
            }

            return true;
        }

        private static bool Passes(AdvancedFieldSelector field, string value) =>
            (field.Equals.Count == 0 || field.Equals.Contains(value))
            && !field.NotEquals.Contains(value)
            && (field.StartsWith.Count == 0 || field.StartsWith.Any(p => value.StartsWith(p, StringComparison.Ordinal)))
            && !field.NotStartsWith.Any(p => value.StartsWith(p, StringComparison.Ordinal))
            && (field.EndsWith.Count == 0 || field.EndsWith.Any(p => value.EndsWith(p, StringComparison.Ordinal)))
            && !field.NotEndsWith.Any(p => value.EndsWith(p, StringComparison.Ordinal));
    }
}
