using Berth.Oci;

namespace Berth.Cgroups;

/// <summary>The cgroup of one container, on whichever cgroup version the host runs.</summary>
public interface ICgroupManager
{
    CgroupMode Mode { get; }

    /// <summary>Where the cgroup lives; persist it and reopen with <see cref="CgroupManagers.Open"/>.</summary>
    CgroupLocation Location { get; }

    /// <summary>Settings that were accepted but not enforced (v2 device rules, ...), accumulated by Create/Apply/Update.</summary>
    IReadOnlyList<string> Warnings { get; }

    /// <summary>True when the cgroup directory exists (in any hierarchy on v1).</summary>
    bool Exists { get; }

    /// <summary>Creates every directory (idempotent). V1: copies cpuset.cpus/mems down from the parent. V2: enables controllers in each parent's cgroup.subtree_control from the base down.</summary>
    void Create();

    /// <summary>Writes the limits of a new container (null does nothing).</summary>
    void Apply(LinuxResources? resources);

    /// <summary>Changes the limits of an existing container; the cgroup must exist.</summary>
    void Update(LinuxResources resources);

    /// <summary>Moves pid (its whole thread group) into the cgroup, in every hierarchy on v1.</summary>
    void AddProcess(int pid);

    /// <summary>Every pid in the cgroup and its descendants, sorted.</summary>
    IReadOnlyList<int> GetPids();

    /// <summary>Freezes every task and waits until the kernel reports the cgroup frozen.</summary>
    void Freeze();

    /// <summary>Thaws and waits until the kernel reports it thawed.</summary>
    void Thaw();

    FreezerState FreezerState { get; }

    CgroupStats Stats();

    /// <summary>How many tasks the OOM killer has killed in this cgroup (0 when the kernel does not count).</summary>
    ulong OomKillCount { get; }

    /// <summary>
    /// Removes the cgroup and its descendants. With <paramref name="killProcesses"/>, SIGKILLs what is left first
    /// (freezing around the kill so nothing forks away); without, fails if processes remain after the wait.
    /// Idempotent: a missing cgroup is success.
    /// </summary>
    void Destroy(bool killProcesses = false, TimeSpan? timeout = null);
}
