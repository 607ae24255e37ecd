using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>Writes awsQuery members: scalars by name, lists as <c>Name.member.N</c>, maps as <c>Name.entry.N.key/value</c> (1-based).</summary>
    public sealed class QueryWriter
    {
        private readonly IDictionary<string, string> parameters;

        public QueryWriter(IDictionary<string, string> parameters)
        {
            this.parameters = parameters;
        }

        /// <summary>The parameter name of member <paramref name="name"/> under <paramref name="prefix"/> (empty at the top level).</summary>
        public static string Name(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

        public void Add(string name, string? value)
        {
            if (value != null)
            {
                parameters[name] = value;
            }
        }

        public void Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

        public void Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

        public void Add(string name, double? value) => Add(name, value?.ToString("R", CultureInfo.InvariantCulture));

        public void Add(string name, bool? value) => Add(name, value == null ? null : value.Value ? "true" : "false");

        public void Add(string name, DateTime? value) =>
            Add(name, value?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));

        public void Add(string name, MemoryStream? value) => Add(name, value == null ? null : Convert.ToBase64String(value.ToArray()));

        /// <summary>A list: <c>Name.member.1</c>, <c>Name.member.2</c>… (or <c>Name.1</c> when flattened).</summary>
        public void AddList<T>(string name, ICollection<T>? items, Action<QueryWriter, string, T> writeItem, string memberName = "member", bool flattened = false)
        {
            if (items == null || items.Count == 0)
            {
                return;
            }

            var index = 1;
            foreach (var item in items)
            {
                var prefix = flattened ? $"{name}.{index}" : $"{name}.{memberName}.{index}";
                writeItem(this, prefix, item);
                index++;
            }
        }

        public void AddStringList(string name, ICollection<string>? items, string memberName = "member", bool flattened = false) =>
            AddList(name, items, (w, prefix, item) => w.Add(prefix, item), memberName, flattened);

        /// <summary>A map: <c>Name.entry.1.key</c> / <c>Name.entry.1.value</c>…</summary>
        public void AddMap(string name, IDictionary<string, string>? map, string keyName = "key", string valueName = "value", bool flattened = false)
        {
            if (map == null || map.Count == 0)
            {
                return;
            }

            var index = 1;
            foreach (var pair in map)
            {
                var prefix = flattened ? $"{name}.{index}" : $"{name}.entry.{index}";
                Add(prefix + "." + keyName, pair.Key);
                Add(prefix + "." + valueName, pair.Value);
                index++;
            }
        }
    }
}
