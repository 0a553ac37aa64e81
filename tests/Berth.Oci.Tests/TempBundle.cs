namespace Berth.Oci.Tests;

/// <summary>A temporary bundle directory with an empty rootfs/ directory; deleted on dispose.</summary>
internal sealed class TempBundle : IDisposable
{
    public TempBundle()
    {
        Dir = Path.Combine(Path.GetTempPath(), "berth-oci-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(Dir, "rootfs"));
    }

    public string Dir { get; }

    public string Rootfs => Path.Combine(Dir, "rootfs");

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
