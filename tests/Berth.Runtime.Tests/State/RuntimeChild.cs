using System.Diagnostics;
using Berth.Core;

namespace Berth.Runtime.Tests.State;

/// <summary>
/// Runs one ContainerRuntime operation in a child process in its own session (setsid), so that a regression that
/// signals pid 0 (kill(0, sig): the caller's process group) hits the child and not the test host.
/// </summary>
internal static class RuntimeChild
{
    /// <summary>In the child: args are the operation (delete, delete-force, kill, kill-all), the root and the id.</summary>
    public static int Run(string[] args)
    {
        var runtime = new ContainerRuntime(args[1]);
        try
        {
            switch (args[0])
            {
                case "delete": runtime.Delete(args[2], force: false); break;
                case "delete-force": runtime.Delete(args[2], force: true); break;
                case "kill": runtime.Kill(args[2], 9, all: false); break;
                case "kill-all": runtime.Kill(args[2], 9, all: true); break;
                default: return 2;
            }
            Console.WriteLine("ok");
        }
        catch (BerthException e) { Console.WriteLine(e.Message); }
        return 0;
    }

    public static string? Setsid { get; } = File.Exists("/usr/bin/setsid") ? "/usr/bin/setsid" : File.Exists("/bin/setsid") ? "/bin/setsid" : null;

    /// <summary>In the test: runs the child; returns its exit code and first output line.</summary>
    public static (int ExitCode, string Output) Start(params string[] args)
    {
        string dll = typeof(RuntimeChild).Assembly.Location;
        string apphost = Path.ChangeExtension(dll, null);
        string host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var psi = new ProcessStartInfo(Setsid!) { ArgumentList = { "--wait" } };
        if (File.Exists(apphost)) psi.ArgumentList.Add(apphost);
        else { psi.ArgumentList.Add(host); psi.ArgumentList.Add("exec"); psi.ArgumentList.Add(dll); }
        foreach (var a in (string[])["runtime-child", .. args]) psi.ArgumentList.Add(a);
        psi.RedirectStandardOutput = psi.RedirectStandardError = true;
        using var child = Process.Start(psi)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var stdout = child.StandardOutput.ReadToEnd();
        if (!child.WaitForExit(60_000))
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException("runtime child did not exit");
        }
        return (child.ExitCode, (stdout + stderr.Result).Trim());
    }
}

/// <summary>A fact skipped when setsid(1) is not installed.</summary>
internal sealed class SetsidFactAttribute : FactAttribute
{
    public SetsidFactAttribute()
    {
        if (RuntimeChild.Setsid is null) Skip = "setsid is not installed";
    }
}
