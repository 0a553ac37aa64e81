using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>
/// Identity and privileges of the calling thread, in the order runc applies them: bounding set first
/// (needs CAP_SETPCAP), then groups and ids with capabilities kept, then the capability sets, then ambient.
/// Ids are changed with raw syscalls so that only this thread (the one that will exec) changes.
/// </summary>
public static unsafe class Credentials
{
    public const int LastCap = 40;

    /// <param name="bounding">Bit masks (bit n = capability n) of each set.</param>
    public static void Apply(uint uid, uint gid, ReadOnlySpan<uint> groups, ulong bounding, ulong effective,
        ulong permitted, ulong inheritable, ulong ambient)
    {
        int last = LastSupportedCap();
        for (int cap = 0; cap <= last; cap++)
        {
            if ((bounding & (1UL << cap)) != 0) continue;
            if (Libc.prctl(Libc.PR_CAPBSET_DROP, (nuint)cap, 0, 0, 0) == -1 && Errno.Last != Errno.EINVAL)
                throw new LinuxException(Errno.Last, $"prctl(PR_CAPBSET_DROP, {cap})");
        }

        Errno.Check(Libc.prctl(Libc.PR_SET_KEEPCAPS, 1, 0, 0, 0), "prctl(PR_SET_KEEPCAPS)");
        Errno.Check(Libc.setgroups_thread(groups), "setgroups");
        Errno.Check(Libc.setresgid_thread(gid, gid, gid), "setresgid", gid.ToString());
        Errno.Check(Libc.setresuid_thread(uid, uid, uid), "setresuid", uid.ToString());
        Errno.Check(Libc.prctl(Libc.PR_SET_KEEPCAPS, 0, 0, 0, 0), "prctl(PR_SET_KEEPCAPS, 0)");

        var header = new Libc.CapHeader { Version = Libc.LINUX_CAPABILITY_VERSION_3, Pid = 0 };
        var data = stackalloc Libc.CapData[2];
        data[0] = new Libc.CapData { Effective = (uint)effective, Permitted = (uint)permitted, Inheritable = (uint)inheritable };
        data[1] = new Libc.CapData { Effective = (uint)(effective >> 32), Permitted = (uint)(permitted >> 32), Inheritable = (uint)(inheritable >> 32) };
        Errno.Check(Libc.capset(&header, data), "capset");

        Libc.prctl(Libc.PR_CAP_AMBIENT, Libc.PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0);
        // The kernel raises an ambient capability only if it is both permitted and inheritable; runc skips the rest.
        ambient &= permitted & inheritable;
        for (int cap = 0; cap <= last; cap++)
            if ((ambient & (1UL << cap)) != 0)
                Errno.Check(Libc.prctl(Libc.PR_CAP_AMBIENT, Libc.PR_CAP_AMBIENT_RAISE, (nuint)cap, 0, 0), $"prctl(PR_CAP_AMBIENT_RAISE, {cap})");
    }

    /// <summary>The highest capability number this kernel knows (/proc/sys/kernel/cap_last_cap).</summary>
    public static int LastSupportedCap()
    {
        try { return int.Parse(File.ReadAllText("/proc/sys/kernel/cap_last_cap").Trim()); }
        catch (IOException) { return LastCap; }
    }

    public static void SetNoNewPrivileges() =>
        Errno.Check(Libc.prctl(Libc.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(PR_SET_NO_NEW_PRIVS)");

    public static void SetRlimit(int resource, ulong soft, ulong hard, string name)
    {
        var l = new Libc.RLimit { Cur = soft, Max = hard };
        Errno.Check(Libc.prlimit(0, resource, &l, null), "setrlimit", name);
    }
}
