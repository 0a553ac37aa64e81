using System.Text.Json;
using Berth.Core;

namespace Berth.Runtime.Init;

/// <summary>The entry of `berth-runtime init`: reads the request from fd 3 and reports any failure back on it.</summary>
public static class InitMain
{
    public static int Run(string[] args)
    {
        var fd = args.Length > 1 && int.TryParse(args[1], out var n) && n > 2 ? n : InitChannel.ChildFd(0);
        var channel = new InitChannel(fd);
        Linux.Fd.SetCloseOnExec(fd, true);
        try
        {
            var request = channel.Receive(RuntimeJsonContext.Default.InitRequest)
                ?? throw new BerthException(ErrorKind.Unknown, "init: no request on the init channel");
            if (request.Mode == "exec") new ExecInit(channel, request).Run();
            else new ContainerInit(channel, request).Run();
            return 0; // not reached: Run ends in exec
        }
        catch (Exception e)
        {
            var message = e is BerthException or JsonException ? e.Message : $"init: {e.GetType().Name}: {e.Message}";
            try { channel.Send(InitMessage.Of(InitMessage.Error, message)); }
            catch (Exception) { Console.Error.WriteLine("berth-runtime init: " + message); }
            return 1;
        }
    }
}
