namespace Berth.Testing;

/// <summary>A fresh directory under the system temp directory, removed (recursively, best effort) on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "berth-test")
    {
        PathName = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string PathName { get; }

    public string Path(params string[] parts) => System.IO.Path.Combine([PathName, .. parts]);

    public override string ToString() => PathName;

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(PathName))
            {
                Directory.Delete(PathName, recursive: true);
            }
        }
        catch (IOException)
        {
            // Something may still be mounted or busy; a leftover temp dir must not fail the test.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
