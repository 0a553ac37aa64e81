using System.Text.Encodings.Web;
using System.Text.Json;
using Berth.Core;

namespace Berth.Oci;

/// <summary>
/// Checks a config.json before a container is created, as runc's libcontainer validator does.
/// A violation throws <see cref="BerthException"/> with <see cref="ErrorKind.InvalidArgument"/> and a one-line
/// message that starts with the field ("process.cwd: must be an absolute path, got \"x\"");
/// what runc only warns about (unknown capabilities, a newer 1.x ociVersion) comes back as warnings.
/// </summary>
public static class SpecValidator
{
    /// <summary>The namespace types of the spec (defs-linux.json NamespaceType).</summary>
    public static IReadOnlyList<string> NamespaceTypes { get; } = ["pid", "network", "mount", "ipc", "uts", "user", "cgroup", "time"];

    /// <summary>The values linux.rootfsPropagation may take (runc's list).</summary>
    public static IReadOnlyList<string> RootfsPropagations { get; } =
        ["private", "rprivate", "slave", "rslave", "shared", "rshared", "unbindable", "runbindable"];

    // Sysctls of the IPC namespace (runc's validSysctlMap); fs.mqueue.* is matched by prefix.
    static readonly HashSet<string> IpcSysctls = new(StringComparer.Ordinal)
    {
        "kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
        "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced",
    };

