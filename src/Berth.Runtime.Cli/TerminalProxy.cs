using System.Net.Sockets;
using System.Runtime.InteropServices;
using Berth.Linux;

namespace Berth.Runtime.Cli;

/// <summary>
/// `run`/`exec` of a terminal process without --console-socket, as runc does it: listen on a private console
/// socket, receive the pty master from init, then copy between our stdio (raw mode) and the master.
/// </summary>
public sealed class TerminalProxy : IDisposable
{
    readonly Socket _listener;
    readonly Thread _acceptor;
    int _master = -1;
    Exception? _failure;

    /// <summary>A proxy for a terminal process, or an error when there is no terminal to proxy to (as runc refuses).</summary>
    public static TerminalProxy? For(bool terminal, string? consoleSocket, bool detach, string directory)
    {
        if (!terminal || consoleSocket is not null || detach) return null;
        if (!Terminal.IsTerminal(0))
            throw Core.BerthException.Invalid("the process asks for a terminal (terminal: true / -t) but stdin is not a terminal: use --console-socket, or terminal: false");
        return new TerminalProxy(directory);
    }

    public TerminalProxy(string directory)
    {
        Directory.CreateDirectory(directory);
        SocketPath = Path.Combine(directory, $"console-{Environment.ProcessId}-{Random.Shared.Next():x}.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(1);
        _acceptor = new Thread(Accept) { IsBackground = true, Name = "console-accept" };
        _acceptor.Start();
    }

    public string SocketPath { get; }

    void Accept()
    {
        try
        {
            using var conn = _listener.Accept();
            Span<byte> name = stackalloc byte[256];
            _master = FdPassing.ReceiveFd((int)conn.Handle, name, out _);
        }
        catch (Exception e) { _failure = e; }
    }

    /// <summary>Copies until the process exits; returns its exit code.</summary>
    public int Proxy(int pid)
    {
        _acceptor.Join(TimeSpan.FromSeconds(10));
        if (_master < 0) throw _failure ?? new Core.BerthException(Core.ErrorKind.Unknown, "no terminal was received from the container");
        var saved = Terminal.IsTerminal(0) ? Terminal.MakeRaw(0) : null;
        Resize();
        using var winch = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, c => { c.Cancel = true; Resize(); });
        var input = new Thread(() => Copy(0, _master)) { IsBackground = true, Name = "tty-in" };
        input.Start();
        var output = new Thread(() => Copy(_master, 1)) { IsBackground = true, Name = "tty-out" };
        output.Start();
        try
        {
            var code = Commands.RunCommand.WaitForwarding(pid);
            output.Join(TimeSpan.FromSeconds(2));
            return code;
        }
        finally
        {
            if (saved is not null) Terminal.Restore(0, saved);
        }
    }

    void Resize()
    {
        if (_master >= 0 && Terminal.GetSize(0) is { } size) Terminal.SetSize(_master, size.Rows, size.Cols);
    }

    static void Copy(int from, int to)
    {
        var buffer = new byte[32 * 1024];
        try
        {
            while (true)
            {
                var n = Fd.Read(from, buffer);
                if (n <= 0) return;
                Fd.WriteAll(to, buffer.AsSpan(0, n));
            }
        }
        catch (LinuxException) { /* EIO once the last holder of the pty closes it */ }
    }

    public void Dispose()
    {
        _listener.Dispose();
        try { File.Delete(SocketPath); } catch (IOException) { }
    }
}
