using Berth.Linux;
using Berth.Oci;
using Berth.Runtime.Seccomp;

namespace Berth.Runtime.Init;

/// <summary>Loads linux.seccomp: compiled to classic BPF and installed as the last step before exec.</summary>
public static class SeccompStep
{
    public static void Apply(LinuxSeccomp? seccomp)
    {
        if (seccomp is null) return;
        var program = SeccompCompiler.Compile(seccomp, out _);
        SeccompFilter.Install(program.Instructions, program.Flags);
    }
}
