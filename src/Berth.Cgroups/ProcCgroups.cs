using System.Globalization;
using Berth.Core;

namespace Berth.Cgroups;

/// <summary>The cgroup membership of a process, parsed from /proc/&lt;pid&gt;/cgroup.</summary>
public sealed class ProcCgroups
{
    ProcCgroups(IReadOnlyList<ProcCgroupEntry> entries) => Entries = entries;

    public IReadOnlyList<ProcCgroupEntry> Entries { get; }

    /// <summary>The path in the cgroup2 hierarchy ("0::" line), or null.</summary>
    public string? UnifiedPath => Entries.FirstOrDefault(e => e.IsUnified)?.Path;

    /// <summary>The path in the v1 hierarchy holding controller ("memory", "name=systemd"), or null.</summary>
    public string? PathOf(string controller) =>
        Entries.FirstOrDefault(e => !e.IsUnified && e.Controllers.Contains(controller, StringComparer.Ordinal))?.Path;

    public static ProcCgroups Read(string path = "/proc/self/cgroup") => Parse(File.ReadAllText(path), path);

    public static ProcCgroups Parse(string text, string source = "/proc/self/cgroup")
    {
        var entries = new List<ProcCgroupEntry>();
        foreach (var raw in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var line = raw.TrimEnd('\r');
            var parts = line.Split(':', 3);
            if (parts.Length != 3 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                throw BerthException.Invalid($"{source}: malformed line \"{line}\"");
            var controllers = parts[1].Split(',', StringSplitOptions.RemoveEmptyEntries);
            var path = parts[2];
            if (path.EndsWith(" (deleted)", StringComparison.Ordinal)) path = path[..^" (deleted)".Length];
            entries.Add(new ProcCgroupEntry(id, controllers, path));
        }
        return new ProcCgroups(entries);
    }
}
