using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>Broken bundles and unknown containers: a non-zero exit and a message, never a container.</summary>
public sealed class ErrorTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Bundle_without_config_is_refused(string runtime)
    {
        using var s = new Sandbox(runtime, "noconfig");
        var r = s.Create();
        Assert.True(r.ExitCode != 0, $"create without config.json should fail:\n{r}");
        Assert.False(string.IsNullOrWhiteSpace(r.Stderr + r.Stdout), $"no error message:\n{r}");
        Assert.True(s.Cli("state", s.Id).ExitCode != 0, "a container exists after a failed create");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun, Skip = "crun 1.8 accepts \"args\": \"sh\" (its yajl parser ignores a wrong-typed args) and creates the container")]
    public void Args_of_the_wrong_type_are_refused(string runtime)
    {
        using var s = new Sandbox(runtime, "badargs");
        s.Config["process"]!["args"] = "sh";
        s.WriteConfig();
        var r = s.Create();
        Assert.True(r.ExitCode != 0, $"create with \"args\": \"sh\" should fail:\n{r}");
        Assert.False(string.IsNullOrWhiteSpace(r.Stderr + r.Stdout), $"no error message:\n{r}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Invalid_json_is_refused(string runtime)
    {
        using var s = new Sandbox(runtime, "badjson");
        File.WriteAllText(Path.Combine(s.Bundle, "config.json"), "{\"ociVersion\": \"1.0.2\", \"process\": ");
        var r = s.Create();
        Assert.True(r.ExitCode != 0, $"create with truncated JSON should fail:\n{r}");
        Assert.False(string.IsNullOrWhiteSpace(r.Stderr + r.Stdout), $"no error message:\n{r}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Missing_executable_fails_the_run(string runtime)
    {
        using var s = new Sandbox(runtime, "noexe");
        s.Args("/no/such/program").WriteConfig();
        var r = s.Run();
        Assert.True(r.ExitCode != 0 && !r.TimedOut, $"run of a missing program should fail:\n{r}");
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Unknown_container_is_an_error(string runtime)
    {
        using var s = new Sandbox(runtime, "unknown");
        foreach (var args in new[] { new[] { "state", s.Id }, ["start", s.Id], ["kill", s.Id, "KILL"], ["delete", s.Id] })
        {
            var r = s.Cli(args);
            Assert.True(r.ExitCode != 0, $"{args[0]} of an unknown container should fail:\n{r}");
        }
    }

    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void Duplicate_id_is_refused(string runtime)
    {
        using var s = new Sandbox(runtime, "dupid");
        s.Args("sleep", "60").WriteConfig();
        Assert.True(s.Create().Succeeded);
        var again = s.Create();
        Assert.True(again.ExitCode != 0, $"a second create with the same id should fail:\n{again}");
        Assert.Equal("created", s.Status());
    }
}
