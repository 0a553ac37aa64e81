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

    /// <summary>Deserializes through the source-generated <paramref name="type"/>; a malformed or mistyped document
    /// becomes one InvalidArgument line: "{what}: invalid JSON at $.process.args (line 3, column 13): expected ..., got ...".</summary>
    public static T Parse<T>(ReadOnlySpan<byte> utf8, string what, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type)
    {
        try { return JsonSerializer.Deserialize(utf8, type)!; }
        catch (JsonException e) { throw BerthException.Invalid($"{what}: invalid JSON {JsonErrorText.Describe(e, utf8, type)}"); }
    }
}
