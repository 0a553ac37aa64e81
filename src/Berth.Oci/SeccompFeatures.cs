namespace Berth.Oci;

/// <summary>features.linux.seccomp: the seccomp names the runtime recognizes (features-linux.md).</summary>
public sealed class SeccompFeatures
{
    public bool? Enabled { get; set; }
    public List<string>? Actions { get; set; }
    public List<string>? Operators { get; set; }
    public List<string>? Archs { get; set; }
    public List<string>? KnownFlags { get; set; }
    public List<string>? SupportedFlags { get; set; }
}
