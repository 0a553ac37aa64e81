using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Oci;

namespace Berth.Runtime.Rootfs;

/// <summary>
/// Builds the container's root filesystem inside init's new mount namespace, in runc's order:
/// propagation of "/", the rootfs made a mount point, config mounts, devices and links; then (after the
/// createContainer hooks) pivot_root; then read-only root, sysctls, read-only and masked paths.
/// Every mount target is resolved inside the rootfs (PathInRoot), never through a symlink out of it.
/// </summary>
public sealed class RootfsSetup(RuntimeSpec spec, string rootfs, string bundle, bool newCgroupNamespace)
{
    readonly IReadOnlyList<MountStep> _steps = MountPlanner.Plan(spec, bundle);

    bool HasMountNamespace => spec.Linux?.Namespaces?.Any(n => n.Type == "mount") ?? false;

    public void Prepare()
    {
        var propagation = spec.Linux?.RootfsPropagation is { Length: > 0 } p
            ? MountOptions.PropagationOf(p) ?? throw BerthException.Invalid($"linux.rootfsPropagation: unknown value {p}")
            : Libc.MS_SLAVE | Libc.MS_REC;
        Errno.Check(Libc.mount(null, "/", null, propagation, null), "set propagation of", "/");
        MakeParentPrivate();
        Errno.Check(Libc.mount(rootfs, rootfs, "bind", Libc.MS_BIND | Libc.MS_REC, null), "bind-mount rootfs", rootfs);

        using var root = new PathInRoot(rootfs);
        foreach (var step in _steps) Apply(root, step);

        var devIsBind = _steps.Any(s => s.Target == "/dev" && s.Kind == MountStepKind.Bind);
        if (!devIsBind)
        {
            Devices.Create(root, Devices.Defaults.Concat(spec.Linux?.Devices ?? []));
            Devices.Links(root);
        }
    }

    /// <summary>pivot_root needs the rootfs' parent mount not to be shared.</summary>
    void MakeParentPrivate()
    {
        MountInfoEntry? best = null;
        foreach (var m in MountInfo.Read())
            if ((rootfs == m.MountPoint || rootfs.StartsWith(m.MountPoint.TrimEnd('/') + "/", StringComparison.Ordinal))
                && (best is null || m.MountPoint.Length >= best.MountPoint.Length))
                best = m;
        if (best is not null && best.Optional.Contains("shared:", StringComparison.Ordinal))
            Errno.Check(Libc.mount(null, best.MountPoint, null, Libc.MS_PRIVATE, null), "make private", best.MountPoint);
    }

    void Apply(PathInRoot root, MountStep step)
    {
        switch (step.Kind)
        {
            case MountStepKind.Bind: Bind(root, step); break;
            case MountStepKind.Cgroup: Cgroup(root, step); break;
            default: Filesystem(root, step); break;
        }
    }

    static void Filesystem(PathInRoot root, MountStep s)
    {
        var fd = root.Create(s.Target, directory: true);
        try
        {
            var target = PathInRoot.ProcPath(fd);
            var flags = s.Flags;
            // sysfs and mqueue refuse some flags in some setups; runc retries proc/sysfs as a bind when not permitted.
            var rc = Libc.mount(s.Source, target, s.FsType, flags, s.Data.Length > 0 ? s.Data : null);
            if (rc == -1 && Errno.Last == Errno.EPERM && s.FsType == "sysfs")
                rc = Libc.mount("/sys", target, null, Libc.MS_BIND | Libc.MS_REC, null);
            Errno.Check(rc, $"mount {s.FsType} on", s.Target);
        }
        finally { Fd.Close(fd); }
        if (s.Propagation != 0) OnMounted(root, s.Target, t => Errno.Check(Libc.mount(null, t, null, s.Propagation, null), "set propagation of", s.Target));
    }

    /// <summary>Runs an action on the mount now at target: a descriptor opened before mounting names what is under it.</summary>
    static void OnMounted(PathInRoot root, string target, Action<string> action)
    {
        var fd = root.Open(target);
        try { action(PathInRoot.ProcPath(fd)); }
        finally { Fd.Close(fd); }
    }

