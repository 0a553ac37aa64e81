using System.Text.Json;
using Berth.Oci;
using Berth.Runtime.State;

namespace Berth.Runtime.Cli.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("--version")]
    [InlineData("-v")]
    [InlineData("-version")]
    public void Version(string flag)
    {
        var (code, stdout, stderr) = Cli.Run(flag);
        Assert.Equal(0, code);
        Assert.Equal($"berth-runtime version {RuntimeCommandLine.Version}\nspec: {OciJson.SpecVersion}\n", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void HelpGoesToStdout()
    {
        var (code, stdout, stderr) = Cli.Run("--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage: berth-runtime [global options] command", stdout);
        Assert.Equal("", stderr);
    }

    [Fact]
    public void NoCommandPrintsUsageToStderrAndFails()
    {
        using var root = new TempDir();
        var (code, stdout, stderr) = Cli.Run("--root", root.Path);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("usage: berth-runtime", stderr);
    }

    [Fact]
    public void SpecWritesTheDefaultConfigOnceThenRefuses()
    {
        using var bundle = new TempDir();
        var (code, stdout, stderr) = Cli.Run("spec", "--bundle", bundle.Path);
        Assert.Equal((0, "", ""), (code, stdout, stderr));
        var path = bundle["config.json"];
        var written = OciJson.ReadSpec(path);
        Assert.Equal(DefaultSpec.ToJson(DefaultSpec.Create()), DefaultSpec.ToJson(written));
        Assert.Equal(DefaultSpec.ToJson(DefaultSpec.Create()), File.ReadAllText(path));
        Assert.Equal(["sh"], written.Process!.Args!);

        File.WriteAllText(path, "{\"keep\": true}");
        (code, stdout, stderr) = Cli.Run("spec", "-b", bundle.Path);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal($"berth-runtime: File {path} exists. Remove it first\n", stderr);
        Assert.Equal("{\"keep\": true}", File.ReadAllText(path));
    }

    [Fact]
    public void SpecRootless()
    {
        using var bundle = new TempDir();
        Assert.Equal(0, Cli.Run("spec", "--rootless", "--bundle=" + bundle.Path).Code);
        var spec = OciJson.ReadSpec(bundle["config.json"]);
        Assert.Contains(spec.Linux!.Namespaces!, n => n.Type == "user");
        Assert.NotNull(spec.Linux.UidMappings);
    }

    [Fact]
    public void SpecIntoAMissingDirectoryFails()
    {
        using var dir = new TempDir();
        var (code, _, stderr) = Cli.Run("spec", "--bundle", dir["missing"]);
        Assert.Equal(1, code);
        Assert.StartsWith("berth-runtime: ", stderr);
        Assert.Single(stderr.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void FeaturesIsValidJson()
    {
        var (code, stdout, stderr) = Cli.Run("features");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using var doc = JsonDocument.Parse(stdout);
        Assert.Equal("1.0.0", doc.RootElement.GetProperty("ociVersionMin").GetString());
        Assert.Equal(OciJson.SpecVersion, doc.RootElement.GetProperty("ociVersionMax").GetString());
        var features = RuntimeFeatures.Parse(System.Text.Encoding.UTF8.GetBytes(stdout), "features");
        Assert.Equal(RuntimeCommandLine.Version, features.Annotations![RuntimeFeatures.VersionAnnotation]);
        Assert.Contains("CAP_SYS_ADMIN", features.Linux!.Capabilities!);
    }

    [Fact]
    public void StateOfAMissingContainer()
    {
        using var root = new TempDir();
        var (code, stdout, stderr) = Cli.Run("--root", root.Path, "state", "nonexistent");
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal("berth-runtime: container \"nonexistent\" does not exist\n", stderr);
    }

    [Fact]
    public void StateWithAnInvalidId()
    {
        using var root = new TempDir();
        var (code, _, stderr) = Cli.Run("--root", root.Path, "state", "../x");
        Assert.Equal(1, code);
        Assert.Equal("berth-runtime: invalid container id \"../x\": use letters, digits and _ - . +\n", stderr);
    }

    [Fact]
    public void StateOfACreatingAndAStoppedContainer()
    {
        using var root = new TempDir();
        var store = new ContainerStore(root.Path);
        var created = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        store.Reserve("c1");
        store.Save(new ContainerRecord { Id = "c1", Bundle = "/b1", Rootfs = "/b1/rootfs", Pid = 0, Created = created, Owner = "root" });
        store.Reserve("c2");
        store.Save(new ContainerRecord { Id = "c2", Bundle = "/b2", Pid = int.MaxValue, PidStartTime = 1, Created = created.AddTicks(1234567) });

        var (code, stdout, stderr) = Cli.Run("--root", root.Path, "state", "c1");
        Assert.Equal((0, ""), (code, stderr));
        var s1 = JsonSerializer.Deserialize(stdout, OciJsonContext.Default.ContainerState)!;
        Assert.Equal(("c1", "creating", 0, "/b1", "/b1/rootfs", "root"), (s1.Id, s1.Status, s1.Pid, s1.Bundle, s1.Rootfs, s1.Owner));
        Assert.Equal(created, s1.Created);

        (code, stdout, _) = Cli.Run("--root", root.Path, "state", "c2");
        Assert.Equal(0, code);
        var s2 = JsonSerializer.Deserialize(stdout, OciJsonContext.Default.ContainerState)!;
        Assert.Equal(("c2", "stopped", 0), (s2.Id, s2.Status, s2.Pid));

        (code, stdout, _) = Cli.Run("--root", root.Path, "list", "-q");
        Assert.Equal((0, "c1\nc2\n"), (code, stdout));

        (code, stdout, _) = Cli.Run("--root", root.Path, "list", "--format", "json");
        Assert.Equal(0, code);
        var all = JsonSerializer.Deserialize(stdout, OciJsonContext.Default.ListContainerState)!;
        Assert.Equal(["c1:creating", "c2:stopped"], all.Select(s => s.Id + ":" + s.Status));

        (code, stdout, _) = Cli.Run("--root", root.Path, "list");
        Assert.Equal(0, code);
        Assert.Equal(
            "ID          PID         STATUS      BUNDLE      CREATED                        OWNER\n" +
            "c1          0           creating    /b1         2026-01-02T03:04:05Z           root\n" +
            "c2          0           stopped     /b2         2026-01-02T03:04:05.1234567Z\n",
            stdout);
    }

    [Fact]
    public void ListOfAnEmptyRoot()
    {
        using var root = new TempDir();
        Assert.Equal((0, "", ""), Cli.Run("--root", root["none"], "list", "-q"));
        Assert.Equal((0, "[]\n", ""), Cli.Run("--root", root["none"], "list", "-f", "json"));
        Assert.Equal((0, "ID          PID         STATUS      BUNDLE      CREATED     OWNER\n", ""), Cli.Run("--root", root["none"], "list"));
        var (code, _, stderr) = Cli.Run("--root", root["none"], "list", "--format", "yaml");
        Assert.Equal((1, "berth-runtime: invalid format option yaml\n"), (code, stderr));
    }

    [Theory]
    [InlineData(new[] { "bogus" }, "berth-runtime: no such command: bogus (see berth-runtime --help)")]
    [InlineData(new[] { "--bogus", "state", "x" }, "berth-runtime: flag provided but not defined: --bogus")]
    [InlineData(new[] { "state", "--bogus", "x" }, "berth-runtime: state: flag provided but not defined: -bogus")]
    [InlineData(new[] { "delete", "-x", "c1" }, "berth-runtime: delete: flag provided but not defined: -x")]
    [InlineData(new[] { "create", "c1", "--bundle" }, "berth-runtime: create: flag needs an argument: -bundle")]
    [InlineData(new[] { "state" }, "berth-runtime: \"state\" requires a container id")]
    [InlineData(new[] { "state", "a", "b" }, "berth-runtime: \"state\": unexpected argument b")]
    [InlineData(new[] { "kill", "c1", "NOTASIGNAL" }, "berth-runtime: invalid signal NOTASIGNAL")]
    [InlineData(new[] { "update", "--memory", "12x", "c1" }, "berth-runtime: update: invalid size \"12x\" for --memory")]
    [InlineData(new[] { "--log-format", "xml", "list" }, "berth-runtime: invalid log-format: xml")]
    [InlineData(new[] { "update", "--cpu-shares", "-5", "c1" }, "berth-runtime: update: invalid value \"-5\" for --cpu-shares: not a number from 0 to 18446744073709551615")]
    [InlineData(new[] { "update", "--blkio-weight", "70000", "c1" }, "berth-runtime: update: invalid value \"70000\" for --blkio-weight: not a number from 0 to 65535")]
    [InlineData(new[] { "update", "--pids-limit", "many", "c1" }, "berth-runtime: update: invalid value \"many\" for --pids-limit: not a number")]
    [InlineData(new[] { "create", "--preserve-fds", "-1", "c1" }, "berth-runtime: create: invalid value \"-1\" for --preserve-fds: not a number from 0 to 2147483647")]
    [InlineData(new[] { "exec", "--preserve-fds=-2", "c1", "ls" }, "berth-runtime: exec: invalid value \"-2\" for --preserve-fds: not a number from 0 to 2147483647")]
    [InlineData(new[] { "exec", "c1", "ls" }, "berth-runtime: container \"c1\" does not exist")]
    [InlineData(new[] { "exec", "-t", "../c1", "ls" }, "berth-runtime: invalid container id \"../c1\": use letters, digits and _ - . +")]
    [InlineData(new[] { "exec" }, "berth-runtime: \"exec\" requires a container id")]
    [InlineData(new[] { "--root=", "list" }, "berth-runtime: --root must not be empty")]
    [InlineData(new[] { "--log=", "list" }, "berth-runtime: --log must not be empty")]
    public void ErrorsAreOneLineOnStderr(string[] args, string message)
    {
        using var root = new TempDir();
        var (code, stdout, stderr) = Cli.Run([.. args[..0], "--root", root.Path, .. args]);
        Assert.Equal(1, code);
        Assert.Equal("", stdout);
        Assert.Equal(message + "\n", stderr);
    }

    [Fact]
    public void MissingGlobalFlagValue()
    {
        var (code, _, stderr) = Cli.Run("--root");
        Assert.Equal((1, "berth-runtime: flag needs an argument: --root\n"), (code, stderr));
    }

    [Fact]
    public void ErrorsAreLoggedAsJson()
    {
        using var dir = new TempDir();
        var log = dir["log.json"];
        var (code, _, stderr) = Cli.Run("--root", dir.Path, "--log", log, "--log-format=json", "state", "nope");
        Assert.Equal(1, code);
        Assert.Equal("berth-runtime: container \"nope\" does not exist\n", stderr);
        var line = Assert.Single(File.ReadAllLines(log));
        using var doc = JsonDocument.Parse(line);
        Assert.Equal("error", doc.RootElement.GetProperty("level").GetString());
        Assert.Equal("container \"nope\" does not exist", doc.RootElement.GetProperty("msg").GetString());
        Assert.True(DateTimeOffset.TryParse(doc.RootElement.GetProperty("time").GetString(), out _));
    }

    [Fact]
    public void ErrorsAreLoggedAsText()
    {
        using var dir = new TempDir();
        var log = dir["log.txt"];
        Assert.Equal(1, Cli.Run("--root", dir.Path, "--log", log, "state", "nope").Code);
        var line = Assert.Single(File.ReadAllLines(log));
        Assert.Matches("^time=\"[0-9T:.Z-]+\" level=error msg=\"container \\\\\"nope\\\\\" does not exist\"$", line);
    }

    [Fact]
    public void TextLogIsOneLinePerMessage()
    {
        using var dir = new TempDir();
        var log = dir["log.txt"];
        Assert.Equal(1, Cli.Run("--root", dir.Path, "--log", log, "state", "a\\b\nc").Code);
        var line = Assert.Single(File.ReadAllLines(log));
        Assert.EndsWith(" level=error msg=\"invalid container id \\\"a\\\\b\\nc\\\": use letters, digits and _ - . +\"", line);
    }
}
