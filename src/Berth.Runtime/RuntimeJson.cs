using System.Text.Json.Serialization;
using Berth.Runtime.Init;
using Berth.Runtime.State;

namespace Berth.Runtime;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ContainerRecord))]
[JsonSerializable(typeof(InitRequest))]
[JsonSerializable(typeof(InitMessage))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
