namespace Berth.Runtime.Cli;

public static class Program
{
    public static int Main(string[] args) => RuntimeCommandLine.Run(args);
}
