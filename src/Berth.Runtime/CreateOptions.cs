namespace Berth.Runtime;

public sealed record CreateOptions(string Id, string Bundle, string? PidFile = null, string? ConsoleSocket = null, int PreserveFds = 0);

public sealed record ExecOptions(string Id, Oci.SpecProcess Process, string? PidFile = null, string? ConsoleSocket = null,
    int PreserveFds = 0, bool Detach = false);
