using Berth.Cgroups.Internal;
using Berth.Core;

namespace Berth.Cgroups.V1;

/// <summary>The v1 freezer: freezer.state FROZEN/THAWED, polled until the kernel leaves FREEZING.</summary>
internal sealed class V1Freezer(string dir)
{
    public const string State = "freezer.state";

    public FreezerState Read() => CgroupFile.TryRead(dir, State)?.Trim() switch
    {
        "FROZEN" => FreezerState.Frozen,
        "FREEZING" => FreezerState.Freezing,
        "THAWED" => FreezerState.Thawed,
        _ => FreezerState.Undefined,
    };

    public void Set(FreezerState target, TimeSpan timeout)
    {
        var word = target == FreezerState.Frozen ? "FROZEN" : "THAWED";
        var deadline = DateTime.UtcNow + timeout;
        var delay = 1;
        while (true)
        {
            // Re-writing FROZEN retries freezing tasks that were busy in the kernel the last time.
            CgroupFile.Write(dir, State, word);
            if (Read() == target) return;
            if (DateTime.UtcNow >= deadline) break;
            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 50);
        }
        if (target == FreezerState.Frozen)
        {
            try { CgroupFile.Write(dir, State, "THAWED"); } catch (BerthException) { }
        }
        throw new BerthException(ErrorKind.Unavailable, $"{Path.Combine(dir, State)}: still not {word} after {timeout.TotalSeconds:0.#}s");
    }
}
