using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.Init;

/// <summary>Loads linux.seccomp as the last step before exec.</summary>
public static class SeccompStep
{
    public static void Apply(LinuxSeccomp? seccomp)
    {
        if (seccomp is null) return;
        throw new BerthException(ErrorKind.NotImplemented, "linux.seccomp: not supported yet");
    }
}
