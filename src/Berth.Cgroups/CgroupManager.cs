using System.Globalization;
using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups;

/// <summary>What the v1 and v2 managers share: process listing, the teardown sequence, warnings.</summary>
public abstract class CgroupManager : ICgroupManager
{
    protected static readonly TimeSpan FreezeTimeout = TimeSpan.FromSeconds(10);
    static readonly TimeSpan DefaultDestroyTimeout = TimeSpan.FromSeconds(5);

    readonly List<string> warnings = [];

    private protected CgroupManager() { }

    public abstract CgroupMode Mode { get; }
    public abstract CgroupLocation Location { get; }
    public IReadOnlyList<string> Warnings => warnings;
    public bool Exists => Location.Directories().Any(Directory.Exists);

    protected void Warn(string message)
    {
        if (!warnings.Contains(message)) warnings.Add(message);
    }

    public abstract void Create();
    public abstract void Freeze();
    public abstract void Thaw();
    public abstract FreezerState FreezerState { get; }
    public abstract CgroupStats Stats();
    public abstract ulong OomKillCount { get; }

    public void Apply(LinuxResources? resources)
    {
        if (resources is null) return;
        var found = new List<string>();
        ApplyResources(resources, found);
        foreach (var w in found) Warn(w);
    }

    public void Update(LinuxResources resources)
    {
        if (!Exists) throw BerthException.NotFound($"cgroup {Describe()} does not exist");
        Apply(resources);
    }

    private protected abstract void ApplyResources(LinuxResources resources, List<string> warnings);

    public void AddProcess(int pid)
    {
        if (pid <= 0) throw BerthException.Invalid($"invalid pid {pid}");
        var text = pid.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Location.Directories()) CgroupFile.Write(dir, "cgroup.procs", text);
    }

    public IReadOnlyList<int> GetPids()
    {
        var pids = new HashSet<int>();
        foreach (var dir in Location.Directories()) CgroupTree.CollectPids(dir, pids);
        return pids.Order().ToList();
    }

    public void Destroy(bool killProcesses = false, TimeSpan? timeout = null)
    {
        var dirs = Location.Directories().Where(Directory.Exists).ToList();
        if (dirs.Count == 0) return;
        var deadline = DateTime.UtcNow + (timeout ?? DefaultDestroyTimeout);
        if (killProcesses) KillAll(deadline);

        IReadOnlyList<int> left;
        var delay = 2;
        while ((left = GetPids()).Count > 0 && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 100);
        }
        if (left.Count > 0)
            throw BerthException.Precondition(
                $"cgroup {Describe()} still has processes {string.Join(",", left.Take(10))}" + (killProcesses ? " after SIGKILL" : "; destroy with kill to end them"));
        foreach (var dir in dirs) CgroupTree.Remove(dir, deadline);
    }

    /// <summary>SIGKILLs every process; frozen first where possible so none can fork a survivor between listing and killing.</summary>
    private protected virtual void KillAll(DateTime deadline)
    {
        if (GetPids().Count == 0) return; // nothing to kill: skip the freeze/thaw round trip
        var frozen = false;
        if (FreezerState != FreezerState.Undefined)
        {
            try { Freeze(); frozen = true; }
            catch (BerthException) { }
        }
        try
        {
            foreach (var pid in GetPids()) Sys.Kill(pid, Sys.SIGKILL);
        }
        finally
        {
            // Killed tasks only die once thawed.
            if (frozen) Thaw();
        }
        // Unfrozen: something may have forked meanwhile; sweep until empty.
        while (!frozen && DateTime.UtcNow < deadline && GetPids() is { Count: > 0 } pids)
        {
            foreach (var pid in pids) Sys.Kill(pid, Sys.SIGKILL);
            Thread.Sleep(5);
        }
    }

    protected string Describe() => string.Join(", ", Location.Directories());
}
