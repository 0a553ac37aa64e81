using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Linux;

namespace Berth.Cgroups.V2;

/// <summary>Delegates controllers down a v2 path: "+controller" into each level's cgroup.subtree_control.</summary>
internal static class V2Subtree
{
    public const string Controllers = "cgroup.controllers", SubtreeControl = "cgroup.subtree_control";

    /// <summary>The controllers a container cgroup can use, in the order they are enabled.</summary>
    public static readonly IReadOnlyList<string> Wanted = ["cpuset", "cpu", "io", "memory", "pids", "hugetlb", "misc", "rdma"];

    /// <summary>
    /// Enables every wanted controller that dir offers (cgroup.controllers) and has not yet delegated.
    /// EBUSY means dir has processes of its own (no-internal-processes rule) and is reported as such;
    /// other refusals skip that controller with a warning.
    /// </summary>
    public static void Enable(string dir, List<string> warnings)
    {
        var available = Words(CgroupFile.TryRead(dir, Controllers));
        var enabled = Words(CgroupFile.TryRead(dir, SubtreeControl));
        foreach (var c in Wanted)
        {
            if (!available.Contains(c) || enabled.Contains(c)) continue;
            try { CgroupFile.Write(dir, SubtreeControl, "+" + c); }
            catch (LinuxException e) when (e.ErrorNumber == Errno.EBUSY)
            {
                throw new BerthException(ErrorKind.FailedPrecondition,
                    $"cannot enable the {c} controller in {Path.Combine(dir, SubtreeControl)}: the cgroup has processes of its own " +
                    "(cgroup v2 no-internal-processes rule); move them into a leaf cgroup first (CgroupEnvironment.MoveSelfToLeaf)", e);
            }
            catch (LinuxException e)
            {
                warnings.Add($"controller {c} not enabled: {e.Message}");
            }
        }
    }

    static HashSet<string> Words(string? text) =>
        text is null ? [] : text.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}
