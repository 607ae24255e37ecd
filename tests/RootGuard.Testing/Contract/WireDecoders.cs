using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace RootGuard.Testing;

/// <summary>Turns awsQuery forms and XML bodies into value trees, guided by the model's shapes and
/// serialization rules (locationName, flattened, <c>member</c>, <c>entry/key/value</c>).</summary>
internal sealed class WireDecoders(JsonElement shapes)
{
    private JsonElement Shape(string name) => shapes.GetProperty(name);

    private static string? LocationName(JsonElement reference) =>
        reference.TryGetProperty("locationName", out var n) ? n.GetString() : null;

    private static bool Flattened(JsonElement shape) =>
        shape.TryGetProperty("flattened", out var f) && f.GetBoolean();

    // ---- awsQuery form ------------------------------------------------------------------------

    /// <summary>Decodes form parameters for an input shape; keys it uses are added to <paramref name="consumed"/>.</summary>
    public JsonNode? DecodeQuery(string shapeName, string prefix, IReadOnlyDictionary<string, string> form, HashSet<string> consumed)
    {
        var shape = Shape(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
            {
                var obj = new JsonObject();
                if (!shape.TryGetProperty("members", out var members)) return obj;
                foreach (var member in members.EnumerateObject())
                {
                    string name = LocationName(member.Value) ?? member.Name;
                    string key = prefix.Length == 0 ? name : $"{prefix}.{name}";
                    if (!HasKey(form, key)) continue;
                    obj[member.Name] = DecodeQuery(member.Value.GetProperty("shape").GetString()!, key, form, consumed);
                }
                return obj;
            }
            case "list":
            {
                var array = new JsonArray();
                if (form.TryGetValue(prefix, out var empty) && empty.Length == 0)
                {
                    consumed.Add(prefix); // the query protocol writes an empty list as "Name="
                    return array;
                }
                var member = shape.GetProperty("member");
                string listPrefix = Flattened(shape)
                    ? (LocationName(member) is { } flatName ? ReplaceLast(prefix, flatName) : prefix)
                    : $"{prefix}.{LocationName(member) ?? "member"}";
                for (int i = 1; HasKey(form, $"{listPrefix}.{i}"); i++)
                {
                    array.Add(DecodeQuery(member.GetProperty("shape").GetString()!, $"{listPrefix}.{i}", form, consumed));
                }
                return array;
            }
            case "map":
            {
                var obj = new JsonObject();
                string entryPrefix = Flattened(shape) ? prefix : $"{prefix}.entry";
                string keyName = LocationName(shape.GetProperty("key")) ?? "key";
                string valueName = LocationName(shape.GetProperty("value")) ?? "value";
                for (int i = 1; form.ContainsKey($"{entryPrefix}.{i}.{keyName}"); i++)
                {
                    string k = form[$"{entryPrefix}.{i}.{keyName}"];
                    consumed.Add($"{entryPrefix}.{i}.{keyName}");
                    obj[k] = HasKey(form, $"{entryPrefix}.{i}.{valueName}")
                        ? DecodeQuery(shape.GetProperty("value").GetProperty("shape").GetString()!, $"{entryPrefix}.{i}.{valueName}", form, consumed)
                        : null;
                }
                return obj;
            }
            default:
                if (!form.TryGetValue(prefix, out var text)) return null;
                consumed.Add(prefix);
                return JsonValue.Create(text);
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static bool HasKey(IReadOnlyDictionary<string, string> form, string key) =>
        form.ContainsKey(key) || form.Keys.Any(k => k.StartsWith(key + ".", StringComparison.Ordinal));

    private static string ReplaceLast(string prefix, string name)
    {
        int dot = prefix.LastIndexOf('.');
        return dot < 0 ? name : prefix[..(dot + 1)] + name;
    }

    // ---- XML ----------------------------------------------------------------------------------

    /// <summary>Decodes the children of an XML element for a shape; elements no member claims are reported.</summary>
    public JsonNode? DecodeXml(string shapeName, XElement element, string path, List<ContractViolation> violations)
    {
        var shape = Shape(shapeName);
        switch (shape.GetProperty("type").GetString())
        {
            case "structure":
            {
                var obj = new JsonObject();
                var claimed = new HashSet<XElement>();
                if (shape.TryGetProperty("members", out var members))
                {
                    foreach (var member in members.EnumerateObject())
                    {
                        string memberShapeName = member.Value.GetProperty("shape").GetString()!;
                        var memberShape = Shape(memberShapeName);
                        string name = LocationName(member.Value) ?? member.Name;
                        if (memberShape.GetProperty("type").GetString() is "list" or "map" && Flattened(memberShape))
                        {
                            if (memberShape.GetProperty("type").GetString() == "list" && LocationName(memberShape.GetProperty("member")) is { } n) name = n;
                            var items = element.Elements().Where(e => e.Name.LocalName == name).ToList();
                            if (items.Count == 0) continue;
                            claimed.UnionWith(items);
                            obj[member.Name] = DecodeFlattened(memberShape, items, Join(path, member.Name), violations);
                            continue;
                        }
                        var child = element.Elements().FirstOrDefault(e => e.Name.LocalName == name);
                        if (child is null) continue;
                        claimed.Add(child);
                        obj[member.Name] = DecodeXml(memberShapeName, child, Join(path, member.Name), violations);
                    }
                }
                foreach (var stray in element.Elements().Where(e => !claimed.Contains(e)))
                {
                    violations.Add(new ContractViolation(Join(path, stray.Name.LocalName), "unknown member"));
                }
                return obj;
            }
            case "list":
            {
                var member = shape.GetProperty("member");
                string name = LocationName(member) ?? "member";
                var array = new JsonArray();
                int i = 0;
                foreach (var child in element.Elements())
                {
                    if (child.Name.LocalName != name)
                    {
                        violations.Add(new ContractViolation(Join(path, child.Name.LocalName), $"list items must be <{name}>"));
                        continue;
                    }
                    array.Add(DecodeXml(member.GetProperty("shape").GetString()!, child, $"{path}[{i++}]", violations));
                }
                return array;
            }
            case "map":
                return DecodeEntries(shape, element.Elements().ToList(), "entry", path, violations);
            default:
                if (element.HasElements)
                {
                    violations.Add(new ContractViolation(path, "expected a scalar, got nested elements"));
                    return null;
                }
                return JsonValue.Create(element.Value);
        }
    }

    private JsonNode DecodeFlattened(JsonElement shape, List<XElement> items, string path, List<ContractViolation> violations)
    {
        if (shape.GetProperty("type").GetString() == "map") return DecodeEntries(shape, items, null, path, violations);
        var array = new JsonArray();
        for (int i = 0; i < items.Count; i++)
        {
            array.Add(DecodeXml(shape.GetProperty("member").GetProperty("shape").GetString()!, items[i], $"{path}[{i}]", violations));
        }
        return array;
    }

    private JsonObject DecodeEntries(JsonElement shape, List<XElement> entries, string? entryName, string path, List<ContractViolation> violations)
    {
        string keyName = LocationName(shape.GetProperty("key")) ?? "key";
        string valueName = LocationName(shape.GetProperty("value")) ?? "value";
        var obj = new JsonObject();
        foreach (var entry in entries)
        {
            if (entryName is not null && entry.Name.LocalName != entryName)
            {
                violations.Add(new ContractViolation(Join(path, entry.Name.LocalName), $"map entries must be <{entryName}>"));
                continue;
            }
            var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == keyName);
            var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == valueName);
            if (key is null)
            {
                violations.Add(new ContractViolation(path, $"map entry without <{keyName}>"));
                continue;
            }
            obj[key.Value] = value is null ? null
                : DecodeXml(shape.GetProperty("value").GetProperty("shape").GetString()!, value, $"{path}[{key.Value}]", violations);
        }
        return obj;
    }
}
