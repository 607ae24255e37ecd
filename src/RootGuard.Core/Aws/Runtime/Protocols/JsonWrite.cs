using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>Writes set members of a JSON request object; null members and empty collections are left out.</summary>
    public static class JsonWrite
    {
        public static void Member(this Utf8JsonWriter writer, string name, string? value)
        {
            if (value != null)
            {
                writer.WriteString(name, value);
            }
        }

        public static void Member(this Utf8JsonWriter writer, string name, int? value)
        {
            if (value != null)
            {
                writer.WriteNumber(name, value.Value);
            }
        }

        public static void Member(this Utf8JsonWriter writer, string name, long? value)
        {
            if (value != null)
            {
                writer.WriteNumber(name, value.Value);
            }
        }

        public static void Member(this Utf8JsonWriter writer, string name, double? value)
        {
            if (value != null)
            {
                writer.WriteNumber(name, value.Value);
            }
        }

        public static void Member(this Utf8JsonWriter writer, string name, bool? value)
        {
            if (value != null)
            {
                writer.WriteBoolean(name, value.Value);
            }
        }

        /// <summary>A timestamp as epoch seconds, the JSON protocols' default format.</summary>
        public static void Member(this Utf8JsonWriter writer, string name, DateTime? value)
        {
            if (value != null)
            {
                var seconds = new DateTimeOffset(value.Value.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000d;
                writer.WriteNumber(name, seconds);
            }
        }

        public static void Member(this Utf8JsonWriter writer, string name, MemoryStream? value)
        {
            if (value != null)
            {
                writer.WriteString(name, Convert.ToBase64String(value.ToArray()));
            }
        }

        public static void Member<T>(this Utf8JsonWriter writer, string name, T? value, Action<Utf8JsonWriter, T> writeMembers) where T : class
        {
            if (value != null)
            {
                writer.WriteStartObject(name);
                writeMembers(writer, value);
                writer.WriteEndObject();
            }
        }

        public static void List<T>(this Utf8JsonWriter writer, string name, ICollection<T>? items, Action<Utf8JsonWriter, T> writeItem)
        {
            if (items == null || items.Count == 0)
            {
                return;
            }

            writer.WriteStartArray(name);
            foreach (var item in items)
            {
                writeItem(writer, item);
            }

            writer.WriteEndArray();
        }

        public static void StringList(this Utf8JsonWriter writer, string name, ICollection<string>? items) =>
            writer.List(name, items, (w, item) => w.WriteStringValue(item));

        /// <summary>A list of structures, each written as an object.</summary>
        public static void ObjectList<T>(this Utf8JsonWriter writer, string name, ICollection<T>? items, Action<Utf8JsonWriter, T> writeMembers) =>
            writer.List(name, items, (w, item) =>
            {
                w.WriteStartObject();
                writeMembers(w, item);
                w.WriteEndObject();
            });

        public static void StringMap(this Utf8JsonWriter writer, string name, IDictionary<string, string>? map)
        {
            if (map == null || map.Count == 0)
            {
                return;
            }

            writer.WriteStartObject(name);
            foreach (var pair in map)
            {
                writer.WriteString(pair.Key, pair.Value);
            }

            writer.WriteEndObject();
        }
    }
}
