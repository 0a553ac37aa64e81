using System.Collections.Frozen;
using Berth.Core;

namespace Berth.Oci;

/// <summary>
/// The POSIX rlimits by their OCI names (RLIMIT_NOFILE ...) and the resource numbers of
/// asm-generic/resource.h, which x86_64 and aarch64 use: <c>All[n]</c> is the name of resource n.
/// </summary>
public static class RlimitNames
{
    public static IReadOnlyList<string> All { get; } =
    [
        "RLIMIT_CPU",        // 0
        "RLIMIT_FSIZE",      // 1
        "RLIMIT_DATA",       // 2
        "RLIMIT_STACK",      // 3
        "RLIMIT_CORE",       // 4
        "RLIMIT_RSS",        // 5
        "RLIMIT_NPROC",      // 6
        "RLIMIT_NOFILE",     // 7
        "RLIMIT_MEMLOCK",    // 8
        "RLIMIT_AS",         // 9
        "RLIMIT_LOCKS",      // 10
        "RLIMIT_SIGPENDING", // 11
        "RLIMIT_MSGQUEUE",   // 12
        "RLIMIT_NICE",       // 13
        "RLIMIT_RTPRIO",     // 14
        "RLIMIT_RTTIME",     // 15
    ];

    static readonly FrozenDictionary<string, int> Numbers =
        All.Select((name, number) => KeyValuePair.Create(name, number)).ToFrozenDictionary(StringComparer.Ordinal);

    public static bool IsKnown(string name) => Numbers.ContainsKey(name);

    public static bool TryGetResource(string name, out int resource) => Numbers.TryGetValue(name, out resource);

    /// <summary>The resource number of a known rlimit; throws InvalidArgument for an unknown name.</summary>
    public static int GetResource(string name) =>
        Numbers.TryGetValue(name, out var n) ? n : throw BerthException.Invalid($"unknown rlimit type \"{name}\"");
}
