using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime;

/// <summary>The checks `create` makes before touching anything; returns the absolute rootfs path.</summary>
public static class SpecChecks
{
    public static string Validate(RuntimeSpec spec, string bundle, Action<string> warn)
    {
        if (string.IsNullOrEmpty(spec.OciVersion)) throw BerthException.Invalid("config.json: ociVersion is required");
        if (spec.Root?.Path is not { Length: > 0 } root) throw BerthException.Invalid("config.json: root.path is required");
        var rootfs = Path.GetFullPath(Path.Combine(bundle, root));
        if (!Directory.Exists(rootfs)) throw BerthException.NotFound($"root.path: rootfs {rootfs} does not exist or is not a directory");
        if (spec.Process is null) throw BerthException.Invalid("config.json: process is required to create a container");
        if (spec.Process.Args is not { Count: > 0 }) throw BerthException.Invalid("process.args: must not be empty");
        if (spec.Process.Cwd is not { Length: > 0 } cwd || !cwd.StartsWith('/'))
            throw BerthException.Invalid($"process.cwd: must be an absolute path, got \"{spec.Process.Cwd}\"");
        return rootfs;
    }
}
