using Berth.Core;
using static Berth.Linux.Interop.Libc;

namespace Berth.Runtime.Rootfs;

/// <summary>A mount's options from config.json split as mount(2) wants them (runc's parseMountOptions).</summary>
public sealed record MountOptions(ulong Flags, ulong Clear, ulong Propagation, string Data, bool Bind, bool Recursive)
{
    static readonly Dictionary<string, (bool Clear, ulong Flag)> FlagTable = new()
    {
        ["async"] = (true, MS_SYNCHRONOUS), ["atime"] = (true, MS_NOATIME), ["bind"] = (false, MS_BIND),
        ["defaults"] = (false, 0), ["dev"] = (true, MS_NODEV), ["diratime"] = (true, MS_NODIRATIME),
        ["dirsync"] = (false, MS_DIRSYNC), ["exec"] = (true, MS_NOEXEC), ["mand"] = (false, MS_MANDLOCK),
        ["noatime"] = (false, MS_NOATIME), ["nodev"] = (false, MS_NODEV), ["nodiratime"] = (false, MS_NODIRATIME),
        ["noexec"] = (false, MS_NOEXEC), ["nomand"] = (true, MS_MANDLOCK), ["norelatime"] = (true, MS_RELATIME),
        ["nostrictatime"] = (true, MS_STRICTATIME), ["nosuid"] = (false, MS_NOSUID), ["rbind"] = (false, MS_BIND | MS_REC),
        ["relatime"] = (false, MS_RELATIME), ["remount"] = (false, MS_REMOUNT), ["ro"] = (false, MS_RDONLY),
        ["rw"] = (true, MS_RDONLY), ["strictatime"] = (false, MS_STRICTATIME), ["suid"] = (true, MS_NOSUID),
        ["sync"] = (false, MS_SYNCHRONOUS), ["nosymfollow"] = (false, MS_NOSYMFOLLOW), ["symfollow"] = (true, MS_NOSYMFOLLOW),
        ["lazytime"] = (false, MS_LAZYTIME), ["nolazytime"] = (true, MS_LAZYTIME),
    };

    static readonly Dictionary<string, ulong> PropagationTable = new()
    {
        ["private"] = MS_PRIVATE, ["rprivate"] = MS_PRIVATE | MS_REC, ["shared"] = MS_SHARED, ["rshared"] = MS_SHARED | MS_REC,
        ["slave"] = MS_SLAVE, ["rslave"] = MS_SLAVE | MS_REC, ["unbindable"] = MS_UNBINDABLE, ["runbindable"] = MS_UNBINDABLE | MS_REC,
    };

    public static ulong? PropagationOf(string name) => PropagationTable.TryGetValue(name, out var v) ? v : null;

    public static MountOptions Parse(IEnumerable<string>? options)
    {
        ulong flags = 0, clear = 0, propagation = 0;
        var data = new List<string>();
        foreach (var o in options ?? [])
        {
            if (FlagTable.TryGetValue(o, out var f))
            {
                if (f.Clear) { flags &= ~f.Flag; clear |= f.Flag; }
                else { flags |= f.Flag; clear &= ~f.Flag; }
            }
            else if (PropagationTable.TryGetValue(o, out var p)) propagation = p;
            else if (o is "tmpcopyup" or "rro" or "rrw" or "rnosuid" or "rnodev" or "rnoexec") { /* not supported: ignored as old runc does */ }
            else if (o.StartsWith("idmap", StringComparison.Ordinal) || o.StartsWith("ridmap", StringComparison.Ordinal))
                throw BerthException.Invalid($"mount option {o}: id-mapped mounts are not supported yet");
            else data.Add(o);
        }
        return new MountOptions(flags & ~MS_BIND & ~MS_REC & ~MS_REMOUNT, clear, propagation, string.Join(',', data),
            (flags & MS_BIND) != 0, (flags & MS_REC) != 0);
    }
}
