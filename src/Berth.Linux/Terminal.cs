using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>Pseudo-terminals: a master from a ptmx, its peer, controlling terminal and size.</summary>
public static unsafe class Terminal
{
    /// <summary>Opens a new pty pair through the given ptmx (inside a container: its own devpts).</summary>
    public static (int Master, int Slave) Open(string ptmx = "/dev/ptmx")
    {
        var master = Errno.Check(Libc.open(ptmx, Libc.O_RDWR | Libc.O_NOCTTY | Libc.O_CLOEXEC, 0), "open", ptmx);
        int unlock = 0;
        Errno.Check(Libc.ioctl(master, Libc.TIOCSPTLCK, &unlock), "ioctl(TIOCSPTLCK)", ptmx);
        var slave = Libc.ioctl(master, Libc.TIOCGPTPEER, (void*)(Libc.O_RDWR | Libc.O_NOCTTY));
        if (slave == -1)
        {
            var e = Errno.Last;
            Libc.close(master);
            throw new LinuxException(e, "ioctl(TIOCGPTPEER)", ptmx);
        }
        return (master, slave);
    }

    public static void MakeControlling(int fd) =>
        Errno.Check(Libc.ioctl(fd, Libc.TIOCSCTTY, null), "ioctl(TIOCSCTTY)");

    public static void SetSize(int fd, ushort rows, ushort cols)
    {
        var ws = new Libc.WinSize { Rows = rows, Cols = cols };
        Errno.Check(Libc.ioctl(fd, Libc.TIOCSWINSZ, &ws), "ioctl(TIOCSWINSZ)");
    }

    public static (ushort Rows, ushort Cols)? GetSize(int fd)
    {
        Libc.WinSize ws;
        return Libc.ioctl(fd, Libc.TIOCGWINSZ, &ws) == 0 ? (ws.Rows, ws.Cols) : null;
    }

    public static bool IsTerminal(int fd) => Libc.isatty(fd) == 1;

    /// <summary>Puts a terminal in raw mode; returns the previous settings for <see cref="Restore"/>, or null if fd is no terminal.</summary>
    public static byte[]? MakeRaw(int fd)
    {
        var saved = new byte[Libc.TermiosSize];
        fixed (byte* p = saved)
        {
            if (Libc.tcgetattr(fd, p) == -1) return null;
            byte* raw = stackalloc byte[Libc.TermiosSize];
            new Span<byte>(p, Libc.TermiosSize).CopyTo(new Span<byte>(raw, Libc.TermiosSize));
            Libc.cfmakeraw(raw);
            Errno.Check(Libc.tcsetattr(fd, Libc.TCSANOW, raw), "tcsetattr");
        }
        return saved;
    }

    public static void Restore(int fd, byte[] saved)
    {
        fixed (byte* p = saved) Libc.tcsetattr(fd, Libc.TCSANOW, p);
    }
}
