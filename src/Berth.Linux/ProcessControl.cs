using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>Signals, waiting and /proc facts about a process.</summary>
public static unsafe class ProcessControl
{
    public static void Signal(int pid, int signal)
    {
        if (Libc.kill(pid, signal) == -1) throw new LinuxException(Errno.Last, $"kill(signal {signal})", $"pid {pid}");
    }

    /// <summary>Waits for a child; returns the shell-style exit code (128+signal when killed).</summary>
    public static int Wait(int pid)
    {
        int status;
        while (true)
        {
            var rc = Libc.waitpid(pid, &status, 0);
            if (rc == -1 && Errno.Last == Errno.EINTR) continue;
            Errno.Check(rc, "waitpid", $"pid {pid}");
            return ExitCode(status);
        }
    }

    /// <summary>Waits for a child that was killed or is exiting; null if it is not our child (ECHILD).</summary>
    public static int? TryWaitFor(int pid)
    {
        int status;
        while (true)
        {
            var rc = Libc.waitpid(pid, &status, 0);
            if (rc == -1 && Errno.Last == Errno.EINTR) continue;
            return rc == -1 ? null : ExitCode(status);
        }
    }

    /// <summary>Non-blocking wait: null while the child runs, or when pid is not our child at all.</summary>
    public static int? TryWait(int pid)
    {
        int status;
        var rc = Libc.waitpid(pid, &status, Libc.WNOHANG);
        return rc > 0 ? ExitCode(status) : null;
    }

    public static int ExitCode(int status)
    {
        var sig = status & 0x7f;
        return sig == 0 ? (status >> 8) & 0xff : 128 + sig;
    }

    /// <summary>The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or null if gone.</summary>
    public static ulong? StartTime(int pid) => ReadStat(pid) is { } f ? ulong.Parse(f[19]) : null;

    /// <summary>The fields after "(comm)": index 0 is the state (field 3).</summary>
    static string[]? ReadStat(int pid)
    {
        string text;
        try { text = File.ReadAllText($"/proc/{pid}/stat"); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        var close = text.LastIndexOf(')');
        return close < 0 ? null : text[(close + 2)..].Split(' ');
    }

    /// <summary>True when pid is alive (not a zombie) and is the process that started at startTime.</summary>
    public static bool IsSame(int pid, ulong startTime)
    {
        var f = ReadStat(pid);
        return f is not null && f[0] != "Z" && f[0] != "X" && ulong.Parse(f[19]) == startTime;
    }

}
