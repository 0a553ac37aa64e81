using Berth.Oci;

namespace Berth.Runtime.Init;

/// <summary>The five capability sets of a process as bit masks.</summary>
public readonly record struct CapabilitySet(ulong Bounding, ulong Effective, ulong Permitted, ulong Inheritable, ulong Ambient)
{
    public static CapabilitySet From(Capabilities? caps, Action<string>? warn = null) => new(
        Mask(caps?.Bounding, warn), Mask(caps?.Effective, warn), Mask(caps?.Permitted, warn),
        Mask(caps?.Inheritable, warn), Mask(caps?.Ambient, warn));

    static ulong Mask(IEnumerable<string>? names, Action<string>? warn)
    {
        ulong m = 0;
        foreach (var n in names ?? [])
        {
            if (CapabilityNames.TryGetNumber(n, out var bit)) m |= 1UL << bit;
            else warn?.Invoke($"unknown capability {n} ignored");
        }
        return m;
    }
}
