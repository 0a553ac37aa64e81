using System.Text.Json.Serialization;

namespace Berth.Cgroups;

/// <summary>Source-generated (NativeAOT-safe) JSON for the types the runtime persists.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CgroupLocation))]
public sealed partial class CgroupJsonContext : JsonSerializerContext;
