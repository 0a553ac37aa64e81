using System.Diagnostics;
using System.Text;

namespace Berth.Testing;

/// <summary>What a finished (or timed-out) process left behind.</summary>
public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr, bool TimedOut, TimeSpan Elapsed)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>A readable account for assertion messages.</summary>
    public override string ToString() =>
        $"$ {Command}\n-> exit {(TimedOut ? "TIMEOUT" : ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture))} " +
        $"after {Elapsed.TotalMilliseconds:F0} ms\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}

/// <summary>Runs a program to completion with a timeout; on timeout it kills the process it started (by PID, with its descendants).</summary>
public static class ProcessRunner
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static ProcessResult Run(string file, IEnumerable<string> args, TimeSpan? timeout = null, string? stdin = null,
        IReadOnlyDictionary<string, string?>? environment = null, string? workingDirectory = null)
    {
        var psi = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (workingDirectory is not null)
        {
            psi.WorkingDirectory = workingDirectory;
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null)
                {
                    psi.Environment.Remove(k);
                }
                else
                {
                    psi.Environment[k] = v;
                }
            }
        }
        var command = Describe(file, psi.ArgumentList);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var p = new Process { StartInfo = psi };
        var stdoutClosed = new ManualResetEventSlim();
        var stderrClosed = new ManualResetEventSlim();
        p.OutputDataReceived += (_, e) => Collect(stdout, stdoutClosed, e.Data);
        p.ErrorDataReceived += (_, e) => Collect(stderr, stderrClosed, e.Data);
        p.Start();
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            if (stdin is not null)
            {
                p.StandardInput.Write(stdin);
            }
            p.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program did not read its input.
        }
        var timedOut = !p.WaitForExit(timeout ?? DefaultTimeout);
        if (timedOut)
        {
            try
            {
                p.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
            }
            p.WaitForExit(5000);
        }
        // Drain the output: the pipes close when every holder of them (the program and what it left running) is gone;
        // a program that leaves a child holding them (a detached container) must not hang the test.
        stdoutClosed.Wait(TimeSpan.FromSeconds(timedOut ? 1 : 5));
        stderrClosed.Wait(TimeSpan.FromSeconds(timedOut ? 1 : 5));
        watch.Stop();
        string o, e2;
        lock (stdout) { o = stdout.ToString(); }
        lock (stderr) { e2 = stderr.ToString(); }
        return new ProcessResult(command, timedOut ? -1 : p.ExitCode, o, e2, timedOut, watch.Elapsed);
    }

    static void Collect(StringBuilder into, ManualResetEventSlim closed, string? line)
    {
        if (line is null)
        {
            closed.Set();
            return;
        }
        lock (into)
        {
            into.Append(line).Append('\n');
        }
    }

    public static ProcessResult Run(string file, params string[] args) => Run(file, (IEnumerable<string>)args);

    static string Describe(string file, IEnumerable<string> args) =>
        string.Join(' ', new[] { file }.Concat(args).Select(Quote));

    static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,@%+".Contains(c)) ? s : "'" + s.Replace("'", "'\\''") + "'";
}
