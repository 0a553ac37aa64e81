namespace Berth.Oci;

/// <summary>An <c>{"enabled": bool}</c> object of the features document (apparmor, selinux, intelRdt, netDevices, idmap).</summary>
public sealed class FeatureSwitch
{
    public bool? Enabled { get; set; }
}
