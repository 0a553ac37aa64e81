using Berth.Core;
using Berth.Linux;
using Berth.Linux.Interop;
using Berth.Oci;

namespace Berth.Runtime.Init;

/// <summary>
/// The steps every container process goes through inside the container, shared by create and exec:
/// find the executable, rlimits, then (as late as possible) identity, capabilities, no_new_privs, seccomp, exec.
/// </summary>
public static class ProcessLauncher
{
    /// <summary>Resolves args[0] through the process's PATH, in the container's root, as execvp would.</summary>
    public static string LookPath(SpecProcess process)
    {
        var name = process.Args is { Count: > 0 } a ? a[0] : throw BerthException.Invalid("process.args must not be empty");
        if (name.Contains('/'))
        {
            var full = name.StartsWith('/') ? name : Path.Combine(process.Cwd ?? "/", name);
            if (!File.Exists(full)) throw BerthException.NotFound($"exec: \"{name}\": stat {full}: no such file or directory");
            return full;
        }
        var path = Env(process.Env, "PATH") ?? "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (FileSystems.IsExecutableFile(candidate)) return candidate;
        }
        throw BerthException.NotFound($"exec: \"{name}\": executable file not found in $PATH");
    }

    /// <summary>The value of key in env; the last entry wins, as runc sets them one by one (exec -e PATH=... overrides).</summary>
    public static string? Env(IEnumerable<string>? env, string key)
    {
        string? value = null;
        foreach (var e in env ?? [])
            if (e.StartsWith(key + "=", StringComparison.Ordinal)) value = e[(key.Length + 1)..];
        return value;
    }

    /// <summary>
    /// The environment with one entry per name (first position, last value: what runc's os.Setenv loop leaves),
    /// and HOME added from the container's /etc/passwd when the spec lacks it.
    /// </summary>
    public static List<string> Environment(SpecProcess process)
    {
        var env = new List<string>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var e in process.Env ?? [])
        {
            var eq = e.IndexOf('=');
            var name = eq < 0 ? e : e[..eq];
            if (index.TryGetValue(name, out var i)) env[i] = e;
            else { index[name] = env.Count; env.Add(e); }
        }
        if (Env(env, "HOME") is null) env.Add("HOME=" + HomeOf(process.User.Uid));
        return env;
    }

    static string HomeOf(uint uid)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var f = line.Split(':');
                if (f.Length >= 6 && uint.TryParse(f[2], out var u) && u == uid) return f[5];
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return "/";
    }

    public static void SetRlimits(SpecProcess process)
    {
        foreach (var r in process.Rlimits ?? [])
        {
            if (!RlimitNames.TryGetResource(r.Type, out var n)) throw BerthException.Invalid($"process.rlimits: unknown type {r.Type}");
            Credentials.SetRlimit(n, r.Soft, r.Hard, r.Type);
        }
    }

    public static void SetOomScoreAdj(SpecProcess process)
    {
        if (process.OomScoreAdj is { } adj) File.WriteAllText("/proc/self/oom_score_adj", adj.ToString());
    }

    /// <summary>chdir into process.cwd; fails if the result lies outside the container's root (CVE-2024-21626).</summary>
    public static void EnterCwd(SpecProcess process)
    {
        var cwd = process.Cwd is { Length: > 0 } c ? c : "/";
        Errno.Check(Libc.chdir(cwd), "chdir to cwd", cwd);
        var now = Directory.GetCurrentDirectory();
        if (!now.StartsWith('/')) throw new BerthException(ErrorKind.PermissionDenied, $"cwd {cwd} is outside the container's root");
    }

    /// <summary>Identity, capabilities, no_new_privs and seccomp, then exec; never returns.</summary>
    public static void Exec(SpecProcess process, LinuxSeccomp? seccomp, string executable, int preserveFds)
    {
        Fd.CloseOnExecFrom(3 + preserveFds);
        var env = Environment(process);
        var caps = CapabilitySet.From(process.Capabilities);
        var groups = (process.User.AdditionalGids ?? []).ToArray();
        if (!process.NoNewPrivileges) SeccompStep.Apply(seccomp); // needs CAP_SYS_ADMIN without no_new_privs
        Credentials.Apply(process.User.Uid, process.User.Gid, groups, caps.Bounding, caps.Effective, caps.Permitted, caps.Inheritable, caps.Ambient);
        if (process.NoNewPrivileges)
        {
            Credentials.SetNoNewPrivileges();
            SeccompStep.Apply(seccomp);
        }
        Libc.umask(process.User.Umask ?? 0x12 /* 022 */);
        Linux.Exec.Replace(executable, process.Args!, env);
    }
}
