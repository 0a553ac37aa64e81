using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Linux;

namespace Berth.Cgroups.V2;

/// <summary>Writes to v2 interface files, explaining ENOENT: the controller is not enabled for this cgroup.</summary>
internal static class V2Files
{
    public static void Write(string dir, string file, string value)
    {
        try { CgroupFile.Write(dir, file, value); }
        catch (LinuxException e) when (e.ErrorNumber == Errno.ENOENT && Directory.Exists(dir))
        {
            var controller = file.Split('.')[0];
            throw new BerthException(ErrorKind.FailedPrecondition,
                $"{e.Message}; the {controller} controller is not available to this cgroup (see cgroup.controllers and the parent's cgroup.subtree_control)", e);
        }
    }
}
