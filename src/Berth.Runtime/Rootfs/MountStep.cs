namespace Berth.Runtime.Rootfs;

public enum MountStepKind
{
    /// <summary>mount(Source, Target, FsType, Flags, Data).</summary>
    Filesystem,
    /// <summary>A bind mount of Source (recursive if Recursive), remounted with Flags when there are any.</summary>
    Bind,
    /// <summary>A cgroup mount: cgroup2, or on v1 a tmpfs holding one mount per hierarchy.</summary>
    Cgroup,
}

/// <summary>One mount of the container's root filesystem, as data: planned without privileges, applied by init.</summary>
/// <param name="Target">Path inside the container, absolute.</param>
public sealed record MountStep(
    MountStepKind Kind,
    string Target,
    string? Source,
    string? FsType,
    ulong Flags,
    string Data,
    ulong Propagation,
    bool Recursive = false);
