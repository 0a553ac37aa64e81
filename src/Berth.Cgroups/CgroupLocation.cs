using System.Text.Json;
using Berth.Core;

namespace Berth.Cgroups;

/// <summary>
/// Where one container's cgroup lives, as stored in the runtime's state.json and handed back to
/// <see cref="CgroupManagers.Open"/>. All paths are absolute directories.
/// </summary>
public sealed record CgroupLocation
{
    public CgroupMode Mode { get; init; }

    /// <summary>V2: the container's cgroup directory.</summary>
    public string? Path { get; init; }

    /// <summary>V2: the runtime's own cgroup; Create enables controllers from here down to the container's parent.</summary>
    public string? Base { get; init; }

    /// <summary>V1/Hybrid: the container's directory in each hierarchy, by controller (co-mounted controllers repeat a directory).</summary>
    public SortedDictionary<string, string>? Paths { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, CgroupJsonContext.Default.CgroupLocation);

    public static CgroupLocation FromJson(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, CgroupJsonContext.Default.CgroupLocation)
                ?? throw BerthException.Invalid("cgroup location: the document is null");
        }
        catch (JsonException e) { throw BerthException.Invalid($"cgroup location: invalid JSON: {e.Message.Split('\n')[0]}"); }
    }

    /// <summary>Every distinct directory of this location.</summary>
    public IReadOnlyList<string> Directories() =>
        Mode == CgroupMode.V2
            ? Path is null ? [] : [Path]
            : Paths is null ? [] : Paths.Values.Distinct(StringComparer.Ordinal).ToList();

    public bool Equals(CgroupLocation? other) =>
        other is not null && Mode == other.Mode && Path == other.Path && Base == other.Base &&
        (Paths ?? []).SequenceEqual(other.Paths ?? []);

    public override int GetHashCode() => HashCode.Combine(Mode, Path, Base, Paths?.Count ?? 0);
}
