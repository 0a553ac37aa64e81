namespace Berth.Testing;

/// <summary>Who the test process is, read from /proc (test projects do not P/Invoke).</summary>
public static class Privileges
{
    static readonly Lazy<int> Euid = new(ReadEffectiveUid);

    /// <summary>The effective uid of this process, or -1 when /proc is not readable.</summary>
    public static int EffectiveUid => Euid.Value;

    public static bool IsRoot => EffectiveUid == 0;

    public const string NotRootReason = "needs root (euid 0): run the tests as root, e.g. through scripts/test.sh";

    static int ReadEffectiveUid()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                // "Uid:\treal\teffective\tsaved\tfs"
                if (!line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    continue;
                }
                var fields = line[4..].Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 1 && int.TryParse(fields[1], out var euid) ? euid : -1;
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        return -1;
    }
}

/// <summary>A fact that runs only as root (euid 0) and is skipped with a reason otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = Privileges.NotRootReason;
        }
    }
}

/// <summary>A theory that runs only as root (euid 0) and is skipped with a reason otherwise.</summary>
public sealed class RootTheoryAttribute : TheoryAttribute
{
    public RootTheoryAttribute()
    {
        if (!Privileges.IsRoot)
        {
            Skip = Privileges.NotRootReason;
        }
    }
}
