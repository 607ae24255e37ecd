using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace RootGuard.Testing;

/// <summary>Checks a decoded value tree against a model shape. In text mode (awsQuery, XML) scalars
/// arrive as strings and are parsed by the shape's type; in JSON mode the JSON kind must fit.</summary>
internal sealed class ShapeValidator(JsonElement shapes, bool textMode, List<ContractViolation> violations)
{
    private static readonly ConcurrentDictionary<string, Regex?> Patterns = new();

    public void Validate(string shapeName, JsonNode? node, string path)
    {
        if (node is null) return;
        var shape = shapes.GetProperty(shapeName);
        string type = shape.GetProperty("type").GetString()!;
        switch (type)
        {
            case "structure": Structure(shape, node, path); break;
            case "list": List(shape, node, path); break;
            case "map": Map(shape, node, path); break;
            case "string": String(shape, node, path); break;
            case "integer": Integer(shape, node, path, int.MinValue, int.MaxValue); break;
            case "long": Integer(shape, node, path, long.MinValue, long.MaxValue); break;
            case "double" or "float": Number(node, path, type); break;
            case "boolean": Boolean(node, path); break;
            case "timestamp": Timestamp(shape, node, path); break;
            case "blob": Blob(shape, node, path); break;
            case "document": break;
            default: Add(path, $"shape type '{type}' is not checked"); break;
        }
    }

    private void Structure(JsonElement shape, JsonNode node, string path)
    {
        if (node is not JsonObject obj)
        {
            Add(path, $"expected a structure, got {Kind(node)}");
            return;
        }
        var members = shape.TryGetProperty("members", out var m) ? m : default;
        foreach (var (name, value) in obj)
        {
            if (members.ValueKind != JsonValueKind.Object || !members.TryGetProperty(name, out var member))
            {
                Add(Join(path, name), "unknown member");
                continue;
            }
            Validate(member.GetProperty("shape").GetString()!, value, Join(path, name));
        }
        if (shape.TryGetProperty("required", out var required))
        {
            foreach (var r in required.EnumerateArray())
            {
                string name = r.GetString()!;
                if (!obj.ContainsKey(name) || obj[name] is null) Add(Join(path, name), "required member is missing");
            }
        }
        if (shape.TryGetProperty("union", out var union) && union.GetBoolean() && obj.Count(p => p.Value is not null) != 1)
        {
            Add(path, "a union must have exactly one member set");
        }
    }

    private void List(JsonElement shape, JsonNode node, string path)
    {
        if (node is not JsonArray array)
        {
            Add(path, $"expected a list, got {Kind(node)}");
            return;
        }
        Range(shape, array.Count, path, "items");
        string member = shape.GetProperty("member").GetProperty("shape").GetString()!;
        for (int i = 0; i < array.Count; i++) Validate(member, array[i], $"{path}[{i}]");
    }

    private void Map(JsonElement shape, JsonNode node, string path)
    {
        if (node is not JsonObject obj)
        {
            Add(path, $"expected a map, got {Kind(node)}");
            return;
        }
        Range(shape, obj.Count, path, "entries");
        string key = shape.GetProperty("key").GetProperty("shape").GetString()!;
        string value = shape.GetProperty("value").GetProperty("shape").GetString()!;
        foreach (var (k, v) in obj)
        {
            Validate(key, JsonValue.Create(k), $"{path}.<key {k}>");
            Validate(value, v, $"{path}[{k}]");
        }
    }

    private void String(JsonElement shape, JsonNode node, string path)
    {
        if (!TryString(node, out var s))
        {
            Add(path, $"expected a string, got {Kind(node)}");
            return;
        }
        if (shape.TryGetProperty("enum", out var values) && values.EnumerateArray().All(v => v.GetString() != s))
        {
            Add(path, $"'{Short(s)}' is not one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))}");
        }
        Range(shape, s.Length, path, "characters");
        if (shape.TryGetProperty("pattern", out var pattern) && Compile(pattern.GetString()!) is { } regex && !regex.IsMatch(s))
        {
            Add(path, $"'{Short(s)}' does not match pattern {pattern.GetString()}");
        }
    }

    private void Integer(JsonElement shape, JsonNode node, string path, long min, long max)
    {
        long value;
        if (textMode && TryString(node, out var s))
        {
            if (!long.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
            {
                Add(path, $"expected an integer, got '{Short(s)}'");
                return;
            }
        }
        else if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue(out long l))
        {
            value = l;
        }
        else
        {
            Add(path, $"expected an integer, got {Kind(node)}");
            return;
        }
        if (value < min || value > max) Add(path, $"{value} is out of range for its type");
        if (shape.TryGetProperty("min", out var lo) && value < lo.GetDouble()) Add(path, $"{value} is below the minimum {lo}");
        if (shape.TryGetProperty("max", out var hi) && value > hi.GetDouble()) Add(path, $"{value} is above the maximum {hi}");
    }

