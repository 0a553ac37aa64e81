namespace Berth.Oci;

/// <summary>The state of a container as `state` prints it (state-schema.json; "paused" as runc adds).</summary>
public sealed class ContainerState
{
    public string OciVersion { get; set; } = OciJson.SpecVersion;
    public string Id { get; set; } = "";
    public string Status { get; set; } = "";
    public int Pid { get; set; }
    public string Bundle { get; set; } = "";
    public Dictionary<string, string>? Annotations { get; set; }

    // runc prints these beside the schema's fields; hooks receive them too, which the schema allows.
    public string? Rootfs { get; set; }
    public DateTimeOffset? Created { get; set; }
    public string? Owner { get; set; }
}
