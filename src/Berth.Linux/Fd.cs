using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>Plain descriptor I/O that retries on EINTR and short counts.</summary>
public static unsafe class Fd
{
    public static void WriteAll(int fd, ReadOnlySpan<byte> data)
    {
        fixed (byte* p = data)
        {
            int done = 0;
            while (done < data.Length)
            {
                var n = (long)Libc.write(fd, p + done, data.Length - done);
                if (n == -1) { if (Errno.Last == Errno.EINTR) continue; throw new LinuxException(Errno.Last, "write", $"fd {fd}"); }
                done += (int)n;
            }
        }
    }

    /// <summary>Reads exactly buffer.Length bytes; false on end of file before the first byte.</summary>
    public static bool ReadExactly(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            int done = 0;
            while (done < buffer.Length)
            {
                var n = (long)Libc.read(fd, p + done, buffer.Length - done);
                if (n == -1) { if (Errno.Last == Errno.EINTR) continue; throw new LinuxException(Errno.Last, "read", $"fd {fd}"); }
                if (n == 0)
                {
                    if (done == 0) return false;
                    throw new LinuxException(Errno.EPIPE, "read (short message)", $"fd {fd}");
                }
                done += (int)n;
            }
            return true;
        }
    }

    public static int Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            while (true)
            {
                var n = (long)Libc.read(fd, p, buffer.Length);
                if (n == -1 && Errno.Last == Errno.EINTR) continue;
                return (int)Errno.Check(n, "read", $"fd {fd}");
            }
        }
    }

    public static void Close(int fd)
    {
        if (fd >= 0) Libc.close(fd);
    }

    public static void SetCloseOnExec(int fd, bool on)
    {
        var flags = Errno.Check(Libc.fcntl(fd, Libc.F_GETFD, 0), "fcntl(F_GETFD)");
        flags = on ? flags | Libc.FD_CLOEXEC : flags & ~Libc.FD_CLOEXEC;
        Errno.Check(Libc.fcntl(fd, Libc.F_SETFD, flags), "fcntl(F_SETFD)");
    }

    /// <summary>Marks every descriptor from `first` on close-on-exec, so none leaks into the container.</summary>
    public static void CloseOnExecFrom(int first)
    {
        const long CLOSE_RANGE_CLOEXEC = 4;
        if (Libc.syscall(SyscallNumbers.CloseRange, first, uint.MaxValue, CLOSE_RANGE_CLOEXEC, 0, 0, 0) == 0) return;
        foreach (var entry in Directory.EnumerateFileSystemEntries("/proc/self/fd"))
            if (int.TryParse(Path.GetFileName(entry), out var fd) && fd >= first)
                Libc.fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
    }

    public static bool WaitReadable(int fd, int timeoutMs)
    {
        var p = new Libc.PollFd { Fd = fd, Events = Libc.POLLIN };
        while (true)
        {
            var rc = Libc.poll(&p, 1, timeoutMs);
            if (rc == -1 && Errno.Last == Errno.EINTR) continue;
            Errno.Check(rc, "poll");
            return rc > 0;
        }
    }
}
