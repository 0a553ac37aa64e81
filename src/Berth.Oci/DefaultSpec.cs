using System.Text.Json;

namespace Berth.Oci;

/// <summary>
/// The config.json that `berth-runtime spec` writes: the document `runc spec` (runc 1.1) prints, value for value,
/// except hostname "berth" and ociVersion <see cref="OciJson.SpecVersion"/>. With rootless, runc's ToRootless
/// edits: no network namespace, a user namespace mapping the caller to root, /sys bind-mounted, no uid=/gid= mount
/// options, no resources.
/// </summary>
public static class DefaultSpec
{
    public const string Hostname = "berth";

    /// <summary>The default spec; when rootless, the caller's effective uid and gid (from /proc/self/status) are mapped to root.</summary>
    public static RuntimeSpec Create(bool rootless = false)
    {
        if (!rootless) return Create(false, 0, 0);
        var (uid, gid) = EffectiveIds();
        return Create(true, uid, gid);
    }

    /// <summary>The default spec; <paramref name="hostUid"/>/<paramref name="hostGid"/> are mapped to root when rootless.</summary>
    public static RuntimeSpec Create(bool rootless, uint hostUid, uint hostGid)
    {
        var spec = Base();
        if (rootless) ToRootless(spec, hostUid, hostGid);
        return spec;
    }

    /// <summary>The document as `spec` writes it: indented through <see cref="OciJson.Indented"/>, no trailing newline.</summary>
    public static string ToJson(RuntimeSpec spec) => JsonSerializer.Serialize(spec, OciJson.Indented.RuntimeSpec);

    static RuntimeSpec Base()
    {
        List<string> caps() => ["CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE"];
        return new RuntimeSpec
        {
            OciVersion = OciJson.SpecVersion,
            Process = new SpecProcess
            {
                Terminal = true,
                User = new SpecUser { Uid = 0, Gid = 0 },
                Args = ["sh"],
                Env = ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM=xterm"],
                Cwd = "/",
                Capabilities = new Capabilities { Bounding = caps(), Effective = caps(), Permitted = caps(), Ambient = caps() },
                Rlimits = [new Rlimit { Type = "RLIMIT_NOFILE", Hard = 1024, Soft = 1024 }],
                NoNewPrivileges = true,
            },
            Root = new SpecRoot { Path = "rootfs", Readonly = true },
            Hostname = Hostname,
            Mounts =
            [
                Mount("/proc", "proc", "proc"),
                Mount("/dev", "tmpfs", "tmpfs", "nosuid", "strictatime", "mode=755", "size=65536k"),
                Mount("/dev/pts", "devpts", "devpts", "nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"),
                Mount("/dev/shm", "tmpfs", "shm", "nosuid", "noexec", "nodev", "mode=1777", "size=65536k"),
                Mount("/dev/mqueue", "mqueue", "mqueue", "nosuid", "noexec", "nodev"),
                Mount("/sys", "sysfs", "sysfs", "nosuid", "noexec", "nodev", "ro"),
                Mount("/sys/fs/cgroup", "cgroup", "cgroup", "nosuid", "noexec", "nodev", "relatime", "ro"),
            ],
            Linux = new SpecLinux
            {
                Resources = new LinuxResources { Devices = [new LinuxDeviceCgroup { Allow = false, Access = "rwm" }] },
                Namespaces = [Ns("pid"), Ns("network"), Ns("ipc"), Ns("uts"), Ns("mount")],
                MaskedPaths =
                [
                    "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
                    "/proc/timer_stats", "/proc/sched_debug", "/sys/firmware", "/proc/scsi",
                ],
                ReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"],
            },
        };
    }

    // runc libcontainer/specconv.ToRootless.
    static void ToRootless(RuntimeSpec spec, uint hostUid, uint hostGid)
    {
        var linux = spec.Linux!;
        linux.Namespaces = [.. linux.Namespaces!.Where(n => n.Type is not ("network" or "user")), Ns("user")];
        linux.UidMappings = [new IdMapping { ContainerID = 0, HostID = hostUid, Size = 1 }];
        linux.GidMappings = [new IdMapping { ContainerID = 0, HostID = hostGid, Size = 1 }];
        var mounts = new List<SpecMount>();
        foreach (var m in spec.Mounts!)
        {
            if (m.Destination == "/sys")
            {
                mounts.Add(Mount("/sys", "none", "/sys", "rbind", "nosuid", "noexec", "nodev", "ro"));
                continue;
            }
            if (m.Options is { } options)
                m.Options = [.. options.Where(o => !o.StartsWith("gid=", StringComparison.Ordinal) && !o.StartsWith("uid=", StringComparison.Ordinal))];
            mounts.Add(m);
        }
        spec.Mounts = mounts;
        linux.Resources = null;
    }

    static SpecMount Mount(string destination, string type, string source, params string[] options) =>
        new() { Destination = destination, Type = type, Source = source, Options = options.Length == 0 ? null : [.. options] };

    static LinuxNamespace Ns(string type) => new() { Type = type };

    // The effective ids are the second field of the Uid:/Gid: lines; reading them keeps P/Invoke out of this assembly.
    static (uint Uid, uint Gid) EffectiveIds()
    {
        uint uid = 0, gid = 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal)) uid = SecondField(line);
            else if (line.StartsWith("Gid:", StringComparison.Ordinal)) gid = SecondField(line);
        }
        return (uid, gid);
    }

    static uint SecondField(string line) =>
        uint.Parse(line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)[2], System.Globalization.CultureInfo.InvariantCulture);
}
