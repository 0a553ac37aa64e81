namespace Berth.Cgroups.Tests;

/// <summary>A fact that runs only as root (euid 0, read from /proc/self/status), skipped with the reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!IsRoot) Skip = "needs root (euid 0) to create real cgroups";
    }

    public static bool IsRoot
    {
        get
        {
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
            var fields = line?.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            return fields is { Length: >= 3 } && fields[2] == "0";
        }
    }
}
