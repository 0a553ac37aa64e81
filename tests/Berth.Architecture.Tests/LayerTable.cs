namespace Berth.Architecture.Tests;

/// <summary>
/// The allowed dependencies between the assemblies built from src/, by assembly name. A project may reference
/// what is listed for it and, transitively, what those may reference; nothing else. A src/ project that is not
/// in this table fails the tests: adding Berth.Engine, Berth.Daemon... means deciding its row here.
/// </summary>
internal static class LayerTable
{
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["Berth.Core"] = [],
        ["Berth.Oci"] = ["Berth.Core"],
        ["Berth.Linux"] = ["Berth.Core"],
        ["Berth.Cgroups"] = ["Berth.Oci", "Berth.Linux"],
        ["Berth.Runtime"] = ["Berth.Oci", "Berth.Linux", "Berth.Cgroups"],
        ["berth-runtime"] = ["Berth.Runtime"], // src/Berth.Runtime.Cli
    };

    /// <summary>The only assemblies that may declare P/Invokes (DllImport, LibraryImport).</summary>
    public static readonly IReadOnlySet<string> MayPInvoke = new HashSet<string>(StringComparer.Ordinal) { "Berth.Linux" };

    /// <summary>Everything <paramref name="assembly"/> may reference: its row, closed transitively.</summary>
    public static HashSet<string> Closure(string assembly)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var todo = new Stack<string>(Allowed[assembly]);
        while (todo.TryPop(out var next))
        {
            if (result.Add(next) && Allowed.TryGetValue(next, out var further))
                foreach (var f in further) todo.Push(f);
        }
        return result;
    }

    /// <summary>Assembly names of ours: Berth.* and berth-* (the executables).</summary>
    public static bool IsOurs(string assemblyName) =>
        assemblyName.StartsWith("Berth.", StringComparison.Ordinal) || assemblyName.StartsWith("berth-", StringComparison.Ordinal);
}
