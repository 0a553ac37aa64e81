namespace Berth.Oci.Tests;

/// <summary>Where the shared OCI spec folder is and whether runc is installed.</summary>
internal static class TestEnvironment
{
    /// <summary>The repository root: the first ancestor of the test binary that holds Berth.slnx.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared/specs/oci-runtime-spec beside the repository (or $BERTH_OCI_SPEC_DIR).</summary>
    public static string SpecDir { get; } =
        Environment.GetEnvironmentVariable("BERTH_OCI_SPEC_DIR") is { Length: > 0 } d
            ? d
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "specs", "oci-runtime-spec"));

    public static bool HasSpecs => Directory.Exists(SpecDir);

    public static string? Runc { get; } = FindOnPath("runc");

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}");
    }

    static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/usr/local/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}

/// <summary>A fact skipped, with a message, when the shared spec folder is absent.</summary>
internal sealed class SpecsFactAttribute : FactAttribute
{
    public SpecsFactAttribute()
    {
        if (!TestEnvironment.HasSpecs) Skip = $"OCI spec folder not found at {TestEnvironment.SpecDir} (set BERTH_OCI_SPEC_DIR)";
    }
}

/// <summary>A fact skipped, with a message, when runc is not installed.</summary>
internal sealed class RuncFactAttribute : FactAttribute
{
    public RuncFactAttribute()
    {
        if (TestEnvironment.Runc is null) Skip = "runc is not installed";
    }
}
