using Berth.Linux.Interop;

namespace Berth.Linux;

/// <summary>
/// A sealed in-memory copy of this executable (CVE-2019-5736): processes that end up inside a container run
/// from it, so /proc/PID/exe never leads back to the binary on the host and the copy cannot be written.
/// </summary>
public static unsafe class SealedExecutable
{
    /// <summary>Returns a close-on-exec memfd holding a sealed copy of /proc/self/exe.</summary>
    public static int Create()
    {
        var src = Errno.Check(Libc.open("/proc/self/exe", Libc.O_RDONLY | Libc.O_CLOEXEC, 0), "open", "/proc/self/exe");
        try
        {
            var mfd = Libc.memfd_create("berth-runtime", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING | Libc.MFD_EXEC);
            if (mfd == -1 && Errno.Last == Errno.EINVAL)
                mfd = Libc.memfd_create("berth-runtime", Libc.MFD_CLOEXEC | Libc.MFD_ALLOW_SEALING);
            Errno.Check(mfd, "memfd_create");
            long offset = 0;
            while (true)
            {
                var n = (long)Libc.sendfile(mfd, src, &offset, 1 << 30);
                if (n == -1 && Errno.Last == Errno.EINTR) continue;
                Errno.Check(n, "sendfile", "memfd");
                if (n == 0) break;
            }
            Errno.Check(Libc.fcntl(mfd, Libc.F_ADD_SEALS,
                Libc.F_SEAL_SEAL | Libc.F_SEAL_SHRINK | Libc.F_SEAL_GROW | Libc.F_SEAL_WRITE), "fcntl(F_ADD_SEALS)", "memfd");
            return mfd;
        }
        finally
        {
            Libc.close(src);
        }
    }
}
