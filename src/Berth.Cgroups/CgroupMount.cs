using Berth.Core;

namespace Berth.Cgroups;

/// <summary>
/// One cgroup filesystem mount from /proc/self/mountinfo. Root is the hierarchy path shown at MountPoint
/// ("/" unless bind-mounted or inside a cgroup namespace); Controllers is empty for cgroup2 and holds
/// "name=..." for named v1 hierarchies.
/// </summary>
public sealed record CgroupMount(string MountPoint, string Root, bool IsV2, IReadOnlyList<string> Controllers)
{
    /// <summary>The directory of a hierarchy path (as in /proc/self/cgroup) below this mount.</summary>
    public string DirectoryOf(string cgroupPath)
    {
        var path = "/" + cgroupPath.Trim('/');
        var root = "/" + Root.Trim('/');
        string inner;
        if (root == "/") inner = path;
        else if (path == root) inner = "/";
        else if (path.StartsWith(root + "/", StringComparison.Ordinal)) inner = path[root.Length..];
        else throw BerthException.Precondition($"cgroup {path} is outside the hierarchy mounted at {MountPoint} (mount root {root})");
        return inner == "/" ? MountPoint : MountPoint.TrimEnd('/') + inner;
    }
}
