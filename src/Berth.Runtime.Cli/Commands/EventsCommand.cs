using Berth.Core;

namespace Berth.Runtime.Cli.Commands;

public static class EventsCommand
{
    public static int Run(CliContext ctx, string[] args) =>
        throw new BerthException(ErrorKind.NotImplemented, "events: not yet");
}
