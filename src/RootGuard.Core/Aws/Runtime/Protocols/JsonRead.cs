using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.Json;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>Reads members of a JSON response object; absent or null members read as null (lists as empty).</summary>
    public static class JsonRead
    {
        public static JsonElement? Member(JsonElement obj, string name) =>
            obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
                ? value
                : (JsonElement?)null;

        public static string? String(JsonElement obj, string name) => Member(obj, name) is { } v
            ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()
            : null;

        public static int? Int(JsonElement obj, string name) => Member(obj, name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : (int?)null;

        public static long? Long(JsonElement obj, string name) => Member(obj, name) is { ValueKind: JsonValueKind.Number } v ? v.GetInt64() : (long?)null;

        /// <summary>A double: a JSON number, or one of the strings JSON protocols use for non-finite values ("Infinity", "-Infinity", "NaN").</summary>
        public static double? Double(JsonElement obj, string name) => Member(obj, name) switch
        {
            { ValueKind: JsonValueKind.Number } v => v.GetDouble(),
            { ValueKind: JsonValueKind.String } v => XmlRead.ParseDouble(v.GetString()!),
            _ => (double?)null,
        };

        public static bool? Bool(JsonElement obj, string name) => Member(obj, name) is { } v && (v.ValueKind == JsonValueKind.True || v.ValueKind == JsonValueKind.False)
            ? v.GetBoolean()
            : (bool?)null;

        /// <summary>A timestamp: epoch seconds (awsJson and restJson default) or an ISO 8601 string.</summary>
        public static DateTime? Timestamp(JsonElement obj, string name)
        {
            if (!(Member(obj, name) is { } v))
            {
                return null;
            }

            if (v.ValueKind == JsonValueKind.Number)
            {
                var milliseconds = (long)Math.Round(v.GetDouble() * 1000d);
                return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds).UtcDateTime;
            }

            return DateTime.Parse(v.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        }

        public static MemoryStream? Blob(JsonElement obj, string name) => String(obj, name) is { } text ? new MemoryStream(Convert.FromBase64String(text)) : null;

        public static string AsString(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

        public static int AsInt(JsonElement value) => value.GetInt32();

        public static long AsLong(JsonElement value) => value.GetInt64();

        public static double AsDouble(JsonElement value) => value.ValueKind == JsonValueKind.String ? XmlRead.ParseDouble(value.GetString()!) : value.GetDouble();

        public static bool AsBool(JsonElement value) => value.GetBoolean();

        public static List<T> List<T>(JsonElement obj, string name, Func<JsonElement, T> readItem)
        {
            var list = new List<T>();
            if (Member(obj, name) is { ValueKind: JsonValueKind.Array } array)
            {
                foreach (var item in array.EnumerateArray())
                {
                    list.Add(readItem(item));
                }
            }

            return list;
        }

        public static List<string> StringList(JsonElement obj, string name) => List(obj, name, e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText());

        public static Dictionary<string, T> Map<T>(JsonElement obj, string name, Func<JsonElement, T> readValue)
        {
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            if (Member(obj, name) is { ValueKind: JsonValueKind.Object } value)
            {
                foreach (var property in value.EnumerateObject())
                {
                    map[property.Name] = readValue(property.Value);
                }
            }

            return map;
        }

        public static Dictionary<string, string> StringMap(JsonElement obj, string name) => Map(obj, name, e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.GetRawText());

        public static T? Structure<T>(JsonElement obj, string name, Func<JsonElement, T> read) where T : class =>
            Member(obj, name) is { ValueKind: JsonValueKind.Object } value ? read(value) : null;
    }
}
