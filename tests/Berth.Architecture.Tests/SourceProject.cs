using System.Xml.Linq;

namespace Berth.Architecture.Tests;

/// <summary>The projects under src/ as their .csproj files declare them.</summary>
internal sealed record SourceProject(string ProjectPath, string AssemblyName, IReadOnlyList<string> ProjectReferences)
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static IReadOnlyList<SourceProject> All { get; } = Load();

    static IReadOnlyList<SourceProject> Load()
    {
        var files = Directory.GetFiles(Path.Combine(RepoRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var names = files.ToDictionary(Path.GetFullPath, AssemblyNameOf);
        return files.Select(f =>
        {
            var refs = XDocument.Load(f).Descendants("ProjectReference")
                .Select(r => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(f)!, (string)r.Attribute("Include")!)))
                .Select(p => names.TryGetValue(p, out var n) ? n : "(outside src/) " + Path.GetRelativePath(RepoRoot, p))
                .ToList();
            return new SourceProject(Path.GetRelativePath(RepoRoot, f), names[Path.GetFullPath(f)], refs);
        }).ToList();
    }

    static string AssemblyNameOf(string csproj) =>
        XDocument.Load(csproj).Descendants("AssemblyName").Select(e => e.Value.Trim()).LastOrDefault(v => v.Length > 0)
            ?? Path.GetFileNameWithoutExtension(csproj);

    static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Berth.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}");
    }
}
