using System.Globalization;
using System.Numerics;
using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>The container's process: PID 1, hostname, exit code, capabilities.</summary>
public sealed class ProcessTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Init_is_pid_1(string runtime)
    {
        using var s = new Sandbox(runtime, "pid1");
        s.Shell("echo $$").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("1", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Hostname_comes_from_the_config(string runtime)
    {
        using var s = new Sandbox(runtime, "hostname");
        s.Config["hostname"] = "berth-conf-host";
        s.Args("hostname").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("berth-conf-host", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth, 0)]
    [InlineData(RuntimeUnderTest.Runc, 0)]
    [InlineData(RuntimeUnderTest.Crun, 0)]
    [InlineData(RuntimeUnderTest.Berth, 3)]
    [InlineData(RuntimeUnderTest.Runc, 3)]
    [InlineData(RuntimeUnderTest.Crun, 3)]
    [InlineData(RuntimeUnderTest.Berth, 125)]
    [InlineData(RuntimeUnderTest.Runc, 125)]
    [InlineData(RuntimeUnderTest.Crun, 125)]
    public void Run_passes_the_exit_code_through(string runtime, int code)
    {
        using var s = new Sandbox(runtime, "exit");
        s.Shell($"exit {code}").WriteConfig();
        var r = s.Run();
        Assert.False(r.TimedOut, r.ToString());
        Assert.True(code == r.ExitCode, $"expected exit {code}:\n{r}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Stdout_and_stderr_are_the_runtimes(string runtime)
    {
        using var s = new Sandbox(runtime, "stdio");
        s.Shell("echo to-stdout; echo to-stderr >&2").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Contains("to-stdout", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("to-stderr", r.Stderr, StringComparison.Ordinal);
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Env_cwd_and_user_come_from_the_config(string runtime)
    {
        using var s = new Sandbox(runtime, "env");
        s.Config["process"]!["env"] = new JsonArray("PATH=/bin:/usr/bin:/sbin:/usr/sbin", "CONF_VAR=hello world");
        s.Config["process"]!["cwd"] = "/tmp";
        s.Config["process"]!["user"] = new JsonObject { ["uid"] = 1000, ["gid"] = 1000, ["additionalGids"] = new JsonArray(65534) };
        s.Shell("echo \"$CONF_VAR\"; pwd; id -u; id -g; id -G").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 5, r.ToString());
        Assert.Equal("hello world", lines[0]);
        Assert.Equal("/tmp", lines[1]);
        Assert.Equal("1000", lines[2]);
        Assert.Equal("1000", lines[3]);
        Assert.Equal(["1000", "65534"], lines[4].Split(' ', StringSplitOptions.RemoveEmptyEntries).Order().ToArray());
    }

    /// <summary>
    /// The sets are chosen so that what the kernel shows after exec equals the config: for uid 0,
    /// permitted' = effective' = bounding | inheritable | ambient, so bounding = effective = permitted ⊇ inheritable ⊇ ambient.
    /// </summary>
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Capability_sets_match_the_config(string runtime)
    {
        string[] full = ["CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_NET_BIND_SERVICE", "CAP_NET_RAW", "CAP_SYS_CHROOT", "CAP_AUDIT_WRITE"];
        string[] inheritable = ["CAP_KILL", "CAP_NET_BIND_SERVICE", "CAP_AUDIT_WRITE"];
        string[] ambient = ["CAP_NET_BIND_SERVICE"];
        using var s = new Sandbox(runtime, "caps");
        s.Config["process"]!["capabilities"] = new JsonObject
        {
            ["bounding"] = Json(full),
            ["effective"] = Json(full),
            ["permitted"] = Json(full),
            ["inheritable"] = Json(inheritable),
            ["ambient"] = Json(ambient),
        };
        s.Shell("grep ^Cap /proc/self/status").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        var seen = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => ulong.Parse(p[1].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
        var expected = new Dictionary<string, ulong>
        {
            ["CapBnd"] = Mask(full),
            ["CapEff"] = Mask(full),
            ["CapPrm"] = Mask(full),
            ["CapInh"] = Mask(inheritable),
            ["CapAmb"] = Mask(ambient),
        };
        foreach (var (name, mask) in expected)
        {
            Assert.True(seen.TryGetValue(name, out var got), $"no {name} line:\n{r}");
            Assert.True(mask == got, $"{name}: expected {mask:x16} ({Names(mask)}), got {got:x16} ({Names(got)})\n{r}");
        }
    }

    static JsonArray Json(string[] caps) => new(caps.Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());

    static ulong Mask(IEnumerable<string> caps) => caps.Aggregate(0UL, (m, c) => m | (1UL << Array.IndexOf(CapNames, c)));

    static string Names(ulong mask) =>
        mask == 0 ? "none" : string.Join(',', Enumerable.Range(0, 64).Where(i => (mask & (1UL << i)) != 0)
            .Select(i => i < CapNames.Length ? CapNames[i]["CAP_".Length..] : i.ToString(CultureInfo.InvariantCulture)));

    /// <summary>linux/capability.h, in bit order.</summary>
    static readonly string[] CapNames =
    [
        "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_SETGID",
        "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE", "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN",
        "CAP_NET_RAW", "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT", "CAP_SYS_PTRACE",
        "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE", "CAP_SYS_RESOURCE", "CAP_SYS_TIME",
        "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE", "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP",
        "CAP_MAC_OVERRIDE", "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
        "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE",
    ];
}
