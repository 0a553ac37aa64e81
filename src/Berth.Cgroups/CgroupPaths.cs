using Berth.Core;

namespace Berth.Cgroups;

/// <summary>Validation of the cgroup paths and names Berth accepts from a spec.</summary>
public static class CgroupPaths
{
    /// <summary>A single path component: not empty, no '/', not "." or "..", no NUL or newline.</summary>
    public static void ValidateName(string name, string what)
    {
        if (string.IsNullOrEmpty(name) || name is "." or ".." || name.IndexOfAny(['/', '\0', '\n']) >= 0)
            throw BerthException.Invalid($"invalid {what} \"{name}\": it must be one path component");
    }

    /// <summary>
    /// Splits a cgroupsPath into components, rejecting "." and ".." so a path can never climb out of
    /// the directory it is joined to. Empty components (double slashes) are dropped.
    /// </summary>
    public static string[] Components(string cgroupsPath)
    {
        var parts = cgroupsPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var p in parts)
            if (p is "." or ".." || p.IndexOfAny(['\0', '\n']) >= 0)
                throw BerthException.Invalid($"invalid cgroupsPath \"{cgroupsPath}\": \".\" and \"..\" components are not allowed");
        if (parts.Length == 0) throw BerthException.Invalid($"invalid cgroupsPath \"{cgroupsPath}\": it names no cgroup");
        return parts;
    }

    internal static string Join(string dir, string[] components) =>
        components.Aggregate(dir.TrimEnd('/').Length == 0 ? "/" : dir.TrimEnd('/'), Path.Combine);
}
