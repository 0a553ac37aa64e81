using System.Text.Json;
using Berth.Oci;

namespace Berth.Runtime.Tests.Seccomp;

/// <summary>
/// Docker's default seccomp profile (/work/shared/specs/seccomp/docker-default.json) converted to the OCI
/// section the way dockerd does for an amd64 container with Docker's default capabilities: archMap picks the
/// architectures, includes/excludes are resolved against arch, capabilities and a recent kernel.
/// </summary>
static class DockerProfile
{
    const string RelativePath = "shared/specs/seccomp/docker-default.json";

    static readonly string[] DefaultCapabilities =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FSETID", "CAP_FOWNER", "CAP_MKNOD", "CAP_NET_RAW", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETFCAP", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT", "CAP_KILL",
        "CAP_AUDIT_WRITE",
    ];

    /// <summary>The profile's path: ../shared next to the worktree holding Berth.slnx, or null when absent.</summary>
    public static string? Path { get; } = Find();

    static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(System.IO.Path.Combine(dir.FullName, "Berth.slnx")))
                continue;
            string candidate = System.IO.Path.Combine(dir.Parent?.FullName ?? "/", RelativePath);
            return File.Exists(candidate) ? candidate : null;
        }
        return null;
    }

    public static LinuxSeccomp LoadForAmd64()
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path!));
        var root = doc.RootElement;
        var spec = new LinuxSeccomp
        {
            DefaultAction = root.GetProperty("defaultAction").GetString(),
            DefaultErrnoRet = root.TryGetProperty("defaultErrnoRet", out var d) ? d.GetUInt32() : null,
            Architectures = [],
            Syscalls = [],
        };
        foreach (var entry in root.GetProperty("archMap").EnumerateArray())
            if (entry.GetProperty("architecture").GetString() == "SCMP_ARCH_X86_64")
            {
                spec.Architectures.Add("SCMP_ARCH_X86_64");
                foreach (var sub in entry.GetProperty("subArchitectures").EnumerateArray())
                    spec.Architectures.Add(sub.GetString()!);
            }
        foreach (var call in root.GetProperty("syscalls").EnumerateArray())
        {
            if (!Applies(call))
                continue;
            var rule = new LinuxSyscall
            {
                Names = [.. call.GetProperty("names").EnumerateArray().Select(n => n.GetString()!)],
                Action = call.GetProperty("action").GetString()!,
                ErrnoRet = call.TryGetProperty("errnoRet", out var e) ? e.GetUInt32() : null,
            };
            if (call.TryGetProperty("args", out var args) && args.ValueKind == JsonValueKind.Array)
                rule.Args = [.. args.EnumerateArray().Select(a => new LinuxSeccompArg
                {
                    Index = a.GetProperty("index").GetUInt32(),
                    Value = a.GetProperty("value").GetUInt64(),
                    ValueTwo = a.TryGetProperty("valueTwo", out var v2) ? v2.GetUInt64() : 0,
                    Op = a.GetProperty("op").GetString()!,
                })];
            spec.Syscalls.Add(rule);
        }
        return spec;
    }

    /// <summary>dockerd's includes/excludes test for arch amd64, the default capabilities and a kernel ≥ every minKernel.</summary>
    static bool Applies(JsonElement call)
    {
        static string[] List(JsonElement parent, string name) =>
            parent.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
                ? [.. list.EnumerateArray().Select(x => x.GetString()!)]
                : [];
        if (call.TryGetProperty("excludes", out var ex) && ex.ValueKind == JsonValueKind.Object)
        {
            if (List(ex, "arches").Contains("amd64") || List(ex, "caps").Any(DefaultCapabilities.Contains))
                return false;
            if (ex.TryGetProperty("minKernel", out var mk) && mk.ValueKind == JsonValueKind.String)
                return false; // the kernel is newer than any minKernel in the profile
        }
        if (call.TryGetProperty("includes", out var inc) && inc.ValueKind == JsonValueKind.Object)
        {
            var arches = List(inc, "arches");
            if (arches.Length > 0 && !arches.Contains("amd64"))
                return false;
            if (!List(inc, "caps").All(DefaultCapabilities.Contains))
                return false;
        }
        return true;
    }
}

/// <summary>A fact that is skipped, with a message, when Docker's profile is not next to the worktree.</summary>
public sealed class DockerProfileFactAttribute : FactAttribute
{
    public DockerProfileFactAttribute()
    {
        if (DockerProfile.Path is null)
            Skip = "../shared/specs/seccomp/docker-default.json is absent: Docker profile tests skipped";
    }
}
