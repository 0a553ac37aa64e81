namespace Berth.Cgroups.Tests;

/// <summary>A temporary directory laid out like a cgroup hierarchy, with fixture files; removed on Dispose.</summary>
public sealed class TempTree : IDisposable
{
    public TempTree() => Root = Directory.CreateTempSubdirectory("berth-cgroups-").FullName;

    public string Root { get; }

    public string Dir(string relative)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Creates relative/file for each (file, content) pair.</summary>
    public string Files(string relative, params (string File, string Content)[] files)
    {
        var dir = Dir(relative);
        foreach (var (file, content) in files) File.WriteAllText(Path.Combine(dir, file), content);
        return dir;
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Root, relative));

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
