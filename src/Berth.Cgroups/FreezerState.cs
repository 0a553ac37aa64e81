namespace Berth.Cgroups;

public enum FreezerState
{
    /// <summary>No freezer: the v1 freezer hierarchy is not mounted, or the kernel predates cgroup.freeze.</summary>
    Undefined,
    Thawed,
    /// <summary>Freezing was asked for and not every task has stopped yet.</summary>
    Freezing,
    Frozen,
}
