using Berth.Cgroups.V1;
using Berth.Cgroups.V2;
using Berth.Core;

namespace Berth.Cgroups;

/// <summary>Places a container's cgroup and opens managers for it.</summary>
public static class CgroupManagers
{
    /// <summary>The default relative cgroupsPath: "berth/&lt;containerId&gt;".</summary>
    public const string DefaultParent = "berth";

    /// <summary>A manager for the container's cgroup on this host (detects mounts and own cgroup from /proc/self).</summary>
    public static ICgroupManager ForContainer(string? cgroupsPath, string containerId) =>
        ForContainer(cgroupsPath, containerId, CgroupEnvironment.Detect());

    public static ICgroupManager ForContainer(string? cgroupsPath, string containerId, CgroupEnvironment environment) =>
        Open(Resolve(cgroupsPath, containerId, environment));

    /// <summary>
    /// Where the container's cgroup goes. Null/empty → "berth/&lt;containerId&gt;"; a relative path → under the runtime's own
    /// cgroup (per hierarchy on v1; the self leaf stripped on v2); an absolute path → below the cgroup mount(s) as given.
    /// "." and ".." components are rejected.
    /// </summary>
    public static CgroupLocation Resolve(string? cgroupsPath, string containerId, CgroupEnvironment environment)
    {
        CgroupPaths.ValidateName(containerId, "container id");
        var path = string.IsNullOrEmpty(cgroupsPath) ? $"{DefaultParent}/{containerId}" : cgroupsPath;
        var absolute = path.StartsWith('/');
        if (!absolute && path.Count(ch => ch == ':') == 2)
            throw BerthException.Invalid($"cgroupsPath \"{path}\" is in the systemd driver's slice:prefix:name form; Berth manages cgroupfs directly and needs a path");
        var components = CgroupPaths.Components(path);

        if (environment.Mode == CgroupMode.V2)
        {
            var mount = environment.Layout.Unified!.MountPoint;
            if (!absolute)
            {
                var own = environment.OwnUnifiedDirectory();
                return new CgroupLocation { Mode = CgroupMode.V2, Path = CgroupPaths.Join(own, components), Base = own };
            }
            var target = CgroupPaths.Join(mount, components);
            return new CgroupLocation { Mode = CgroupMode.V2, Path = target, Base = DeepestExistingAncestor(target, mount) };
        }

        var dirs = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var own1 = environment.OwnV1Directories();
        foreach (var controller in CgroupEnvironment.V1Controllers)
        {
            if (!environment.Layout.V1.TryGetValue(controller, out var mount)) continue;
            if (absolute) dirs[controller] = CgroupPaths.Join(mount.MountPoint, components);
            else if (own1.TryGetValue(controller, out var own)) dirs[controller] = CgroupPaths.Join(own, components);
        }
        if (dirs.Count == 0) throw BerthException.Precondition("no cgroup v1 controller Berth can use is mounted");
        return new CgroupLocation { Mode = environment.Mode, Paths = dirs };
    }

    /// <summary>Reopens the manager of a location stored earlier (state.json).</summary>
    public static ICgroupManager Open(CgroupLocation location) => location.Mode switch
    {
        CgroupMode.V2 => new CgroupV2Manager(
            location.Path ?? throw BerthException.Invalid("cgroup location: mode V2 without a path"), location.Base),
        _ => new CgroupV1Manager(
            location.Paths ?? throw BerthException.Invalid($"cgroup location: mode {location.Mode} without paths"), location.Mode),
    };

    /// <summary>For an absolute v2 path: the nearest existing ancestor, the only pre-existing cgroup Create writes to.</summary>
    static string DeepestExistingAncestor(string target, string mount)
    {
        var d = Path.GetDirectoryName(target)!;
        while (d.Length > mount.TrimEnd('/').Length && !Directory.Exists(d)) d = Path.GetDirectoryName(d)!;
        return d.Length < mount.TrimEnd('/').Length ? mount : d;
    }
}
