using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>
/// One test's world: a runtime, a private --root state directory, a bundle whose config.json starts as
/// `runc spec` output (terminal false, a unique relative cgroupsPath, the shared busybox rootfs read-only), and
/// every container it created, deleted with --force on dispose even when the test failed.
/// </summary>
public sealed class Sandbox : IDisposable
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(20);
    static readonly Lazy<string> SpecTemplate = new(GenerateSpec);
    static readonly Lazy<string> RootfsPath = new(EnsureRootfs);

    readonly TempDir _dir;
    readonly List<string> _containers = [];

    public Sandbox(string runtime, string @case)
    {
        Runtime = RuntimeUnderTest.Get(runtime);
        _dir = new TempDir("berth-conf");
        StateRoot = _dir.Path("state");
        Bundle = _dir.Path("bundle");
        Directory.CreateDirectory(StateRoot);
        Directory.CreateDirectory(Bundle);
        Id = NewId(@case);
        Config = JsonNode.Parse(SpecTemplate.Value)!.AsObject();
        Config["process"]!["terminal"] = false;
        Config["root"] = new JsonObject { ["path"] = RootfsPath.Value, ["readonly"] = true };
        Config["hostname"] = "conformance";
        Config["linux"]!["cgroupsPath"] = "berth-conf-" + Id;
    }

    public RuntimeUnderTest Runtime { get; }

    /// <summary>The runtime's --root (its state directory), private to this test.</summary>
    public string StateRoot { get; }

    public string Bundle { get; }

    /// <summary>The id of the test's main container (unique across runs and runtimes).</summary>
    public string Id { get; }

    /// <summary>The bundle's config.json, written by <see cref="WriteConfig"/>.</summary>
    public JsonObject Config { get; }

    public string TempPath(string name) => _dir.Path(name);

    /// <summary>A unique container id for this runtime and case.</summary>
    public string NewId(string @case)
    {
        var shortName = Runtime?.Name switch { RuntimeUnderTest.Berth => "berth", { } n => n, null => "x" };
        return $"bc-{shortName}-{@case}-{Guid.NewGuid().ToString("N")[..8]}";
    }

    public Sandbox Args(params string[] args)
    {
        Config["process"]!["args"] = new JsonArray(args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray());
        return this;
    }

    /// <summary>Process args as `sh -c SCRIPT`.</summary>
    public Sandbox Shell(string script) => Args("sh", "-c", script);

    public Sandbox WriteConfig()
    {
        File.WriteAllText(Path.Combine(Bundle, "config.json"), Config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return this;
    }

    /// <summary>Runs the runtime CLI: RUNTIME --root STATE ARGS... (stdio captured; for commands that do not leave a container holding it).</summary>
    public ProcessResult Cli(params string[] args) => Cli(CommandTimeout, args);

    public ProcessResult Cli(TimeSpan timeout, params string[] args)
    {
        Track(args);
        return ProcessRunner.Run(Runtime.File, [.. Runtime.PrefixArgs, "--root", StateRoot, .. args], timeout);
    }

    /// <summary>`run --bundle B ID` in the foreground: the container's output is the result's output.</summary>
    public ProcessResult Run(string? id = null) => Cli("run", "--bundle", Bundle, id ?? Id);

    /// <summary>
    /// `create --bundle B ID` with the runtime's (and so the container's) stdio sent to files, since a created
    /// container keeps its stdio open: a pipe would not close until it exits. Read them with <see cref="Output"/>.
    /// </summary>
    public ProcessResult Create(string? id = null, params string[] extra) =>
        Detached(["create", .. extra, "--bundle", Bundle, id ?? Id], id ?? Id);

    /// <summary>`run --detach --bundle B ID`, stdio to files as for <see cref="Create"/>.</summary>
    public ProcessResult RunDetached(string? id = null) => Detached(["run", "--detach", "--bundle", Bundle, id ?? Id], id ?? Id);

    ProcessResult Detached(string[] args, string id)
    {
        Track(args);
        var stdout = TempPath(id + ".out");
        var stderr = TempPath(id + ".err");
        // sh redirects and execs the runtime, so the runtime is the process the runner waits for.
        var result = ProcessRunner.Run("/bin/sh",
            ["-c", "out=$1 err=$2; shift 2; exec \"$@\" </dev/null >>\"$out\" 2>>\"$err\"", "sh", stdout, stderr,
                Runtime.File, .. Runtime.PrefixArgs, "--root", StateRoot, .. args], CommandTimeout);
        return result with { Stdout = ReadOr(stdout), Stderr = ReadOr(stderr) };
    }

    /// <summary>What the container created with <see cref="Create"/> wrote so far (stdout, stderr).</summary>
    public (string Stdout, string Stderr) Output(string? id = null) =>
        (ReadOr(TempPath((id ?? Id) + ".out")), ReadOr(TempPath((id ?? Id) + ".err")));

    static string ReadOr(string path) => File.Exists(path) ? File.ReadAllText(path) : "";

    public ProcessResult Start(string? id = null) => Cli("start", id ?? Id);

    /// <summary>`state ID` parsed; fails the test with the runtime's output when it is not a JSON object.</summary>
    public JsonObject State(string? id = null)
    {
        var r = Cli("state", id ?? Id);
        Assert.True(r.Succeeded, $"state failed:\n{r}");
        try
        {
            return JsonNode.Parse(r.Stdout)?.AsObject() ?? throw new JsonException("null");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            Assert.Fail($"state did not print a JSON object ({e.Message}):\n{r}");
            throw;
        }
    }

    public string Status(string? id = null) => State(id)["status"]?.GetValue<string>() ?? "";

    public int Pid(string? id = null) => State(id)["pid"]?.GetValue<int>() ?? 0;

    /// <summary>Polls `state` until the status is the expected one (or the time is up); returns the last status.</summary>
    public string WaitForStatus(string expected, string? id = null, double seconds = 10)
    {
        var watch = Stopwatch.StartNew();
        string status;
        do
        {
            status = Status(id);
            if (status == expected)
            {
                return status;
            }
            Thread.Sleep(50);
        }
        while (watch.Elapsed.TotalSeconds < seconds);
        return status;
    }

    /// <summary>Creates and starts the main container (or fails the test), returning its host PID.</summary>
    public int CreateAndStart(string? id = null)
    {
        var created = Create(id);
        Assert.True(created.Succeeded, $"create failed:\n{created}");
        var started = Start(id);
        Assert.True(started.Succeeded, $"start failed:\n{started}");
        return Pid(id);
    }

    /// <summary>Remembers a container to delete on dispose (create/run do it themselves).</summary>
    public void Track(string[] args)
    {
        if (args.Length > 1 && args[0] is "create" or "run")
        {
            var id = args[^1];
            lock (_containers)
            {
                if (!_containers.Contains(id))
                {
                    _containers.Add(id);
                }
            }
        }
    }

    public void Dispose()
    {
        string[] ids;
        lock (_containers)
        {
            ids = [.. _containers];
        }
        foreach (var id in ids)
        {
            try
            {
                ProcessRunner.Run(Runtime.File, [.. Runtime.PrefixArgs, "--root", StateRoot, "delete", "--force", id], CommandTimeout);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Cleanup must not hide the test's own failure.
            }
            Leftovers.Remove("berth-conf-" + id);
        }
        _dir.Dispose();
    }

    static string GenerateSpec()
    {
        using var tmp = new TempDir("berth-spec");
        var runc = RuntimeUnderTest.Get(RuntimeUnderTest.Runc).File;
        var r = ProcessRunner.Run(runc, "spec", "--bundle", tmp.PathName);
        Assert.True(r.Succeeded, $"`runc spec` failed:\n{r}");
        return File.ReadAllText(tmp.Path("config.json"));
    }

    static string EnsureRootfs()
    {
        var rootfs = Environment.GetEnvironmentVariable("BERTH_ROOTFS") is { Length: > 0 } env
            ? env
            : Repo.Path("artifacts", "rootfs", "busybox");
        if (!File.Exists(Path.Combine(rootfs, "bin", "busybox")))
        {
            var r = ProcessRunner.Run(Repo.Path("scripts", "make-busybox-rootfs.sh"), [rootfs], TimeSpan.FromMinutes(5));
            Assert.True(r.Succeeded, $"could not build the busybox rootfs:\n{r}");
        }
        // runc refuses a rootfs path through a symlink: hand every runtime the real path.
        var real = ProcessRunner.Run("realpath", rootfs);
        return real.Succeeded ? real.Stdout.Trim() : Path.GetFullPath(rootfs);
    }

    public static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
