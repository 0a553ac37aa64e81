using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core;

namespace Berth.Oci;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = false,
    ReadCommentHandling = JsonCommentHandling.Disallow)]
[JsonSerializable(typeof(RuntimeSpec))]
[JsonSerializable(typeof(SpecProcess))]
[JsonSerializable(typeof(LinuxResources))]
[JsonSerializable(typeof(RuntimeFeatures))]
[JsonSerializable(typeof(ContainerState))]
[JsonSerializable(typeof(List<ContainerState>))]
public sealed partial class OciJsonContext : JsonSerializerContext;

/// <summary>Reading and writing OCI documents with errors that name the file and the JSON path.</summary>
public static class OciJson
{
    public const string SpecVersion = "1.2.0";

    public static readonly OciJsonContext Indented = new(new JsonSerializerOptions(OciJsonContext.Default.Options) { WriteIndented = true });

    public static RuntimeSpec ReadSpec(string path)
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (FileNotFoundException) { throw BerthException.NotFound($"{path}: no such file (is this an OCI bundle?)"); }
        catch (DirectoryNotFoundException) { throw BerthException.NotFound($"{path}: no such file (is this an OCI bundle?)"); }
        return Parse(bytes, path, OciJsonContext.Default.RuntimeSpec)
            ?? throw BerthException.Invalid($"{path}: the document is null");
    }

    public static T Parse<T>(ReadOnlySpan<byte> utf8, string what, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try { return JsonSerializer.Deserialize(utf8, type)!; }
        catch (JsonException e) { throw BerthException.Invalid($"{what}: invalid JSON: {Clean(e)}"); }
    }

    static string Clean(JsonException e)
    {
        // STJ messages carry type names that mean nothing to a user; keep the path and position.
        var where = e.Path is { Length: > 0 } p ? $" at {p}" : "";
        var line = e.LineNumber is { } l ? $" (line {l + 1})" : "";
        var msg = e.Message;
        var cut = msg.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0) msg = msg[..cut];
        msg = msg.Replace("System.", "", StringComparison.Ordinal);
        return msg + where + line;
    }
}