    private void Number(JsonNode node, string path, string type)
    {
        bool ok = textMode && TryString(node, out var s)
            ? double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _) || s is "NaN" or "Infinity" or "-Infinity"
            : node is JsonValue v && (v.GetValueKind() == JsonValueKind.Number ||
                                      (v.TryGetValue(out string? t) && t is "NaN" or "Infinity" or "-Infinity"));
        if (!ok) Add(path, $"expected a {type}, got {Kind(node)}");
    }

    private void Boolean(JsonNode node, string path)
    {
        bool ok = textMode && TryString(node, out var s)
            ? s is "true" or "false"
            : node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False;
        if (!ok) Add(path, $"expected a boolean, got {Kind(node)}");
    }

    private void Timestamp(JsonElement shape, JsonNode node, string path)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number) return;
        if (TryString(node, out var s) &&
            (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) ||
             double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            if (!textMode && !shape.TryGetProperty("timestampFormat", out _) && !double.TryParse(s, CultureInfo.InvariantCulture, out _))
            {
                Add(path, "JSON timestamps are epoch seconds unless the model gives a timestampFormat");
            }
            return;
        }
        Add(path, $"expected a timestamp, got {Kind(node)}");
    }

    private void Blob(JsonElement shape, JsonNode node, string path)
    {
        if (!TryString(node, out var s))
        {
            Add(path, $"expected a base64 blob, got {Kind(node)}");
            return;
        }
        var buffer = new byte[s.Length];
        if (!Convert.TryFromBase64String(s, buffer, out int length))
        {
            Add(path, "blob is not valid base64");
            return;
        }
        Range(shape, length, path, "bytes");
    }

    private void Range(JsonElement shape, long count, string path, string unit)
    {
        if (shape.TryGetProperty("min", out var min) && count < min.GetDouble()) Add(path, $"{count} {unit}, below the minimum {min}");
        if (shape.TryGetProperty("max", out var max) && count > max.GetDouble()) Add(path, $"{count} {unit}, above the maximum {max}");
    }

    /// <summary>Compiles a model pattern for a whole-value match. The models' patterns are Java
    /// regexes; the few constructs .NET reads differently are rewritten. Null when it cannot compile.</summary>
    internal static Regex? Compile(string pattern) => Patterns.GetOrAdd(pattern, static p =>
    {
        try
        {
            return new Regex(@"\A(?:" + TranslateJavaPattern(p) + @")\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return null;
        }
    });

    internal static string TranslateJavaPattern(string pattern) => Regex.Replace(pattern, @"(?<!\\)\\_", "_")
        // Java lets any non-letter be escaped ("\_"); .NET only non-word characters: done above.
        // Java reads \u10000-\u10FFFF as the supplementary planes; .NET sees UTF-16, so: surrogates.
        .Replace(@"\u10000-\u10FFFF", @"\uD800-\uDFFF", StringComparison.Ordinal)
        // A surrogate pair range written as two pairs (\uD800\uDC00-\uDBFF\uDFFF) is reversed for .NET.
        .Replace(@"\uD800\uDC00-\uDBFF\uDFFF", @"\uD800-\uDFFF", StringComparison.Ordinal)
        .Replace(@"\p{Alnum}", @"a-zA-Z0-9", StringComparison.Ordinal)
        .Replace(@"\p{Alpha}", @"a-zA-Z", StringComparison.Ordinal)
        .Replace(@"\p{Punct}", @"!-/:-@\[-`{-~", StringComparison.Ordinal)
        .Replace(@"\p{XDigit}", @"0-9a-fA-F", StringComparison.Ordinal)
        .Replace(@"\p{Space}", @"\s", StringComparison.Ordinal)
        .Replace(@"\p{ASCII}", @"\x00-\x7F", StringComparison.Ordinal);

    private static bool TryString(JsonNode node, out string value)
    {
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.TryGetValue(out string? s))
        {
            value = s;
            return true;
        }
        value = "";
        return false;
    }

    private static string Kind(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => $"the string '{Short(v.GetValue<string>())}'",
            JsonValueKind.Number => $"the number {v.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => $"the boolean {v.ToJsonString()}",
            var k => k.ToString(),
        },
        _ => node.GetType().Name,
    };

    private static string Short(string s) => s.Length <= 60 ? s : s[..57] + "...";

    private static string Join(string path, string name) => path.Length == 0 || path == "$" ? name : $"{path}.{name}";

    private void Add(string path, string message) => violations.Add(new ContractViolation(path.Length == 0 ? "$" : path, message));
}
