using System.Diagnostics;
using System.Runtime.InteropServices;
using Berth.Linux;
using Berth.Linux.Interop;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>
/// The child side of <see cref="SeccompLoadTests"/>: loads a filter from a file with
/// <see cref="SeccompFilter.Install"/>, then makes raw system calls and prints "rc errno" per call.
/// </summary>
static class SeccompChild
{
    /// <summary>args: filter-file flags [nr:arg0[:arg1]]...</summary>
    public static int Run(string[] args)
    {
        var program = MemoryMarshal.Cast<byte, SockFilter>(File.ReadAllBytes(args[0])).ToArray();
        uint flags = uint.Parse(args[1]);
        Credentials.SetNoNewPrivileges();
        SeccompFilter.Install(program, flags);
        Console.WriteLine($"mode {SeccompFilter.CurrentMode()}");
        foreach (string call in args[2..])
        {
            long[] v = [.. call.Split(':').Select(s => Convert.ToInt64(s, 16))];
            long arg(int i) => i < v.Length ? v[i] : 0;
            long rc = Libc.syscall(v[0], arg(1), arg(2), 0, 0, 0, 0);
            int errno = rc == -1 ? Errno.Last : 0;
            Console.WriteLine($"{rc} {errno}");
            Console.Out.Flush();
        }
        return 0;
    }

    /// <summary>Starts the child with <paramref name="program"/>; returns its exit code and output lines.</summary>
    public static (int ExitCode, string[] Lines, string Error) Start(SockFilter[] program, uint flags, params string[] calls)
    {
        string file = Path.Combine(Path.GetTempPath(), $"berth-seccomp-{Guid.NewGuid():N}.bpf");
        File.WriteAllBytes(file, MemoryMarshal.AsBytes(program.AsSpan()).ToArray());
        try
        {
            string dll = typeof(SeccompChild).Assembly.Location;
            string apphost = Path.ChangeExtension(dll, null);
            string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
            var psi = File.Exists(apphost) ? new ProcessStartInfo(apphost) : new ProcessStartInfo(host) { ArgumentList = { "exec", dll } };
            foreach (string a in (string[])["seccomp-child", file, flags.ToString(), .. calls])
                psi.ArgumentList.Add(a);
            psi.RedirectStandardOutput = psi.RedirectStandardError = true;
            using var child = Process.Start(psi)!;
            var stderr = child.StandardError.ReadToEndAsync();
            string stdout = child.StandardOutput.ReadToEnd();
            if (!child.WaitForExit(60_000))
            {
                child.Kill();
                throw new TimeoutException("seccomp child did not exit");
            }
            return (child.ExitCode, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), stderr.Result);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
