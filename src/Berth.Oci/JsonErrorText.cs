using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Berth.Oci;

/// <summary>
/// Turns a JsonException into one line a user can act on, without .NET type names:
/// "at $.process.args (line 3, column 13): expected an array of strings, got the string \"sh\"".
/// It relies on the exception's path and position and on the source-generated metadata, not on STJ's message text
/// (which NativeAOT builds with UseSystemResourceKeys reduce to resource keys).
/// </summary>
internal static class JsonErrorText
{
    public static string Describe(JsonException e, ReadOnlySpan<byte> utf8, JsonTypeInfo root)
    {
        var where = Where(e);
        string? detail = null;
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow });
            detail = WrongType(e.Path, doc.RootElement, root);
        }
        catch (JsonException) { /* a syntax error: STJ's own message says what is wrong */ }
        catch (InvalidOperationException) { }
        catch (NotSupportedException) { }
        return $"{where}: {detail ?? StjMessage(e)}";
    }

    static string Where(JsonException e)
    {
        var at = e.Path is { Length: > 0 } p ? $"at {p}" : "at $";
        if (e.LineNumber is not { } line) return at;
        var col = e.BytePositionInLine is { } b ? $", column {b + 1}" : "";
        return $"{at} (line {line + 1}{col})";
    }

    static string StjMessage(JsonException e)
    {
        var msg = e.Message;
        var cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) msg = msg[..cut];
        msg = msg.Replace("System.", "", StringComparison.Ordinal).Replace("Berth.Oci.", "", StringComparison.Ordinal).TrimEnd('.', ' ');
        // With UseSystemResourceKeys (our NativeAOT builds) the message is a resource key: "ExpectedStartOfPropertyNotFound, ]".
        var head = msg.Split(',')[0];
        if (head.Length > 0 && head.All(char.IsAsciiLetterOrDigit)) return $"malformed JSON ({msg})";
        return msg.Length == 0 ? "malformed JSON" : msg;
    }

    // Walks the path through the document and the type metadata side by side; null when the path leads nowhere
    // or the value there has the expected JSON kind (then the problem is something else, e.g. a missing property).
    static string? WrongType(string? path, JsonElement element, JsonTypeInfo type)
    {
        if (path is null || !path.StartsWith('$')) return null;
        var i = 1;
        while (i < path.Length)
        {
            string? name = null;
            int? index = null;
            if (path[i] == '.')
            {
                var end = i + 1;
                while (end < path.Length && path[end] is not ('.' or '[')) end++;
                name = path[(i + 1)..end];
                i = end;
            }
            else if (path.AsSpan(i).StartsWith("['"))
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) return null;
                name = path[(i + 2)..end];
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
                index = n;
                i = end + 1;
            }
            else return null;

            if (name is not null)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(name, out var child)) return null;
                JsonTypeInfo? next = null;
                if (type.Kind == JsonTypeInfoKind.Object)
                {
                    var prop = type.Properties.FirstOrDefault(p => p.Name == name);
                    if (prop is null) return null;
                    next = type.Options.GetTypeInfo(prop.PropertyType);
                }
                else if (type.Kind == JsonTypeInfoKind.Dictionary && type.ElementType is { } valueType)
                {
                    next = type.Options.GetTypeInfo(valueType);
                }
                if (next is null) return null;
                (element, type) = (child, next);
            }
            else
            {
                if (element.ValueKind != JsonValueKind.Array || index >= element.GetArrayLength()) return null;
                if (type.Kind != JsonTypeInfoKind.Enumerable || type.ElementType is not { } itemType) return null;
                (element, type) = (element[index!.Value], type.Options.GetTypeInfo(itemType));
            }
        }
        if (!Matches(type, element)) return $"expected {Expected(type)}, got {Got(element)}";
        if (type.Kind == JsonTypeInfoKind.Object && element.ValueKind == JsonValueKind.Object)
        {
            var missing = type.Properties.Where(p => p.IsRequired && !element.TryGetProperty(p.Name, out _)).Select(p => p.Name).ToList();
            if (missing.Count > 0) return $"missing required {(missing.Count == 1 ? "property" : "properties")} {string.Join(", ", missing)}";
        }
        return null;
    }

    static bool Matches(JsonTypeInfo type, JsonElement value)
    {
        var t = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        if (value.ValueKind == JsonValueKind.Null) return Nullable.GetUnderlyingType(type.Type) is not null || !t.IsValueType;
        return type.Kind switch
        {
            JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary => value.ValueKind == JsonValueKind.Object,
            JsonTypeInfoKind.Enumerable => value.ValueKind == JsonValueKind.Array,
            _ when t == typeof(string) => value.ValueKind == JsonValueKind.String,
            _ when t == typeof(bool) => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
            _ when t == typeof(uint) => value.ValueKind == JsonValueKind.Number && value.TryGetUInt32(out _),
            _ when t == typeof(ulong) => value.ValueKind == JsonValueKind.Number && value.TryGetUInt64(out _),
            _ when t == typeof(ushort) => value.ValueKind == JsonValueKind.Number && value.TryGetUInt16(out _),
            _ when t == typeof(int) => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
            _ when t == typeof(long) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
            _ => true, // not a kind this walk knows how to judge
        };
    }

    static string Expected(JsonTypeInfo type)
    {
        var t = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        return type.Kind switch
        {
            JsonTypeInfoKind.Object => "an object",
            JsonTypeInfoKind.Dictionary => type.ElementType is { } v ? $"an object of {Plural(v)}" : "an object",
            JsonTypeInfoKind.Enumerable => type.ElementType is { } e ? $"an array of {Plural(e)}" : "an array",
            _ => Scalar(t),
        };
    }

    static string Scalar(Type t) =>
        t == typeof(string) ? "a string"
        : t == typeof(bool) ? "true or false"
        : t == typeof(uint) ? "an integer from 0 to 4294967295"
        : t == typeof(ulong) ? "an integer from 0 to 18446744073709551615"
        : t == typeof(ushort) ? "an integer from 0 to 65535"
        : t == typeof(int) ? "a 32-bit integer"
        : t == typeof(long) ? "a 64-bit integer"
        : "a value of another type";

    static string Plural(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t == typeof(string) ? "strings"
            : t == typeof(bool) ? "booleans"
            : t.IsPrimitive ? "integers"
            : "objects";
    }

    static string Got(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.String => "the string " + SpecValidator.Quote(v.GetString()),
        JsonValueKind.Number => v.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "nothing",
    };
}
