using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace RootGuard.Core.MonitorDefinitions
{
    /// <summary>A named example event, used to check what a pattern matches and to name what it misses.</summary>
    public sealed class RootMonitorSample
    {
        internal RootMonitorSample(string name, string description, string json, RootMonitorSample? variantOf = null, IReadOnlyList<string>? variedFields = null,
            IReadOnlyList<string>? variedPhrases = null)
        {
            VariedPhrases = variedPhrases ?? new string[0];
            Name = name;
            Description = description;
            Json = json;
            VariantOf = variantOf;
            VariedFields = variedFields ?? new string[0];
        }

        /// <summary>A stable identifier, such as <c>RootSignInFailure</c>.</summary>
        public string Name { get; }

        /// <summary>A phrase that fits in a sentence: "a failed root sign-in".</summary>
        public string Description { get; }

        /// <summary>The event as JSON.</summary>
        public string Json { get; }

        /// <summary>
        /// For a variant made by <see cref="RootMonitorVariants"/>, the sample it varies; null for the samples of
        /// <see cref="RootMonitorSamples"/>.
        /// </summary>
        public RootMonitorSample? VariantOf { get; }

        /// <summary>The fields a variant changed, as dotted paths from the event's root (<c>detail.sourceIPAddress</c>).</summary>
        public IReadOnlyList<string> VariedFields { get; }

        /// <summary>For each of <see cref="VariedFields"/>, its value in a phrase: "from 203.0.113.7".</summary>
        internal IReadOnlyList<string> VariedPhrases { get; }

        /// <summary>
        /// This variant described by the changes to <paramref name="fields"/> only: a variant of every field at once is
        /// named by the fields a pattern conditions on, not by all fourteen.
        /// </summary>
        internal RootMonitorSample DescribedBy(ICollection<string> fields)
        {
            if (VariantOf == null || VariedFields.Count <= 1) return this;
            var phrases = VariedFields.Select((f, i) => (Field: f, Phrase: VariedPhrases[i])).Where(p => fields.Contains(p.Field)).Select(p => p.Phrase).ToList();
            if (phrases.Count == 0) return this;
            return new RootMonitorSample(Name, VariantOf.Description + " " + string.Join(", ", phrases), Json, VariantOf, VariedFields, VariedPhrases);
        }

        /// <summary>The event parsed once: patterns are run against hundreds of samples and variants per analysis.</summary>
        internal JsonElement Element => (parsed ??= new StrongBox<JsonElement>(Parse(Json))).Value;

        // Boxed, so that a sample shared by concurrent analyses (a fleet's accounts) is published by one reference write:
        // a JsonElement? field is a struct wider than a word, which another thread could read half written. Two threads
        // may both parse; either copy is the same event.
        private StrongBox<JsonElement>? parsed;

        private static JsonElement Parse(string json)
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }

        public override string ToString() => Name;
    }
}
