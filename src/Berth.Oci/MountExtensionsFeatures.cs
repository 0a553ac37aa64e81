namespace Berth.Oci;

/// <summary>features.linux.mountExtensions (features-linux.md).</summary>
public sealed class MountExtensionsFeatures
{
    public FeatureSwitch? Idmap { get; set; }
}
