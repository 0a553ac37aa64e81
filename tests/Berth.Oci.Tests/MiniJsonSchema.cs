using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Berth.Oci.Tests;

/// <summary>
/// Just enough JSON Schema draft-04 to check documents against the spec's own schema files: type, $ref (across the
/// files of one folder), properties, patternProperties, additionalProperties:false, required, items, minItems, enum,
/// pattern, minimum, maximum, anyOf, allOf. Returns the violations as "path: problem" lines.
/// </summary>
internal sealed class MiniJsonSchema(string schemaDir)
{
    readonly Dictionary<string, JsonNode> files = [];

    public List<string> Validate(JsonNode? document, string schemaFile)
    {
        var errors = new List<string>();
        Check(document, Load(schemaFile), schemaFile, "$", errors);
        return errors;
    }

    JsonNode Load(string file)
    {
        if (!files.TryGetValue(file, out var node))
            files[file] = node = JsonNode.Parse(File.ReadAllText(Path.Combine(schemaDir, file)))!;
        return node;
    }

    (JsonNode Schema, string File) Resolve(string reference, string currentFile)
    {
        var hash = reference.IndexOf('#');
        var file = hash == 0 ? currentFile : hash < 0 ? reference : reference[..hash];
        JsonNode node = Load(file);
        var pointer = hash < 0 ? "" : reference[(hash + 1)..].TrimStart('/');
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
            node = node[part] ?? throw new InvalidOperationException($"schema reference {reference} not found");
        return (node, file);
    }

    void Check(JsonNode? value, JsonNode schema, string file, string path, List<string> errors)
    {
        if (schema["$ref"] is { } r)
        {
            var (target, targetFile) = Resolve((string)r!, file);
            Check(value, target, targetFile, path, errors);
        }
        if (schema["allOf"] is JsonArray all)
            foreach (var s in all) Check(value, s!, file, path, errors);
        if (schema["anyOf"] is JsonArray any && !any.Any(s => { var e = new List<string>(); Check(value, s!, file, path, e); return e.Count == 0; }))
            errors.Add($"{path}: matches none of anyOf");
        if (schema["type"] is { } type && !TypeMatches(value, type))
        {
            errors.Add($"{path}: want type {type.ToJsonString()}, got {Kind(value)}");
            return;
        }
        if (schema["enum"] is JsonArray choices && !choices.Any(c => JsonNode.DeepEquals(c, value)))
            errors.Add($"{path}: {value?.ToJsonString()} is not one of {choices.ToJsonString()}");
        if (value is JsonValue v)
        {
            if (schema["pattern"] is { } pattern && v.GetValueKind() == JsonValueKind.String && !Regex.IsMatch((string)v!, (string)pattern!))
                errors.Add($"{path}: \"{(string)v!}\" does not match {(string)pattern!}");
            if (v.GetValueKind() == JsonValueKind.Number)
            {
                var n = decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
                if (schema["minimum"] is { } min && n < (decimal)min) errors.Add($"{path}: {n} is below {min}");
                if (schema["maximum"] is { } max && n > (decimal)max) errors.Add($"{path}: {n} is above {max}");
            }
        }
        if (value is JsonObject obj)
        {
            if (schema["required"] is JsonArray required)
                foreach (var name in required)
                    if (!obj.ContainsKey((string)name!)) errors.Add($"{path}: missing required property {(string)name!}");
            var properties = schema["properties"] as JsonObject;
            var patterns = schema["patternProperties"] as JsonObject;
            foreach (var (name, child) in obj)
            {
                var known = false;
                if (properties?[name] is { } ps) { known = true; Check(child, ps, file, $"{path}.{name}", errors); }
                if (patterns is not null)
                    foreach (var (pattern, pschema) in patterns)
                        if (Regex.IsMatch(name, pattern)) { known = true; Check(child, pschema!, file, $"{path}.{name}", errors); }
                if (!known && schema["additionalProperties"] is { } extra)
                {
                    if (extra is JsonValue b && b.GetValueKind() == JsonValueKind.False) errors.Add($"{path}: unexpected property {name}");
                    else if (extra is JsonObject extraSchema) Check(child, extraSchema, file, $"{path}.{name}", errors);
                }
            }
        }
        if (value is JsonArray arr)
        {
            if (schema["minItems"] is { } minItems && arr.Count < (int)minItems) errors.Add($"{path}: fewer than {minItems} items");
            if (schema["items"] is JsonObject items)
                for (var i = 0; i < arr.Count; i++) Check(arr[i], items, file, $"{path}[{i}]", errors);
        }
    }

    static bool TypeMatches(JsonNode? value, JsonNode type) =>
        type is JsonArray types ? types.Any(t => TypeMatches(value, t!)) : (string)type! switch
        {
            "object" => value is JsonObject,
            "array" => value is JsonArray,
            "string" => value is JsonValue s && s.GetValueKind() == JsonValueKind.String,
            "boolean" => value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False,
            "number" => value is JsonValue n && n.GetValueKind() == JsonValueKind.Number,
            "integer" => value is JsonValue i && i.GetValueKind() == JsonValueKind.Number && !i.ToJsonString().Contains('.'),
            "null" => value is null,
            _ => true,
        };

    static string Kind(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "object",
        JsonArray => "array",
        JsonValue v => v.GetValueKind().ToString().ToLowerInvariant(),
        _ => "?",
    };
}
