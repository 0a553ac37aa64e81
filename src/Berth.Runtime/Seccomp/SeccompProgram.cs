using Berth.Linux;

namespace Berth.Runtime.Seccomp;

/// <summary>A compiled filter: the BPF program and the SECCOMP_FILTER_FLAG_* bits to load it with.</summary>
public sealed class SeccompProgram(SockFilter[] instructions, uint flags)
{
    public SockFilter[] Instructions { get; } = instructions;

    /// <summary>SECCOMP_FILTER_FLAG_* bits for <see cref="SeccompFilter.Install"/>.</summary>
    public uint Flags { get; } = flags;
}
