namespace Berth.Oci;

/// <summary>features.linux.cgroup: which cgroup managers the runtime implements (features-linux.md).</summary>
public sealed class CgroupFeatures
{
    public bool? V1 { get; set; }
    public bool? V2 { get; set; }
    public bool? Systemd { get; set; }
    public bool? SystemdUser { get; set; }
    public bool? Rdma { get; set; }
}
