using System.Text.Json;
using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.State;

/// <summary>
/// The runtime's state directory: ROOT/ID/ holds state.json (ContainerRecord), config.json (the spec as it was
/// at create time, so a changed bundle cannot change a running container) and exec.fifo until `start`.
/// </summary>
public sealed class ContainerStore(string root)
{
    public string Root { get; } = root;

    public string Dir(string id) => Path.Combine(Root, id);
    public string StatePath(string id) => Path.Combine(Dir(id), "state.json");
    public string ConfigPath(string id) => Path.Combine(Dir(id), "config.json");
    public string FifoPath(string id) => Path.Combine(Dir(id), "exec.fifo");

    public static void ValidateId(string id)
    {
        if (id.Length == 0 || id.Length > 1024 || id is "." or ".." ||
            !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '+'))
            throw BerthException.Invalid($"invalid container id {Quote(id)}: use letters, digits and _ - . +");
    }

    /// <summary>Makes the container's directory; fails if a container with this id exists.</summary>
    public void Reserve(string id)
    {
        ValidateId(id);
        Directory.CreateDirectory(Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try { Directory.CreateDirectory(Dir(id)); }
        catch (IOException e) { throw new BerthException(ErrorKind.Unknown, $"{Dir(id)}: {e.Message}"); }
        if (File.Exists(StatePath(id)) || Directory.EnumerateFileSystemEntries(Dir(id)).Any())
            throw BerthException.Exists($"container with id {Quote(id)} already exists");
        // O_EXCL on a marker decides between two creates of the same id racing past the check above.
        try { new FileStream(Path.Combine(Dir(id), ".reserved"), FileMode.CreateNew, FileAccess.Write).Dispose(); }
        catch (IOException) when (File.Exists(Path.Combine(Dir(id), ".reserved")))
        {
            throw BerthException.Exists($"container with id {Quote(id)} already exists");
        }
    }

    public bool Exists(string id) => File.Exists(StatePath(id));

    public ContainerRecord Load(string id)
    {
        ValidateId(id);
        byte[] bytes;
        try { bytes = File.ReadAllBytes(StatePath(id)); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw BerthException.NotFound($"container {Quote(id)} does not exist");
        }
        ContainerRecord? record;
        try { record = JsonSerializer.Deserialize(bytes, RuntimeJsonContext.Default.ContainerRecord); }
        catch (JsonException e) { throw new BerthException(ErrorKind.Unknown, $"{StatePath(id)}: corrupt state: {e.Message}"); }
        return record ?? throw new BerthException(ErrorKind.Unknown, $"{StatePath(id)}: corrupt state: the document is null");
    }

    public RuntimeSpec LoadConfig(string id) => OciJson.ReadSpec(ConfigPath(id));

    /// <summary>Writes state.json atomically (temp file, rename). No fsync: like runc's, the state root is volatile (/run).</summary>
    public void Save(ContainerRecord record)
    {
        var path = StatePath(record.Id);
        var tmp = path + ".tmp";
        using (var f = new FileStream(tmp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(f, record, RuntimeJsonContext.Default.ContainerRecord);
        }
        File.Move(tmp, path, overwrite: true);
    }

    public void SaveConfig(string id, RuntimeSpec spec)
    {
        using var f = new FileStream(ConfigPath(id), FileMode.Create, FileAccess.Write);
        JsonSerializer.Serialize(f, spec, OciJsonContext.Default.RuntimeSpec);
    }

    public IEnumerable<string> Ids() =>
        Directory.Exists(Root)
            ? Directory.EnumerateDirectories(Root).Select(Path.GetFileName).OfType<string>()
                .Where(id => File.Exists(StatePath(id))).Order(StringComparer.Ordinal)
            : [];

    public void Remove(string id)
    {
        try { Directory.Delete(Dir(id), recursive: true); }
        catch (DirectoryNotFoundException) { /* removed by a concurrent delete */ }
    }

    string ClaimPath(string id) => Path.Combine(Dir(id), "state.json.deleting");

    /// <summary>
    /// Takes the container for deletion by renaming its state.json (atomic): of concurrent deletes, one wins;
    /// the others see the container gone. False when another delete got it first (or it never existed).
    /// </summary>
    public bool TryClaimForDelete(string id)
    {
        try
        {
            File.Move(StatePath(id), ClaimPath(id));
            return true;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return false; }
    }

    /// <summary>The directory of a create that died before writing any state, unless a delete is working on it.</summary>
    public void RemoveAbandoned(string id)
    {
        if (!File.Exists(ClaimPath(id))) Remove(id);
    }

    static string Quote(string s) => "\"" + s + "\"";
}
