using System.Globalization;
using Berth.Linux;

namespace Berth.Cgroups.Internal;

/// <summary>Operations on one cgroup directory and the cgroups nested under it.</summary>
internal static class CgroupTree
{
    /// <summary>Every pid in cgroup.procs of dir and of all its descendants; empty when dir does not exist.</summary>
    public static void CollectPids(string dir, HashSet<int> into)
    {
        if (!Directory.Exists(dir)) return;
        var text = CgroupFile.TryRead(dir, "cgroup.procs");
        if (text is not null)
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) into.Add(pid);
        foreach (var child in SubCgroups(dir)) CollectPids(child, into);
    }

    static IEnumerable<string> SubCgroups(string dir)
    {
        try { return Directory.GetDirectories(dir); }
        catch (DirectoryNotFoundException) { return []; }
    }

    /// <summary>
    /// Removes dir and its nested cgroups, deepest first. EBUSY (tasks still leaving) is retried until the deadline;
    /// a missing directory is success, so the call is idempotent.
    /// </summary>
    public static void Remove(string dir, DateTime deadline)
    {
        foreach (var child in SubCgroups(dir)) Remove(child, deadline);
        var delay = 5;
        while (true)
        {
            var errno = Sys.Rmdir(dir);
            if (errno is 0 or Errno.ENOENT) return;
            if (errno is Errno.EBUSY or Errno.EAGAIN && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(delay);
                delay = Math.Min(delay * 2, 100);
                continue;
            }
            if (errno == Errno.ENOTEMPTY && SubCgroups(dir).Count() == 0)
            {
                // cgroupfs never says ENOTEMPTY (it says EBUSY for children): this is a plain directory holding
                // fixture files, as in unit tests. Remove the files, then the directory.
                foreach (var file in Directory.GetFiles(dir)) File.Delete(file);
                continue;
            }
            throw new LinuxException(errno, "rmdir", dir);
        }
    }
}
