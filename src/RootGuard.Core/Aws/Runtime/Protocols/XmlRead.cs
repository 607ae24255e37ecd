using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml.Linq;

namespace RootGuard.Core.Aws.Runtime.Protocols
{
    /// <summary>
    /// Reads awsQuery XML members by local name (SNS, IAM and CloudWatch use different namespaces); absent members read
    /// as null, lists as empty. Lists are <c>&lt;Name&gt;&lt;member&gt;…</c>; maps are <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;</c>.
    /// </summary>
    public static class XmlRead
    {
        public static XElement? Child(XElement? parent, string name) =>
            parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        public static IEnumerable<XElement> Children(XElement? parent, string name) =>
            parent == null ? Enumerable.Empty<XElement>() : parent.Elements().Where(e => e.Name.LocalName == name);

        public static string? String(XElement? parent, string name) => Child(parent, name)?.Value;

        public static int? Int(XElement? parent, string name) => String(parent, name) is { } s ? int.Parse(s, CultureInfo.InvariantCulture) : (int?)null;

        public static long? Long(XElement? parent, string name) => String(parent, name) is { } s ? long.Parse(s, CultureInfo.InvariantCulture) : (long?)null;

        public static double? Double(XElement? parent, string name) => String(parent, name) is { } s ? ParseDouble(s) : (double?)null;

        public static bool? Bool(XElement? parent, string name) => String(parent, name) is { } s ? string.Equals(s.Trim(), "true", StringComparison.OrdinalIgnoreCase) : (bool?)null;

        /// <summary>An ISO 8601 timestamp, the query protocol's default format.</summary>
        public static DateTime? Timestamp(XElement? parent, string name) => String(parent, name) is { } s
            ? DateTime.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)
            : (DateTime?)null;

        public static MemoryStream? Blob(XElement? parent, string name) => String(parent, name) is { } s ? new MemoryStream(Convert.FromBase64String(s.Trim())) : null;

        public static string AsString(XElement value) => value.Value;

        public static int AsInt(XElement value) => int.Parse(value.Value, CultureInfo.InvariantCulture);

        public static long AsLong(XElement value) => long.Parse(value.Value, CultureInfo.InvariantCulture);

        public static double AsDouble(XElement value) => ParseDouble(value.Value);

        /// <summary>
        /// A double as AWS writes it, including the non-finite values: <c>Infinity</c>, <c>-Infinity</c> and <c>NaN</c>
        /// (Smithy's spelling), and <c>inf</c>/<c>nan</c> (Python's, which moto and some services echo back).
        /// </summary>
        public static double ParseDouble(string text)
        {
            switch (text.Trim().ToLowerInvariant())
            {
                case "infinity":
                case "+infinity":
                case "inf":
                case "+inf":
                    return double.PositiveInfinity;
                case "-infinity":
                case "-inf":
                    return double.NegativeInfinity;
                case "nan":
                    return double.NaN;
                default:
                    return double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
        }

        public static bool AsBool(XElement value) => string.Equals(value.Value.Trim(), "true", StringComparison.OrdinalIgnoreCase);

        public static List<T> List<T>(XElement? parent, string name, Func<XElement, T> readItem, string memberName = "member", bool flattened = false)
        {
            var items = flattened ? Children(parent, name) : Children(Child(parent, name), memberName);
            return items.Select(readItem).ToList();
        }

        public static List<string> StringList(XElement? parent, string name, string memberName = "member", bool flattened = false) =>
            List(parent, name, e => e.Value, memberName, flattened);

        public static Dictionary<string, string> StringMap(XElement? parent, string name, string keyName = "key", string valueName = "value", bool flattened = false)
        {
            var entries = flattened ? Children(parent, name) : Children(Child(parent, name), "entry");
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var key = String(entry, keyName);
                if (key != null)
                {
                    map[key] = String(entry, valueName) ?? string.Empty;
                }
            }

            return map;
        }

        public static Dictionary<string, T> Map<T>(XElement? parent, string name, Func<XElement, T> readValue, string keyName = "key", string valueName = "value", bool flattened = false)
        {
            var entries = flattened ? Children(parent, name) : Children(Child(parent, name), "entry");
            var map = new Dictionary<string, T>(StringComparer.Ordinal);
            foreach (var entry in entries)
            {
                var key = String(entry, keyName);
                var value = Child(entry, valueName);
                if (key != null && value != null)
                {
                    map[key] = readValue(value);
                }
            }

            return map;
        }

        public static T? Structure<T>(XElement? parent, string name, Func<XElement, T> read) where T : class =>
            Child(parent, name) is { } element ? read(element) : null;
    }
}
