namespace Berth.Testing;

/// <summary>
/// The shared corpora at ../shared beside the repository (CI always has it). Tests that need it use
/// <see cref="CorpusFactAttribute"/> / <see cref="CorpusTheoryAttribute"/>, which skip with a clear message where it is absent.
/// </summary>
public static class Corpus
{
    static readonly Lazy<string?> SharedPath = new(Find);

    /// <summary>The ../shared directory, or null when it is absent.</summary>
    public static string? Shared => SharedPath.Value;

    public static bool IsPresent => Shared is not null;

    public static string AbsentReason =>
        $"the shared corpus is absent: expected ../shared beside the repository ({TryRepoRoot() ?? "repository not found"})";

    /// <summary>A path inside ../shared, e.g. Corpus.Path("corpus", "dockerfile-parser").</summary>
    public static string Path(params string[] parts) =>
        Shared is { } shared ? System.IO.Path.Combine([shared, .. parts]) : throw new InvalidOperationException(AbsentReason);

    static string? Find()
    {
        var root = TryRepoRoot();
        if (root is null)
        {
            return null;
        }
        var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(root, "..", "shared"));
        return Directory.Exists(shared) ? shared : null;
    }

    static string? TryRepoRoot()
    {
        try
        {
            return Repo.Root;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}

/// <summary>A fact that needs ../shared and is skipped with a message where it is absent.</summary>
public sealed class CorpusFactAttribute : FactAttribute
{
    public CorpusFactAttribute()
    {
        if (!Corpus.IsPresent)
        {
            Skip = Corpus.AbsentReason;
        }
    }
}

/// <summary>A theory that needs ../shared and is skipped with a message where it is absent.</summary>
public sealed class CorpusTheoryAttribute : TheoryAttribute
{
    public CorpusTheoryAttribute()
    {
        if (!Corpus.IsPresent)
        {
            Skip = Corpus.AbsentReason;
        }
    }
}
