using System.Text.Json;
using System.Text.Json.Serialization;
using Berth.Core;

namespace Berth.Oci;

/// <summary>
/// The features document `berth-runtime features` prints (features.md): what berth-runtime implements,
/// fixed at build time as the spec asks, not probed from the host.
/// </summary>
public sealed class RuntimeFeatures
{
    /// <summary>The annotation that carries berth-runtime's version.</summary>
    public const string VersionAnnotation = "io.berth.runtime.version";

    [JsonRequired] public string OciVersionMin { get; set; } = "";
    [JsonRequired] public string OciVersionMax { get; set; } = "";
    public List<string>? Hooks { get; set; }
    public List<string>? MountOptions { get; set; }
    public LinuxFeatures? Linux { get; set; }
    public Dictionary<string, string>? Annotations { get; set; }
    public List<string>? PotentiallyUnsafeConfigAnnotations { get; set; }

    /// <summary>What berth-runtime supports; <paramref name="runtimeVersion"/> goes into the io.berth.runtime.version annotation.</summary>
    public static RuntimeFeatures Create(string runtimeVersion) => new()
    {
        OciVersionMin = "1.0.0",
        OciVersionMax = OciJson.SpecVersion,
        Hooks = ["prestart", "createRuntime", "createContainer", "startContainer", "poststart", "poststop"],
        MountOptions = [.. MountOptionNames],
        Linux = new LinuxFeatures
        {
            Namespaces = ["cgroup", "ipc", "mount", "network", "pid", "uts"],
            Capabilities = [.. CapabilityNames.All],
            Cgroup = new CgroupFeatures { V1 = true, V2 = true, Systemd = false, SystemdUser = false },
            Seccomp = new SeccompFeatures
            {
                Enabled = true,
                Actions =
                [
                    "SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD",
                    "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY", "SCMP_ACT_TRACE", "SCMP_ACT_TRAP",
                ],
                Operators = ["SCMP_CMP_EQ", "SCMP_CMP_GE", "SCMP_CMP_GT", "SCMP_CMP_LE", "SCMP_CMP_LT", "SCMP_CMP_MASKED_EQ", "SCMP_CMP_NE"],
                Archs = ["SCMP_ARCH_X86_64", "SCMP_ARCH_X86", "SCMP_ARCH_X32", "SCMP_ARCH_AARCH64"],
            },
            Apparmor = new FeatureSwitch { Enabled = false },
            Selinux = new FeatureSwitch { Enabled = false },
        },
        Annotations = new Dictionary<string, string> { [VersionAnnotation] = runtimeVersion },
    };

    /// <summary>The document as `features` prints it: indented, no trailing newline.</summary>
    public static string ToJson(RuntimeFeatures features) => JsonSerializer.Serialize(features, OciJson.Indented.RuntimeFeatures);

    /// <summary>Parses a features document; a missing ociVersionMin/Max or a wrong type is an InvalidArgument naming the path.</summary>
    public static RuntimeFeatures Parse(ReadOnlySpan<byte> utf8, string what) =>
        OciJson.Parse(utf8, what, OciJsonContext.Default.RuntimeFeatures) ?? throw BerthException.Invalid($"{what}: the document is null");

    /// <summary>The mount options berth-runtime recognizes (runc's list: mount flags, propagation, recursive r* options, tmpcopyup).</summary>
    public static IReadOnlyList<string> MountOptionNames { get; } =
    [
        "acl", "async", "atime", "bind", "defaults", "dev", "diratime", "dirsync", "exec", "iversion", "lazytime", "loud",
        "mand", "noacl", "noatime", "nodev", "nodiratime", "noexec", "noiversion", "nolazytime", "nomand", "norelatime",
        "nostrictatime", "nosuid", "nosymfollow", "private", "ratime", "rbind", "rdev", "rdiratime", "relatime", "remount",
        "rexec", "rnoatime", "rnodev", "rnodiratime", "rnoexec", "rnorelatime", "rnostrictatime", "rnosuid", "rnosymfollow",
        "ro", "rprivate", "rrelatime", "rro", "rrw", "rshared", "rslave", "rstrictatime", "rsuid", "rsymfollow",
        "runbindable", "rw", "shared", "silent", "slave", "strictatime", "suid", "symfollow", "sync", "tmpcopyup", "unbindable",
    ];
}