    static void Bind(PathInRoot root, MountStep s)
    {
        var source = s.Source!;
        bool isDir;
        try { isDir = (File.GetAttributes(source) & FileAttributes.Directory) != 0; }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new LinuxException(Errno.ENOENT, "bind-mount source", source);
        }
        var fd = root.Create(s.Target, isDir);
        try
        {
            var target = PathInRoot.ProcPath(fd);
            Errno.Check(Libc.mount(source, target, "bind", Libc.MS_BIND | (s.Recursive ? Libc.MS_REC : 0), null), "bind-mount " + source + " on", s.Target);
        }
        finally { Fd.Close(fd); }
        if ((s.Flags & ~Libc.MS_REC) != 0)
            OnMounted(root, s.Target, t => Errno.Check(Libc.mount(null, t, null, Libc.MS_BIND | Libc.MS_REMOUNT | s.Flags | LockedFlags(t), null), "remount", s.Target));
        if (s.Propagation != 0)
            OnMounted(root, s.Target, t => Errno.Check(Libc.mount(null, t, null, s.Propagation, null), "set propagation of", s.Target));
    }

    /// <summary>nosuid/nodev/noexec/atime flags of an existing mount, which a bind remount must keep.</summary>
    static ulong LockedFlags(string path)
    {
        const ulong keep = Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC | Libc.MS_NOATIME | Libc.MS_NODIRATIME | Libc.MS_RELATIME;
        return FileSystems.MountFlags(path) & keep;
    }

    void Cgroup(PathInRoot root, MountStep s)
    {
        var hierarchies = MountInfo.Read().Where(m => m.FsType is "cgroup" or "cgroup2" && m.MountPoint.StartsWith("/sys/fs/cgroup", StringComparison.Ordinal)).ToList();
        var pure2 = hierarchies.Count == 1 && hierarchies[0].FsType == "cgroup2" && hierarchies[0].MountPoint == "/sys/fs/cgroup";
        if (pure2 || hierarchies.Count == 0)
        {
            if (newCgroupNamespace || hierarchies.Count == 0)
                Filesystem(root, s with { Source = "cgroup2", FsType = "cgroup2", Data = "" });
            else
                Bind(root, new MountStep(MountStepKind.Bind, s.Target, "/sys/fs/cgroup" + OwnCgroup(""), null, s.Flags, "", s.Propagation));
            return;
        }

        // v1 or hybrid: a tmpfs holding one mount per hierarchy, read-only afterwards if asked.
        Filesystem(root, s with { Source = "tmpfs", FsType = "tmpfs", Flags = Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC, Data = "mode=755" });
        foreach (var h in hierarchies)
        {
            var name = h.MountPoint["/sys/fs/cgroup".Length..].TrimStart('/');
            if (name.Length == 0 || name.Contains('/')) continue;
            var dest = s.Target.TrimEnd('/') + "/" + name;
            var flags = (s.Flags & ~Libc.MS_RDONLY) | Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC | (s.Flags & Libc.MS_RDONLY);
            if (newCgroupNamespace)
            {
                var opts = string.Join(',', h.SuperOptions.Split(',').Where(o => o is not ("rw" or "ro")));
                Filesystem(root, new MountStep(MountStepKind.Filesystem, dest, h.FsType, h.FsType, flags, h.FsType == "cgroup2" ? "" : opts, 0));
            }
            else
            {
                var own = OwnCgroup(h.FsType == "cgroup2" ? "" : h.SuperOptions);
                Bind(root, new MountStep(MountStepKind.Bind, dest, h.MountPoint + own, null, flags, "", 0));
            }
        }
        // cpu -> cpu,cpuacct and the like, as on the host.
        var dir = root.Open(s.Target, directory: true);
        try
        {
            foreach (var entry in new DirectoryInfo("/sys/fs/cgroup").EnumerateFileSystemInfos())
                if (entry.LinkTarget is { } target && !target.Contains('/'))
                    Libc.symlinkat(target, dir, entry.Name);
        }
        finally { Fd.Close(dir); }
        if ((s.Flags & Libc.MS_RDONLY) != 0)
        {
            var fd = root.Open(s.Target, directory: true);
            try { Errno.Check(Libc.mount(null, PathInRoot.ProcPath(fd), null, Libc.MS_REMOUNT | Libc.MS_RDONLY | Libc.MS_NOSUID | Libc.MS_NODEV | Libc.MS_NOEXEC, "mode=755"), "remount read-only", s.Target); }
            finally { Fd.Close(fd); }
        }
    }

    /// <summary>This process's cgroup in the hierarchy whose options include a controller of superOptions ("" = v2).</summary>
    static string OwnCgroup(string superOptions)
    {
        var wanted = superOptions.Split(',').Where(o => o is not ("rw" or "ro")).ToHashSet();
        foreach (var line in File.ReadAllLines("/proc/self/cgroup"))
        {
            var parts = line.Split(':', 3);
            if (parts.Length < 3) continue;
            var controllers = parts[1].Split(',');
            if (superOptions.Length == 0 ? parts[1].Length == 0 : controllers.Any(wanted.Contains))
                return parts[2] == "/" ? "" : parts[2];
        }
        return "";
    }

    /// <summary>pivot_root into the rootfs (chroot when there is no mount namespace), leaving no trace of the host.</summary>
    public void PivotRoot()
    {
        if (!HasMountNamespace)
        {
            Errno.Check(Libc.chroot(rootfs), "chroot", rootfs);
            Errno.Check(Libc.chdir("/"), "chdir", "/");
            return;
        }
        var oldRoot = Errno.Check(Libc.open("/", Libc.O_DIRECTORY | Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open", "/");
        var newRoot = Errno.Check(Libc.open(rootfs, Libc.O_DIRECTORY | Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open", rootfs);
        try
        {
            Errno.Check(Libc.fchdir(newRoot), "chdir", rootfs);
            Errno.Check(Libc.pivot_root(".", "."), "pivot_root", rootfs);
            Errno.Check(Libc.fchdir(oldRoot), "chdir", "old root");
            Errno.Check(Libc.mount(null, ".", null, Libc.MS_SLAVE | Libc.MS_REC, null), "make old root rslave", ".");
            Errno.Check(Libc.umount2(".", Libc.MNT_DETACH), "unmount old root", ".");
            Errno.Check(Libc.chdir("/"), "chdir", "/");
        }
        finally
        {
            Fd.Close(oldRoot);
            Fd.Close(newRoot);
        }
    }

    /// <summary>After pivot_root: read-only root, sysctls, read-only and masked paths.</summary>
    public void Finish()
    {
        foreach (var (key, value) in spec.Linux?.Sysctl ?? [])
        {
            var path = "/proc/sys/" + key.Replace('.', '/');
            if (key.Contains("..") || key.Contains('/')) throw BerthException.Invalid($"linux.sysctl: invalid key {key}");
            try { File.WriteAllText(path, value); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BerthException(ErrorKind.InvalidArgument, $"sysctl {key}={value}: {e.Message}");
            }
        }
        foreach (var p in spec.Linux?.ReadonlyPaths ?? []) ReadonlyPath(p);
        foreach (var p in spec.Linux?.MaskedPaths ?? []) MaskPath(p);
        if (spec.Root?.Readonly == true)
            Errno.Check(Libc.mount(null, "/", null, Libc.MS_BIND | Libc.MS_REMOUNT | Libc.MS_RDONLY | LockedFlags("/"), null), "remount read-only", "/");
    }

    static void ReadonlyPath(string path)
    {
        if (!Path.Exists(path)) return;
        Errno.Check(Libc.mount(path, path, null, Libc.MS_BIND | Libc.MS_REC, null), "bind-mount read-only path", path);
        Errno.Check(Libc.mount(null, path, null, Libc.MS_BIND | Libc.MS_REMOUNT | Libc.MS_RDONLY | Libc.MS_REC | LockedFlags(path), null), "remount read-only", path);
    }

    static void MaskPath(string path)
    {
        if (Directory.Exists(path))
            Errno.Check(Libc.mount("tmpfs", path, "tmpfs", Libc.MS_RDONLY, null), "mask", path);
        else if (File.Exists(path))
            Errno.Check(Libc.mount("/dev/null", path, null, Libc.MS_BIND, null), "mask", path);
    }
}
