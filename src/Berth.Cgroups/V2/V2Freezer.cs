using Berth.Cgroups.Internal;
using Berth.Core;

namespace Berth.Cgroups.V2;

/// <summary>The v2 freezer: cgroup.freeze 1/0, settled when cgroup.events says "frozen 1"/"frozen 0".</summary>
internal sealed class V2Freezer(string dir)
{
    public const string Freeze = "cgroup.freeze", Events = "cgroup.events";

    public FreezerState Read()
    {
        var wanted = CgroupFile.TryRead(dir, Freeze)?.Trim();
        if (wanted is null) return FreezerState.Undefined;
        var frozen = StatsParsing.Get(CgroupFile.ReadKeyValues(dir, Events), "frozen") == 1;
        return (wanted, frozen) switch
        {
            (_, true) => FreezerState.Frozen,
            ("1", false) => FreezerState.Freezing,
            _ => FreezerState.Thawed,
        };
    }

    public void Set(bool freeze, TimeSpan timeout)
    {
        if (!CgroupFile.Exists(dir, Freeze))
            throw new BerthException(ErrorKind.NotImplemented, $"{Path.Combine(dir, Freeze)} is missing (the kernel predates the v2 freezer, Linux 5.2)");
        CgroupFile.Write(dir, Freeze, freeze ? "1" : "0");
        var target = freeze ? FreezerState.Frozen : FreezerState.Thawed;
        var deadline = DateTime.UtcNow + timeout;
        var delay = 1;
        while (Read() != target)
        {
            if (DateTime.UtcNow >= deadline)
            {
                if (freeze) { try { CgroupFile.Write(dir, Freeze, "0"); } catch (BerthException) { } }
                throw new BerthException(ErrorKind.Unavailable, $"{Path.Combine(dir, Events)}: still not {(freeze ? "frozen" : "thawed")} after {timeout.TotalSeconds:0.#}s");
            }
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 50);
        }
    }
}
