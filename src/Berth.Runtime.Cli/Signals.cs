using Berth.Core;

namespace Berth.Runtime.Cli;

/// <summary>Signal names and numbers as `kill` accepts them: 9, KILL, SIGKILL, kill.</summary>
public static class Signals
{
    static readonly string[] Names =
    [
        "", "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE", "KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM",
        "TERM", "STKFLT", "CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU", "XFSZ", "VTALRM", "PROF",
        "WINCH", "IO", "PWR", "SYS",
    ];

    public static int Parse(string s)
    {
        if (int.TryParse(s, out var n))
            return n is > 0 and <= 64 ? n : throw BerthException.Invalid($"invalid signal {s}");
        var name = s.ToUpperInvariant();
        if (name.StartsWith("SIG", StringComparison.Ordinal)) name = name[3..];
        if (name == "IOT") return 6;
        if (name == "POLL") return 29;
        if (name.StartsWith("RTMIN", StringComparison.Ordinal) || name.StartsWith("RTMAX", StringComparison.Ordinal))
        {
            // RTMIN, RTMIN+n, RTMAX, RTMAX-n: anything else after the name (RTMINFOO, RTMAX+) is not a signal.
            var rest = name[5..];
            var off = 0;
            if (rest.Length == 0 || (rest[0] is '+' or '-' && rest.Length > 1 && rest[1..].All(char.IsAsciiDigit) && int.TryParse(rest, out off)))
            {
                var v = name.StartsWith("RTMIN", StringComparison.Ordinal) ? 34 + off : 64 + off;
                if (v is >= 34 and <= 64) return v;
            }
        }
        var i = Array.IndexOf(Names, name);
        return i > 0 ? i : throw BerthException.Invalid($"invalid signal {s}");
    }
}
