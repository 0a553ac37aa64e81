namespace Berth.Runtime.Cli;

/// <summary>Left-aligned columns separated by at least three spaces, like Go's tabwriter as runc uses it.</summary>
public static class Table
{
    public static void Write(IReadOnlyList<string[]> rows)
    {
        if (rows.Count == 0) return;
        var widths = new int[rows[0].Length];
        foreach (var r in rows)
            for (int i = 0; i < r.Length; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        foreach (var r in rows)
            Console.WriteLine(string.Join("", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i] + 3))).TrimEnd());
    }
}
