using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>What the runc CVEs taught: no host descriptor or cwd reaches the container; the runtime binary stays out of reach.</summary>
public sealed class SafetyTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun, Skip = "crun 1.8 (through scripts/crun-hybrid) hands the container descriptors 3, 4 and 5")]
    public void Only_stdio_descriptors_reach_the_container(string runtime)
    {
        using var s = new Sandbox(runtime, "fds");
        // The shell's own descriptors: 0, 1 and 2, and nothing inherited from the runtime.
        // No pipeline: the shell (PID 1) holds no pipe of its own while ls reads its descriptors.
        s.Shell("ls /proc/1/fd; true").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal(["0", "1", "2"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order().ToArray());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void The_cwd_is_inside_the_container(string runtime)
    {
        using var s = new Sandbox(runtime, "cwd");
        s.Config["process"]!["cwd"] = "/tmp";
        s.Shell("pwd; readlink /proc/self/cwd").WriteConfig();
        var r = s.Run();
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal("/tmp\n/tmp", r.Stdout.Trim());
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth, false)]
    [InlineData(RuntimeUnderTest.Berth, true)]
    [InlineData(RuntimeUnderTest.Runc, false)]
    public void The_runtime_binary_cannot_be_written_through_an_inits_exe(string runtime, bool sysAdmin)
    {
        // CVE-2019-5736: a process in the container keeps a handle on /proc/INIT/exe and, once the runtime is
        // gone, reopens it for writing. It must not be the host's binary on a writable mount. Nothing is written.
        using var s = new Sandbox(runtime, "sealed");
        if (sysAdmin)
            s.Config["process"]!["capabilities"]!["bounding"]!.AsArray().Add("CAP_SYS_ADMIN"); // berth then uses a sealed memfd
        s.Shell("true").WriteConfig();
        Assert.True(s.Create().Succeeded, "create failed");
        var pid = s.Pid();
        var psi = new System.Diagnostics.ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add("-c");
        // A subshell, since a failed `exec` redirection ends a POSIX shell.
        // A subshell, since a failed `exec` redirection ends a POSIX shell. Only a memfd copy is ever written to
        // (its seals must refuse it); the host's binary is only opened, never written, whatever the outcome.
        psi.ArgumentList.Add($"exec 3< /proc/{pid}/exe || exit 9; echo held; read go; " +
            "case $(readlink /proc/self/fd/3) in " +
            "/memfd:*) if (exec 4>> /proc/self/fd/3 && printf x >&4) 2>/dev/null; then echo WRITABLE; else echo REFUSED; fi;; " +
            "*) if (exec 4>> /proc/self/fd/3) 2>/dev/null; then echo WRITABLE; else echo REFUSED; fi;; esac");
        using var holder = System.Diagnostics.Process.Start(psi)!;
        Assert.Equal("held", holder.StandardOutput.ReadLine());
        Assert.True(s.Cli("delete", "--force", s.Id).Succeeded, "delete failed");
        holder.StandardInput.WriteLine("go");
        holder.StandardInput.Close();
        var verdict = holder.StandardOutput.ReadToEnd().Trim();
        holder.WaitForExit();
        Assert.Equal("REFUSED", verdict);
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void A_failed_setup_leaves_no_container_behind(string runtime)
    {
        using var s = new Sandbox(runtime, "badmount");
        var mounts = s.Config["mounts"]!.AsArray();
        mounts.Add(new JsonObject
        {
            ["destination"] = "/data",
            ["type"] = "bind",
            ["source"] = "/no/such/dir/berth-conformance",
            ["options"] = new JsonArray("rbind", "ro"),
        });
        s.Shell("true").WriteConfig();
        var r = s.Create();
        Assert.True(r.ExitCode != 0, $"create with a missing bind source should fail:\n{r}");
        Assert.Contains("/no/such/dir/berth-conformance", r.Stderr + r.Stdout);
        Assert.True(s.Cli("state", s.Id).ExitCode != 0, "a container exists after a failed create");
        Assert.DoesNotContain(s.Id, s.Cli("list").Stdout);
        if (runtime == RuntimeUnderTest.Berth)
        {
            // Berth's cgroup (relative path, under the runtime's own cgroup) is gone too.
            var own = File.ReadAllLines("/proc/self/cgroup").First(l => l.Contains(":pids:") || l.StartsWith("0::")).Split(':', 3)[2];
            var mount = File.Exists("/sys/fs/cgroup/cgroup.controllers") ? "/sys/fs/cgroup" : "/sys/fs/cgroup/pids";
            Assert.False(Directory.Exists(Path.Combine(mount + own, "berth-conf-" + s.Id)), "the cgroup was left behind");
        }
    }
}
