namespace Berth.Cgroups.Tests;

/// <summary>
/// A fact that runs only as root (euid 0, read from /proc/self/status) and, with <see cref="Needs"/>, only on a host
/// whose cgroup mode fits; skipped with the reason otherwise.
/// </summary>
public sealed class RootFactAttribute : FactAttribute
{
    /// <summary>"v1": V1 or Hybrid hosts; "hybrid": Hybrid hosts only; null: any.</summary>
    public string? Needs { get; set; }

    public override string? Skip
    {
        get => base.Skip ?? Reason();
        set => base.Skip = value;
    }

    string? Reason()
    {
        if (!IsRoot) return "needs root (euid 0) to create real cgroups";
        if (Needs is null) return null;
        var mode = CgroupLayout.Read().Mode;
        return Needs switch
        {
            "v1" when mode is CgroupMode.V1 or CgroupMode.Hybrid => null,
            "hybrid" when mode is CgroupMode.Hybrid => null,
            _ => $"needs a {Needs} cgroup host; this one is {mode}",
        };
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
