namespace Berth.Oci;

/// <summary>features.linux: what the runtime implements of config-linux.md (features-linux.md).</summary>
public sealed class LinuxFeatures
{
    public List<string>? Namespaces { get; set; }
    public List<string>? Capabilities { get; set; }
    public CgroupFeatures? Cgroup { get; set; }
    public SeccompFeatures? Seccomp { get; set; }
    public FeatureSwitch? Apparmor { get; set; }
    public FeatureSwitch? Selinux { get; set; }
    public FeatureSwitch? IntelRdt { get; set; }
    public MountExtensionsFeatures? MountExtensions { get; set; }
    public FeatureSwitch? NetDevices { get; set; }
}
