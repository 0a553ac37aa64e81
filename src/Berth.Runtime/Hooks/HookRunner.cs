using System.Diagnostics;
using System.Text.Json;
using Berth.Core;
using Berth.Oci;

namespace Berth.Runtime.Hooks;

/// <summary>Runs OCI hooks: the state on stdin, the hook's own args and env, killed at its timeout.</summary>
public static class HookRunner
{
    public static void Run(string phase, IEnumerable<Hook>? hooks, ContainerState state)
    {
        foreach (var hook in hooks ?? []) RunOne(phase, hook, state);
    }

    /// <summary>Poststop hooks: failures are warnings, every hook runs.</summary>
    public static IReadOnlyList<string> RunAll(string phase, IEnumerable<Hook>? hooks, ContainerState state)
    {
        var warnings = new List<string>();
        foreach (var hook in hooks ?? [])
        {
            try { RunOne(phase, hook, state); }
            catch (BerthException e) { warnings.Add(e.Message); }
        }
        return warnings;
    }

    static void RunOne(string phase, Hook hook, ContainerState state)
    {
        var psi = new ProcessStartInfo(hook.Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // args[0] is the hook's argv[0]; .NET always passes the path there.
        foreach (var a in (hook.Args ?? []).Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment.Clear();
        foreach (var e in hook.Env ?? [])
        {
            var eq = e.IndexOf('=');
            if (eq > 0) psi.Environment[e[..eq]] = e[(eq + 1)..];
        }

        Process p;
        try { p = Process.Start(psi)!; }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            throw new BerthException(ErrorKind.FailedPrecondition, $"{phase} hook {hook.Path}: {e.Message}");
        }
        using (p)
        {
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            try
            {
                p.StandardInput.Write(JsonSerializer.Serialize(state, OciJsonContext.Default.ContainerState));
                p.StandardInput.Close();
            }
            catch (IOException) { /* the hook need not read its stdin */ }
            var timeout = hook.Timeout is > 0 ? hook.Timeout.Value * 1000 : -1;
            if (!p.WaitForExit(timeout))
            {
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.WaitForExit();
                throw new BerthException(ErrorKind.FailedPrecondition, $"{phase} hook {hook.Path}: timed out after {hook.Timeout}s");
            }
            p.WaitForExit();
            if (p.ExitCode != 0)
            {
                var err = (stderr.Result.Trim() is { Length: > 0 } s ? s : stdout.Result.Trim()).ReplaceLineEndings(" ");
                throw new BerthException(ErrorKind.FailedPrecondition, $"{phase} hook {hook.Path}: exit status {p.ExitCode}{(err.Length > 0 ? ": " + err : "")}");
            }
        }
    }
}
