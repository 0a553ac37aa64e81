namespace Berth.Runtime.Cli;

/// <summary>runc's command grammar (placeholder until the commands land).</summary>
public static class RuntimeCommandLine
{
    public static int Run(string[] args)
    {
        Console.Error.WriteLine("berth-runtime: not built yet");
        return 1;
    }
}
