namespace Berth.Runtime.Conformance;

/// <summary>
/// The safety net behind `delete --force`, for a runtime under development that leaves things behind: kills, by
/// PID, the processes still in the test's own cgroup (the unique berth-conf-ID name proves they are the test's)
/// and removes that cgroup. Never touches anything outside a cgroup with the test's unique name.
/// </summary>
public static class Leftovers
{
    public static void Remove(string cgroupName)
    {
        try
        {
            var dirs = CgroupDirs(cgroupName).ToList();
            if (dirs.Count == 0)
            {
                return;
            }
            foreach (var dir in dirs)
            {
                foreach (var pid in Pids(dir))
                {
                    Kill(pid);
                }
            }
            foreach (var dir in dirs.OrderByDescending(d => d.Length))
            {
                for (var attempt = 0; attempt < 20 && Directory.Exists(dir); attempt++)
                {
                    try
                    {
                        Directory.Delete(dir); // rmdir: a cgroup directory is removed empty of sub-cgroups
                    }
                    catch (IOException)
                    {
                        Thread.Sleep(25); // processes still dying
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Directories named NAME under this process's own cgroup or a hierarchy's root, in every mounted hierarchy.</summary>
    static IEnumerable<string> CgroupDirs(string name)
    {
        var own = File.ReadAllLines("/proc/self/cgroup").Select(l => l.Split(':', 3)).Where(p => p.Length == 3).ToList();
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var m = MountInfo.Parse(line);
            if (m is null || (m.FsType != "cgroup" && m.FsType != "cgroup2"))
            {
                continue;
            }
            var options = m.SuperOptions.Split(',');
            var mine = own.FirstOrDefault(p => m.FsType == "cgroup2"
                ? p[0] == "0" && p[1].Length == 0
                : p[1].Split(',').Any(c => options.Contains(c) || options.Contains("name=" + c.Replace("name=", "", StringComparison.Ordinal))));
            var candidates = new List<string> { Path.Combine(m.MountPoint, name) };
            if (mine is not null && mine[2] != "/")
            {
                candidates.Add(Path.Combine(m.MountPoint + mine[2], name));
            }
            foreach (var c in candidates.Distinct().Where(Directory.Exists))
            {
                yield return c;
            }
        }
    }

    static IEnumerable<int> Pids(string dir)
    {
        var procs = Path.Combine(dir, "cgroup.procs");
        return File.Exists(procs)
            ? File.ReadAllLines(procs).Select(l => int.TryParse(l, out var pid) ? pid : 0).Where(pid => pid > 0).ToList()
            : [];
    }

    static void Kill(int pid)
    {
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            p.Kill();
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }
}
