namespace Berth.Architecture.Tests;

public sealed class LayeringTests
{
    [Fact]
    public void EverySourceProjectHasARow()
    {
        var projects = SourceProjects();
        Assert.NotEmpty(projects);
        var missing = projects.Where(p => !LayerTable.Allowed.ContainsKey(p.AssemblyName))
            .Select(p => $"{p.ProjectPath} (assembly {p.AssemblyName}) is not in LayerTable.Allowed: decide what it may depend on");
        Assert.Empty(missing);
    }

    [Fact]
    public void EveryRowIsASourceProject()
    {
        var names = SourceProjects().Select(p => p.AssemblyName).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(LayerTable.Allowed.Keys.Where(k => !names.Contains(k)).Select(k => $"LayerTable row {k} has no project under src/"));
        Assert.Empty(LayerTable.Allowed.Values.SelectMany(v => v).Where(k => !LayerTable.Allowed.ContainsKey(k)).Select(k => $"LayerTable allows {k}, which has no row"));
    }

    [Fact]
    public void TheTableHasNoCycles()
    {
        foreach (var name in LayerTable.Allowed.Keys)
            Assert.False(LayerTable.Closure(name).Contains(name), $"{name} may (transitively) depend on itself");
    }

    [Fact]
    public void ProjectReferencesFollowTheTable()
    {
        var violations = new List<string>();
        foreach (var p in SourceProjects().Where(p => LayerTable.Allowed.ContainsKey(p.AssemblyName)))
        {
            var allowed = LayerTable.Closure(p.AssemblyName);
            violations.AddRange(p.ProjectReferences.Where(r => !allowed.Contains(r)).Select(r => $"{p.ProjectPath} references {r}"));
        }
        Assert.Empty(violations);
    }

    [Fact]
    public void CompiledReferencesFollowTheTable()
    {
        var violations = new List<string>();
        foreach (var name in LayerTable.Allowed.Keys)
        {
            var allowed = LayerTable.Closure(name);
            var built = BuiltAssembly.Read(name);
            violations.AddRange(built.References.Where(LayerTable.IsOurs).Where(r => !allowed.Contains(r)).Select(r => $"{name} references {r}"));
        }
        Assert.Empty(violations);
    }

    // The table's assemblies are all in this test's output, so the metadata checks see every one of them.
    [Fact]
    public void EveryRowIsBuiltBesideTheTests()
    {
        var missing = LayerTable.Allowed.Keys.Where(n => !File.Exists(BuiltAssembly.PathOf(n)))
            .Select(n => $"{n}.dll is not in {AppContext.BaseDirectory}: reference its project from Berth.Architecture.Tests.csproj");
        Assert.Empty(missing);
    }

    // ...and nothing of ours is there that the table does not know (tests and test helpers aside).
    [Fact]
    public void NoUnknownAssemblyOfOursIsBuilt()
    {
        var unknown = Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Where(LayerTable.IsOurs)
            .Where(n => !LayerTable.Allowed.ContainsKey(n) && !IsTestAssembly(n))
            .Select(n => $"{n}.dll is not in LayerTable.Allowed");
        Assert.Empty(unknown);
    }

    [Fact]
    public void TheDependencyRulesAreTheOnesAgreed()
    {
        Assert.Equal(["Berth.Core"], LayerTable.Closure("Berth.Oci").Order());
        Assert.Equal(["Berth.Core"], LayerTable.Closure("Berth.Linux").Order());
        Assert.Equal(["Berth.Core", "Berth.Linux", "Berth.Oci"], LayerTable.Closure("Berth.Cgroups").Order());
        Assert.DoesNotContain("Berth.Linux", LayerTable.Closure("Berth.Oci"));
        Assert.DoesNotContain("Berth.Runtime", LayerTable.Closure("Berth.Cgroups"));
        Assert.Contains("Berth.Runtime", LayerTable.Closure("berth-runtime"));
    }

    static bool IsTestAssembly(string name) =>
        name.EndsWith(".Tests", StringComparison.Ordinal) || name is "Berth.Testing" || name.StartsWith("Berth.Runtime.Conformance", StringComparison.Ordinal);

    static IReadOnlyList<SourceProject> SourceProjects() => SourceProject.All;
}
