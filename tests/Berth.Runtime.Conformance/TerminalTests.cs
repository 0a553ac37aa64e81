using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>
/// process.terminal = true: the runtime makes a pty, sends its master over --console-socket (SCM_RIGHTS) and gives
/// the slave to the container as stdio. The receiving end is a small Python script (recvmsg needs native code,
/// which the test projects may not P/Invoke; Python 3 is on every Debian).
/// </summary>
public sealed class TerminalTests
{
    const string Receiver = """
        import array, os, select, socket, sys, time
        path = sys.argv[1]
        srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        srv.bind(path)
        srv.listen(1)
        open(path + ".ready", "w").close()  # the test waits for this: the socket accepts connections from now on
        srv.settimeout(20)
        conn, _ = srv.accept()
        msg, fds, flags, addr = socket.recv_fds(conn, 4096, 4)
        if not fds:
            sys.exit("no fd received over the console socket")
        fd = fds[0]
        print("fd-is-tty=%s" % os.isatty(fd))
        sys.stdout.flush()
        deadline = time.time() + 20
        while time.time() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.5)
            if not ready:
                continue
            try:
                data = os.read(fd, 4096)
            except OSError:  # EIO: every slave fd is closed, the container is gone
                break
            if not data:
                break
            sys.stdout.write(data.decode(errors="replace"))
            sys.stdout.flush()
        """;

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Terminal_container_gets_a_pty_through_the_console_socket(string runtime)
    {
        using var s = new Sandbox(runtime, "tty");
        s.Config["process"]!["terminal"] = true;
        s.Shell("tty; test -t 0 && echo stdin-is-tty; test -t 1 && echo stdout-is-tty; echo done").WriteConfig();
        var socketPath = s.TempPath("console.sock");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        // One script runs the receiver in the background, waits until it listens, then creates and starts the
        // container and waits for the receiver, which reads the pty master until the container is gone.
        const string Driver = """
            py=$1 sock=$2 recv=$3; shift 3
            "$py" -c "$recv" "$sock" > "$sock.got" 2>&1 &
            rpid=$!
            i=0
            while [ ! -e "$sock.ready" ]; do
              i=$((i+1)); [ $i -lt 500 ] || { echo "receiver did not start" >&2; cat "$sock.got" >&2; exit 90; }
              kill -0 $rpid 2>/dev/null || { echo "receiver died" >&2; cat "$sock.got" >&2; exit 91; }
              sleep 0.02
            done
            "$@" create --console-socket "$sock" --bundle "$BUNDLE" "$ID" </dev/null >"$sock.create" 2>&1 || { echo "create failed" >&2; cat "$sock.create" >&2; kill $rpid; exit 92; }
            "$@" start "$ID" </dev/null >"$sock.start" 2>&1 || { echo "start failed" >&2; cat "$sock.start" >&2; kill $rpid; exit 93; }
            wait $rpid; rc=$?
            cat "$sock.got"
            exit $rc
            """;
        s.Track(["create", s.Id]);
        var got = ProcessRunner.Run("/bin/sh", ["-c", Driver, "sh", python, socketPath, Receiver, s.Runtime.File, .. s.Runtime.PrefixArgs, "--root", s.StateRoot],
            TimeSpan.FromSeconds(40), environment: new Dictionary<string, string?> { ["BUNDLE"] = s.Bundle, ["ID"] = s.Id });
        var output = got.Stdout.Replace("\r", "", StringComparison.Ordinal);
        Assert.True(got.Succeeded, got.ToString());
        Assert.Contains("fd-is-tty=True", output, StringComparison.Ordinal);
        Assert.Contains("/dev/pts/", output, StringComparison.Ordinal);
        Assert.Contains("stdin-is-tty", output, StringComparison.Ordinal);
        Assert.Contains("stdout-is-tty", output, StringComparison.Ordinal);
        Assert.Contains("done", output, StringComparison.Ordinal);
    }
}
