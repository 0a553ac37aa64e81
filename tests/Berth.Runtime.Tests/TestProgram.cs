namespace Berth.Runtime.Tests;

/// <summary>
/// Entry point when a test starts this assembly as a child process, for work that must not happen in the
/// test host (e.g. installing a seccomp filter). xunit never calls it.
/// </summary>
static class TestProgram
{
    static int Main(string[] args) => args switch
    {
        ["seccomp-child", .. var rest] => Seccomp.SeccompChild.Run(rest),
        ["runtime-child", .. var rest] => State.RuntimeChild.Run(rest),
        _ => 2,
    };
}
