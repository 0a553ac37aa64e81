using Berth.Cgroups.Internal;

namespace Berth.Cgroups.Tests;

/// <summary>Records every cgroup file write made in this test's async flow, in order.</summary>
public sealed class WriteJournal : IDisposable
{
    readonly List<(string Path, string Value)> writes = [];

    public WriteJournal() => CgroupFile.Journal.Value = writes;

    /// <summary>The writes as "file=value", file being the name only.</summary>
    public IReadOnlyList<string> Names => writes.Select(w => $"{Path.GetFileName(w.Path)}={w.Value}").ToList();

    public void Dispose() => CgroupFile.Journal.Value = null;
}
