namespace Berth.Runtime.Cli;

/// <summary>
/// Left-aligned columns like Go's tabwriter as runc's list sets it up (minwidth 12, padding 3): every column but
/// the last is as wide as its widest cell plus three spaces, and at least 12.
/// </summary>
public static class Table
{
    const int MinWidth = 12, Padding = 3;

    public static void Write(IReadOnlyList<string[]> rows) => Write(rows, Console.Out);

    public static void Write(IReadOnlyList<string[]> rows, TextWriter output)
    {
        if (rows.Count == 0) return;
        var widths = new int[rows.Max(r => r.Length)];
        foreach (var r in rows)
            for (int i = 0; i < r.Length; i++) widths[i] = Math.Max(widths[i], Math.Max(r[i].Length + Padding, MinWidth));
        foreach (var r in rows)
            output.WriteLine(string.Join("", r.Select((c, i) => i == r.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
    }
}
