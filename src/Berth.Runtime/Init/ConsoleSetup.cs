using System.Text;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Oci;

namespace Berth.Runtime.Init;

/// <summary>
/// A terminal for the container's process, as runc does it: a pty from the container's own devpts, the master
/// sent over the console socket (SCM_RIGHTS), the peer made stdin/stdout/stderr and the controlling terminal.
/// </summary>
public static class ConsoleSetup
{
    /// <summary>Connects before pivot_root, while the socket's host path is still reachable.</summary>
    public static int Connect(string? consoleSocket) =>
        consoleSocket is { Length: > 0 } path ? FdPassing.Connect(path) : -1;

    public static void Attach(int socket, SpecProcess process, bool bindConsole)
    {
        var (master, slave) = Terminal.Open("/dev/ptmx");
        try
        {
            var name = ReadLink($"/proc/self/fd/{slave}");
            if (bindConsole && name is not null)
            {
                if (!File.Exists("/dev/console")) File.WriteAllBytes("/dev/console", []);
                Errno.Check(Libc.mount(name, "/dev/console", null, Libc.MS_BIND, null), "bind-mount console", name);
            }
            if (process.ConsoleSize is { } size)
                Terminal.SetSize(master, (ushort)size.Height, (ushort)size.Width);
            FdPassing.SendFd(socket, master, Encoding.UTF8.GetBytes(name ?? "pty"));
        }
        finally
        {
            Fd.Close(master);
            Fd.Close(socket);
        }
        for (int i = 0; i < 3; i++) Errno.Check(Libc.dup3(slave, i, 0), "dup3", "pty");
        if (slave > 2) Fd.Close(slave);
        Terminal.MakeControlling(0);
    }

    static string? ReadLink(string path)
    {
        try { return new FileInfo(path).LinkTarget; }
        catch (IOException) { return null; }
    }
}
