namespace Berth.Testing;

/// <summary>Locates the repository (the directory holding Berth.slnx) from the test assembly's directory.</summary>
public static class Repo
{
    static readonly Lazy<string> RootPath = new(Find);

    /// <summary>The repository root; throws when the tests do not run from inside a Berth checkout.</summary>
    public static string Root => RootPath.Value;

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Berth.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Berth.slnx above {AppContext.BaseDirectory}: run the tests from a Berth checkout");
    }
}
