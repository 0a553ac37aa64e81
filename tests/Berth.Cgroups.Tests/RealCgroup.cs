using System.Diagnostics;

namespace Berth.Cgroups.Tests;

/// <summary>
/// A real cgroup for a root test: a uniquely named child of this test process's own cgroup (per hierarchy),
/// plus the processes the test spawned. Dispose kills those processes and removes the cgroup, whatever happened.
/// </summary>
public sealed class RealCgroup : IDisposable
{
    readonly List<Process> processes = [];

    public RealCgroup()
    {
        Environment = CgroupEnvironment.Detect();
        Id = "berth-test-" + Guid.NewGuid().ToString("N")[..12];
        Manager = CgroupManagers.ForContainer(Id, Id, Environment);
    }

    public CgroupEnvironment Environment { get; }
    public string Id { get; }
    public ICgroupManager Manager { get; }

    /// <summary>The container directory in a v1 hierarchy.</summary>
    public string Dir(string controller) => Manager.Location.Paths![controller];

    public string Read(string controller, string file) => File.ReadAllText(Path.Combine(Dir(controller), file)).Trim();

    /// <summary>Starts a process (stdin redirected so the test can tell it when to go on) and remembers it for cleanup.</summary>
    public Process Spawn(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        processes.Add(p);
        return p;
    }

    public void Dispose()
    {
        foreach (var p in processes)
        {
            try { if (!p.HasExited) p.Kill(); p.WaitForExit(5000); } catch (InvalidOperationException) { }
            p.Dispose();
        }
        try { Manager.Destroy(killProcesses: true, timeout: TimeSpan.FromSeconds(5)); }
        catch (Exception)
        {
            // Last resort: remove what is left so no test cgroup outlives the run.
            foreach (var dir in Manager.Location.Directories().Reverse())
                try { if (Directory.Exists(dir)) Directory.Delete(dir); } catch (IOException) { }
        }
    }
}
