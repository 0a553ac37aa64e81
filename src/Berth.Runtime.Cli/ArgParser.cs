using Berth.Core;

namespace Berth.Runtime.Cli;

/// <summary>
/// Flags in runc's (urfave/cli) style: `--name value`, `--name=value`, `-n value`, single-dash long names,
/// repeated flags for lists, `--` to end flags. With stopAtPositional, parsing stops at the first
/// positional argument (exec: the rest is the command line).
/// </summary>
public sealed class ArgParser
{
    readonly Dictionary<string, string> _canonical = new(StringComparer.Ordinal);
    readonly HashSet<string> _takesValue = new(StringComparer.Ordinal);
    readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);
    readonly HashSet<string> _set = new(StringComparer.Ordinal);

    public List<string> Positionals { get; } = [];

    /// <param name="spec">Flag names separated by '|' (first is canonical); a trailing '=' means it takes a value.</param>
    public ArgParser(string command, IEnumerable<string> spec)
    {
        Command = command;
        foreach (var s in spec)
        {
            var takes = s.EndsWith('=');
            var names = s.TrimEnd('=').Split('|');
            foreach (var n in names) _canonical[n] = names[0];
            if (takes) _takesValue.Add(names[0]);
        }
    }

    public string Command { get; }

    public ArgParser Parse(IReadOnlyList<string> args, bool stopAtPositional = false)
    {
        for (int i = 0; i < args.Count; i++)
        {
            var a = args[i];
            if (a == "--") { Positionals.AddRange(args.Skip(i + 1)); break; }
            if (a.Length < 2 || a[0] != '-')
            {
                Positionals.Add(a);
                if (stopAtPositional) { Positionals.AddRange(args.Skip(i + 1)); break; }
                continue;
            }
            var body = a.TrimStart('-');
            string? inline = null;
            var eq = body.IndexOf('=');
            if (eq >= 0) { inline = body[(eq + 1)..]; body = body[..eq]; }
            if (!_canonical.TryGetValue(body, out var name))
                throw BerthException.Invalid($"{Command}: flag provided but not defined: -{body}");
            if (_takesValue.Contains(name))
            {
                var v = inline ?? (i + 1 < args.Count ? args[++i] : throw BerthException.Invalid($"{Command}: flag needs an argument: -{body}"));
                if (!_values.TryGetValue(name, out var list)) _values[name] = list = [];
                list.Add(v);
            }
            // Go's strconv.ParseBool; the last occurrence wins, so --x --x=false leaves x unset.
            else if (inline is null or "1" or "t" or "T" or "true" or "TRUE" or "True") _set.Add(name);
            else if (inline is "0" or "f" or "F" or "false" or "FALSE" or "False") _set.Remove(name);
            else throw BerthException.Invalid($"{Command}: invalid boolean value \"{inline}\" for -{body}");
        }
        return this;
    }

    public bool Has(string name) => _set.Contains(name) || _values.ContainsKey(name);
    public string? Value(string name) => _values.TryGetValue(name, out var l) ? l[^1] : null;
    public IReadOnlyList<string> Values(string name) => _values.TryGetValue(name, out var l) ? l : [];

    public long? Long(string name)
    {
        var v = Value(name);
        if (v is null) return null;
        return long.TryParse(v, out var n) ? n : throw BerthException.Invalid($"{Command}: invalid value \"{v}\" for --{name}: not a number");
    }

    /// <summary>A value that must not be negative (Go's ParseUint): --cpu-shares -1 is an error, not 2^64-1.</summary>
    public ulong? ULong(string name, ulong max = ulong.MaxValue)
    {
        var v = Value(name);
        if (v is null) return null;
        return ulong.TryParse(v, out var n) && n <= max
            ? n
            : throw BerthException.Invalid($"{Command}: invalid value \"{v}\" for --{name}: not a number from 0 to {max}");
    }

    public int Int(string name, int fallback)
    {
        var v = Long(name);
        return v is null ? fallback
            : v is >= int.MinValue and <= int.MaxValue ? (int)v.Value
            : throw BerthException.Invalid($"{Command}: invalid value \"{Value(name)}\" for --{name}: out of range");
    }

    /// <summary>The single positional container id the command requires.</summary>
    public string Id(int expectedPositionals = 1)
    {
        if (Positionals.Count == 0) throw BerthException.Invalid($"\"{Command}\" requires a container id");
        if (expectedPositionals >= 0 && Positionals.Count > expectedPositionals)
            throw BerthException.Invalid($"\"{Command}\": unexpected argument {Positionals[expectedPositionals]}");
        return Positionals[0];
    }
}
