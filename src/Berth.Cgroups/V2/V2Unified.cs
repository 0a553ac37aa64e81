using Berth.Core;

namespace Berth.Cgroups.V2;

/// <summary>linux.resources.unified: each key is an interface file of the container's cgroup, written verbatim, last.</summary>
internal sealed class V2Unified(string dir)
{
    public void Apply(IReadOnlyDictionary<string, string> files)
    {
        foreach (var (key, value) in files.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key.Length == 0 || key.Contains('/') || key is "." or ".." || !key.Contains('.'))
                throw BerthException.Invalid($"linux.resources.unified: invalid key \"{key}\" (expected an interface file name such as memory.high)");
            if (key.StartsWith("cgroup.", StringComparison.Ordinal) && key is not ("cgroup.max.depth" or "cgroup.max.descendants"))
                throw BerthException.Invalid($"linux.resources.unified: \"{key}\" is managed by the runtime and cannot be set");
            if (!File.Exists(Path.Combine(dir, key)))
                throw BerthException.Invalid($"linux.resources.unified: {Path.Combine(dir, key)} does not exist (unknown file, or the {key.Split('.')[0]} controller is not enabled)");
            V2Files.Write(dir, key, value);
        }
    }
}
