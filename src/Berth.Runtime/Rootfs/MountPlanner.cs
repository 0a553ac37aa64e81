using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.Rootfs;

/// <summary>Turns config.json's mounts into the ordered steps init performs.</summary>
public static class MountPlanner
{
    public static IReadOnlyList<MountStep> Plan(RuntimeSpec spec, string bundle)
    {
        var steps = new List<MountStep>();
        foreach (var m in spec.Mounts ?? [])
        {
            var dest = m.Destination ?? throw BerthException.Invalid("mounts: an entry has no destination");
            if (!dest.StartsWith('/')) throw BerthException.Invalid($"mounts: destination {dest} is not absolute");
            var o = MountOptions.Parse(m.Options);
            var type = m.Type ?? "";
            if (type == "bind" || o.Bind)
            {
                var source = m.Source ?? throw BerthException.Invalid($"mounts: bind mount at {dest} has no source");
                if (!source.StartsWith('/')) source = Path.GetFullPath(Path.Combine(bundle, source));
                steps.Add(new MountStep(MountStepKind.Bind, dest, source, null, o.Flags, o.Data, o.Propagation, o.Recursive));
            }
            else if (type is "cgroup" or "cgroup2")
                steps.Add(new MountStep(MountStepKind.Cgroup, dest, m.Source, type, o.Flags, o.Data, o.Propagation));
            else
            {
                if (type.Length == 0) throw BerthException.Invalid($"mounts: {dest} has no type");
                steps.Add(new MountStep(MountStepKind.Filesystem, dest, m.Source ?? type, type, o.Flags, o.Data, o.Propagation));
            }
        }
        return steps;
    }
}
