using System.Text.Json;

namespace Berth.Runtime.Cli;

/// <summary>What every command gets: the state root, the runtime and the log (runc's --log/--log-format).</summary>
public sealed class CliContext
{
    public CliContext(string root, string? logFile, string logFormat)
    {
        Root = root;
        LogFile = logFile;
        LogFormat = logFormat;
        Runtime = new ContainerRuntime(root, Warn);
    }

    public string Root { get; }
    public string? LogFile { get; }
    public string LogFormat { get; }
    public ContainerRuntime Runtime { get; }

    public void Warn(string message) => Log("warning", message, toStderr: true);

    public void Error(string message) => Log("error", message, toStderr: true);

    void Log(string level, string message, bool toStderr)
    {
        if (toStderr) Console.Error.WriteLine(level == "error" ? $"berth-runtime: {message}" : $"berth-runtime: {level}: {message}");
        if (LogFile is null) return;
        try
        {
            var time = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ");
            string line;
            if (LogFormat == "json")
            {
                using var ms = new MemoryStream();
                using (var w = new Utf8JsonWriter(ms))
                {
                    w.WriteStartObject();
                    w.WriteString("level", level);
                    w.WriteString("msg", message);
                    w.WriteString("time", time);
                    w.WriteEndObject();
                }
                line = System.Text.Encoding.UTF8.GetString(ms.ToArray());
            }
            else line = $"time=\"{time}\" level={level} msg={Quote(message)}";
            File.AppendAllText(LogFile, line + "\n");
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    /// <summary>A double-quoted value as logrus' text format writes it (Go's %q): one line whatever the message holds.</summary>
    public static string Quote(string s)
    {
        var b = new System.Text.StringBuilder(s.Length + 2).Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': b.Append("\\\""); break;
                case '\\': b.Append("\\\\"); break;
                case '\n': b.Append("\\n"); break;
                case '\r': b.Append("\\r"); break;
                case '\t': b.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) b.Append("\\x").Append(((int)c).ToString("x2"));
                    else b.Append(c);
                    break;
            }
        }
        return b.Append('"').ToString();
    }
}
