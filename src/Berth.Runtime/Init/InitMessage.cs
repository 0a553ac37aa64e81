namespace Berth.Runtime.Init;

/// <summary>One step of the init protocol, in either direction.</summary>
public sealed class InitMessage
{
    public const string RunHooks = "hooks";   // init → parent: run prestart and createRuntime hooks now
    public const string Continue = "continue"; // parent → init: hooks done
    public const string Ready = "ready";       // init → parent: set up, waiting for start (create) / about to exec (exec)
    public const string Error = "error";       // init → parent: setup failed; Message says where and why
    public const string Warning = "warning";   // init → parent: something to tell the user, setup goes on

    public string Type { get; set; } = "";
    public string? Message { get; set; }
    public int Pid { get; set; }

    public static InitMessage Of(string type, string? message = null) => new() { Type = type, Message = message };
}
