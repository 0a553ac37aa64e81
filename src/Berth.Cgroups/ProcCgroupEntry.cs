namespace Berth.Cgroups;

/// <summary>One line of /proc/&lt;pid&gt;/cgroup: "hierarchy-id:controllers:path". Controllers is empty for the cgroup2 line ("0::/path").</summary>
public sealed record ProcCgroupEntry(int HierarchyId, IReadOnlyList<string> Controllers, string Path)
{
    public bool IsUnified => HierarchyId == 0 && Controllers.Count == 0;
}
