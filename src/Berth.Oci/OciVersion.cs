namespace Berth.Oci;

/// <summary>A parsed ociVersion (SemVer 2.0: MAJOR.MINOR.PATCH[-pre][+build]).</summary>
internal readonly record struct OciVersion(int Major, int Minor, int Patch, string PreRelease) : IComparable<OciVersion>
{
    public static bool TryParse(string? text, out OciVersion version)
    {
        version = default;
        if (string.IsNullOrEmpty(text)) return false;
        var core = text;
        var plus = core.IndexOf('+');
        if (plus >= 0) core = core[..plus];
        var pre = "";
        var dash = core.IndexOf('-');
        if (dash >= 0) { pre = core[(dash + 1)..]; core = core[..dash]; if (pre.Length == 0) return false; }
        var parts = core.Split('.');
        if (parts.Length != 3) return false;
        var numbers = new int[3];
        for (var i = 0; i < 3; i++)
        {
            if (parts[i].Length == 0 || !parts[i].All(char.IsAsciiDigit) || !int.TryParse(parts[i], out numbers[i])) return false;
        }
        version = new OciVersion(numbers[0], numbers[1], numbers[2], pre);
        return true;
    }

    /// <summary>SemVer precedence, simplified: a pre-release sorts before its release; pre-releases compare ordinally.</summary>
    public int CompareTo(OciVersion other)
    {
        var c = Major.CompareTo(other.Major);
        if (c == 0) c = Minor.CompareTo(other.Minor);
        if (c == 0) c = Patch.CompareTo(other.Patch);
        if (c != 0) return c;
        if (PreRelease.Length == 0) return other.PreRelease.Length == 0 ? 0 : 1;
        if (other.PreRelease.Length == 0) return -1;
        return string.CompareOrdinal(PreRelease, other.PreRelease);
    }

    public override string ToString() => PreRelease.Length == 0 ? $"{Major}.{Minor}.{Patch}" : $"{Major}.{Minor}.{Patch}-{PreRelease}";
}