    /// <summary>
    /// Everything `create` needs: the whole document, a process with args, and a rootfs directory on disk.
    /// Returns the warnings; throws InvalidArgument at the first violation.
    /// </summary>
    public static IReadOnlyList<string> Validate(RuntimeSpec spec, string bundleDir)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var warnings = new List<string>();
        CheckVersion(spec.OciVersion, warnings);
        CheckRoot(spec);
        if (spec.Process is null) throw Invalid("process: required (create needs a process to run)");
        CheckDocument(spec);
        CheckProcess(spec.Process, "process", requireArgs: true, warnings);
        CheckRootfsOnDisk(ResolveRootfs(spec, bundleDir));
        return warnings;
    }

    /// <summary>
    /// The checks that need neither a bundle nor a process (config.md allows a config without one):
    /// what a document must satisfy to be a valid Linux config.json at all.
    /// </summary>
    public static IReadOnlyList<string> ValidateDocument(RuntimeSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var warnings = new List<string>();
        CheckVersion(spec.OciVersion, warnings);
        CheckRoot(spec);
        CheckDocument(spec);
        if (spec.Process is { } p) CheckProcess(p, "process", requireArgs: false, warnings);
        return warnings;
    }

    /// <summary>A process on its own, as `exec --process` reads it: args and an absolute cwd are required.</summary>
    public static IReadOnlyList<string> ValidateProcess(SpecProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var warnings = new List<string>();
        CheckProcess(process, "process", requireArgs: true, warnings);
        return warnings;
    }

    /// <summary>
    /// The absolute path of the rootfs: root.path as is when absolute, else relative to the bundle directory
    /// (itself made absolute against the current directory). Does not touch the disk.
    /// </summary>
    public static string ResolveRootfs(RuntimeSpec spec, string bundleDir)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(bundleDir);
        CheckRoot(spec);
        var path = spec.Root!.Path!;
        return Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(Path.GetFullPath(bundleDir), path)));
    }

    static void CheckVersion(string? version, List<string> warnings)
    {
        if (string.IsNullOrEmpty(version)) throw Invalid("ociVersion: required");
        if (!OciVersion.TryParse(version, out var v)) throw Invalid($"ociVersion: not a version (want MAJOR.MINOR.PATCH), got {Quote(version)}");
        if (v.Major != 1) throw Invalid($"ociVersion: unsupported major version {v.Major} in {Quote(version)} (only 1.x is supported)");
        OciVersion.TryParse(OciJson.SpecVersion, out var max);
        if (v.CompareTo(max) > 0)
            warnings.Add($"ociVersion: {version} is newer than the {OciJson.SpecVersion} this runtime implements; fields it does not know are ignored");
    }

    static void CheckRoot(RuntimeSpec spec)
    {
        if (spec.Root is null) throw Invalid("root: required");
        if (string.IsNullOrEmpty(spec.Root.Path)) throw Invalid("root.path: required");
    }

    static void CheckRootfsOnDisk(string rootfs)
    {
        if (Directory.Exists(rootfs)) return;
        if (File.Exists(rootfs)) throw Invalid($"root.path: {Quote(rootfs)} is not a directory");
        throw Invalid($"root.path: {Quote(rootfs)} does not exist");
    }

    static void CheckDocument(RuntimeSpec spec)
    {
        CheckMounts(spec.Mounts);
        CheckHooks(spec.Hooks);
        var linux = spec.Linux;
        var namespaces = CheckNamespaces(linux?.Namespaces);
        if (!string.IsNullOrEmpty(spec.Hostname) && !namespaces.Contains("uts"))
            throw Invalid("hostname: unable to set hostname without a private UTS namespace");
        if (!string.IsNullOrEmpty(spec.Domainname) && !namespaces.Contains("uts"))
            throw Invalid("domainname: unable to set domainname without a private UTS namespace");
        if (linux is null) return;

        if (linux.RootfsPropagation is { Length: > 0 } prop && !RootfsPropagations.Contains(prop))
            throw Invalid($"linux.rootfsPropagation: must be one of {string.Join(", ", RootfsPropagations)}, got {Quote(prop)}");
        if (!namespaces.Contains("user"))
        {
            if (linux.UidMappings is { Count: > 0 }) throw Invalid("linux.uidMappings: set, but linux.namespaces has no user namespace");
            if (linux.GidMappings is { Count: > 0 }) throw Invalid("linux.gidMappings: set, but linux.namespaces has no user namespace");
        }
        CheckSysctls(linux.Sysctl, namespaces);
        CheckDevices(linux.Devices);
        CheckHugepages(linux.Resources?.HugepageLimits);
    }

    static HashSet<string> CheckNamespaces(List<LinuxNamespace>? namespaces)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (namespaces is null) return seen;
        for (var i = 0; i < namespaces.Count; i++)
        {
            var ns = namespaces[i];
            var field = $"linux.namespaces[{i}]";
            if (ns is null) throw Invalid($"{field}: must be an object, got null");
            if (!NamespaceTypes.Contains(ns.Type))
                throw Invalid($"{field}.type: unknown namespace type {Quote(ns.Type)} (want one of {string.Join(", ", NamespaceTypes)})");
            if (!seen.Add(ns.Type)) throw Invalid($"linux.namespaces: duplicate namespace type {Quote(ns.Type)}");
            if (ns.Path is { Length: > 0 } p && !p.StartsWith('/'))
                throw Invalid($"{field}.path: must be an absolute path, got {Quote(p)}");
        }
        return seen;
    }

    static void CheckMounts(List<SpecMount>? mounts)
    {
        if (mounts is null) return;
        for (var i = 0; i < mounts.Count; i++)
        {
            var field = $"mounts[{i}]";
            var m = mounts[i] ?? throw Invalid($"{field}: must be an object, got null");
            if (string.IsNullOrEmpty(m.Destination)) throw Invalid($"{field}.destination: required");
            if (!m.Destination.StartsWith('/')) throw Invalid($"{field}.destination: must be an absolute path, got {Quote(m.Destination)}");
        }
    }

    static void CheckHooks(SpecHooks? hooks)
    {
        if (hooks is null) return;
        CheckHookList("prestart", hooks.Prestart);
        CheckHookList("createRuntime", hooks.CreateRuntime);
        CheckHookList("createContainer", hooks.CreateContainer);
        CheckHookList("startContainer", hooks.StartContainer);
        CheckHookList("poststart", hooks.Poststart);
        CheckHookList("poststop", hooks.Poststop);
    }

    static void CheckHookList(string name, List<Hook>? list)
    {
        if (list is null) return;
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"hooks.{name}[{i}]";
            var h = list[i] ?? throw Invalid($"{field}: must be an object, got null");
            if (string.IsNullOrEmpty(h.Path)) throw Invalid($"{field}.path: required");
            if (!h.Path.StartsWith('/')) throw Invalid($"{field}.path: must be an absolute path, got {Quote(h.Path)}");
            if (h.Timeout is <= 0) throw Invalid($"{field}.timeout: must be greater than zero, got {h.Timeout}");
            CheckEnv($"{field}.env", h.Env);
        }
    }

    static void CheckProcess(SpecProcess p, string field, bool requireArgs, List<string> warnings)
    {
        if (requireArgs && (p.Args is null || p.Args.Count == 0)) throw Invalid($"{field}.args: must not be empty");
        if (string.IsNullOrEmpty(p.Cwd)) throw Invalid($"{field}.cwd: required");
        if (!p.Cwd.StartsWith('/')) throw Invalid($"{field}.cwd: must be an absolute path, got {Quote(p.Cwd)}");
        CheckEnv($"{field}.env", p.Env);
        CheckRlimits($"{field}.rlimits", p.Rlimits);
        if (p.Capabilities is { } caps)
        {
            CheckCapabilities($"{field}.capabilities.bounding", caps.Bounding, warnings);
            CheckCapabilities($"{field}.capabilities.effective", caps.Effective, warnings);
            CheckCapabilities($"{field}.capabilities.inheritable", caps.Inheritable, warnings);
            CheckCapabilities($"{field}.capabilities.permitted", caps.Permitted, warnings);
            CheckCapabilities($"{field}.capabilities.ambient", caps.Ambient, warnings);
        }
        if (p.OomScoreAdj is { } adj && (adj < -1000 || adj > 1000))
            throw Invalid($"{field}.oomScoreAdj: must be between -1000 and 1000, got {adj}");
    }

    static void CheckEnv(string field, List<string>? env)
    {
        if (env is null) return;
        for (var i = 0; i < env.Count; i++)
        {
            var e = env[i] ?? throw Invalid($"{field}[{i}]: must be a string, got null");
            var eq = e.IndexOf('=');
            if (eq < 0) throw Invalid($"{field}[{i}]: invalid entry {Quote(e)} (want KEY=value)");
            if (eq == 0) throw Invalid($"{field}[{i}]: invalid entry {Quote(e)} (the name is empty)");
            if (e.Contains('\0')) throw Invalid($"{field}[{i}]: invalid entry {Quote(e)} (contains a NUL byte)");
        }
    }

    static void CheckRlimits(string field, List<Rlimit>? rlimits)
    {
        if (rlimits is null) return;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rlimits.Count; i++)
        {
            var r = rlimits[i] ?? throw Invalid($"{field}[{i}]: must be an object, got null");
            if (!r.Type.StartsWith("RLIMIT_", StringComparison.Ordinal) || !RlimitNames.IsKnown(r.Type))
                throw Invalid($"{field}[{i}].type: unknown rlimit type {Quote(r.Type)} (want RLIMIT_NOFILE, RLIMIT_NPROC, ...)");
            if (!seen.Add(r.Type)) throw Invalid($"{field}: duplicate rlimit type {Quote(r.Type)}");
            if (r.Soft > r.Hard) throw Invalid($"{field}[{i}]: soft limit {r.Soft} exceeds hard limit {r.Hard} for {r.Type}");
        }
    }

    static void CheckCapabilities(string field, List<string>? names, List<string> warnings)
    {
        if (names is null) return;
        foreach (var name in names)
        {
            if (name is null) throw Invalid($"{field}: must be strings, got null");
            if (!CapabilityNames.IsKnown(name)) warnings.Add($"{field}: unknown capability {Quote(name)} is ignored");
        }
    }

    static void CheckSysctls(Dictionary<string, string>? sysctls, HashSet<string> namespaces)
    {
        if (sysctls is null) return;
        foreach (var key in sysctls.Keys)
        {
            if (IpcSysctls.Contains(key) || key.StartsWith("fs.mqueue.", StringComparison.Ordinal))
            {
                if (!namespaces.Contains("ipc")) throw Invalid($"linux.sysctl: sysctl {Quote(key)} is not allowed in the hosts ipc namespace");
            }
            else if (key.StartsWith("net.", StringComparison.Ordinal))
            {
                if (!namespaces.Contains("network")) throw Invalid($"linux.sysctl: sysctl {Quote(key)} is not allowed in the hosts network namespace");
            }
            else if (key is "kernel.hostname" or "kernel.domainname")
            {
                if (!namespaces.Contains("uts")) throw Invalid($"linux.sysctl: sysctl {Quote(key)} is not allowed in the hosts uts namespace");
            }
            else
            {
                throw Invalid($"linux.sysctl: sysctl {Quote(key)} is not in a separate kernel namespace");
            }
        }
    }

    static void CheckDevices(List<LinuxDevice>? devices)
    {
        if (devices is null) return;
        for (var i = 0; i < devices.Count; i++)
        {
            var field = $"linux.devices[{i}]";
            var d = devices[i] ?? throw Invalid($"{field}: must be an object, got null");
            if (!d.Path.StartsWith('/')) throw Invalid($"{field}.path: must be an absolute path, got {Quote(d.Path)}");
            if (d.Type is not ("c" or "b" or "u" or "p")) throw Invalid($"{field}.type: must be one of c, b, u, p, got {Quote(d.Type)}");
        }
    }

    static void CheckHugepages(List<LinuxHugepageLimit>? limits)
    {
        if (limits is null) return;
        for (var i = 0; i < limits.Count; i++)
        {
            var field = $"linux.resources.hugepageLimits[{i}]";
            var l = limits[i] ?? throw Invalid($"{field}: must be an object, got null");
            if (!IsPageSize(l.PageSize)) throw Invalid($"{field}.pageSize: must look like 2MB or 64KB, got {Quote(l.PageSize)}");
        }
    }

    // ^[1-9][0-9]*[KMG]B$ (config-linux.json)
    static bool IsPageSize(string s) =>
        s.Length >= 3 && s[0] is >= '1' and <= '9' && s[^1] == 'B' && s[^2] is 'K' or 'M' or 'G' && s[..^2].All(char.IsAsciiDigit);

    internal static string Quote(string? s) =>
        s is null ? "null" : "\"" + JsonEncodedText.Encode(s, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).ToString() + "\"";

    static BerthException Invalid(string message) => BerthException.Invalid(message);
}
