using Berth.Oci;

namespace Berth.Runtime.Init;

/// <summary>What the parent tells `berth-runtime init` to do; sent once over the init channel (fd 3).</summary>
public sealed class InitRequest
{
    /// <summary>"create" sets up a new container and waits on exec.fifo; "exec" joins a running one.</summary>
    public string Mode { get; set; } = "create";
    public string ContainerId { get; set; } = "";
    public string Bundle { get; set; } = "";
    /// <summary>Absolute host path of the root filesystem.</summary>
    public string Rootfs { get; set; } = "";
    public RuntimeSpec Spec { get; set; } = new();
    public string? FifoPath { get; set; }
    public string? ConsoleSocket { get; set; }
    /// <summary>Unshare the cgroup namespace once the parent has placed init in the container's cgroup.</summary>
    public bool NewCgroupNamespace { get; set; }
    /// <summary>Exec only: the descriptor of the container's mount namespace, joined by init's main thread.</summary>
    public int MountNamespaceFd { get; set; } = -1;
    /// <summary>Extra descriptors passed after stdio (runc --preserve-fds).</summary>
    public int PreserveFds { get; set; }
}
