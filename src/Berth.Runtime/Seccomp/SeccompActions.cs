using Berth.Core;
using Berth.Linux;

namespace Berth.Runtime.Seccomp;

/// <summary>OCI/libseccomp action names to SECCOMP_RET_* values, with runc's errnoRet rules.</summary>
static class SeccompActions
{
    const uint DefaultErrno = 1; // EPERM, for SCMP_ACT_ERRNO and SCMP_ACT_TRACE without errnoRet

    /// <summary>The filter return value for <paramref name="action"/>; <paramref name="where"/> prefixes errors.</summary>
    public static uint Parse(string? action, uint? errnoRet, string where, string errnoField = "errnoRet")
    {
        uint ret = action switch
        {
            null or "" => throw BerthException.Invalid($"{where}: the action is missing"),
            "SCMP_ACT_KILL" or "SCMP_ACT_KILL_THREAD" => SeccompRet.KillThread,
            "SCMP_ACT_KILL_PROCESS" => SeccompRet.KillProcess,
            "SCMP_ACT_TRAP" => SeccompRet.Trap,
            "SCMP_ACT_ERRNO" => SeccompRet.Errno,
            "SCMP_ACT_TRACE" => SeccompRet.Trace,
            "SCMP_ACT_ALLOW" => SeccompRet.Allow,
            "SCMP_ACT_LOG" => SeccompRet.Log,
            "SCMP_ACT_NOTIFY" => throw BerthException.Invalid(
                $"{where}: SCMP_ACT_NOTIFY is not supported by berth (no seccomp user notification)"),
            _ => throw BerthException.Invalid($"{where}: unknown seccomp action \"{action}\""),
        };
        if (ret is SeccompRet.Errno or SeccompRet.Trace)
        {
            uint data = errnoRet ?? DefaultErrno;
            if (data > SeccompRet.DataMask)
                throw BerthException.Invalid($"{where}: {errnoField} {data} does not fit in 16 bits");
            return ret | data;
        }
        if (errnoRet is not null)
            throw BerthException.Invalid($"{where}: {errnoField} is only valid with SCMP_ACT_ERRNO or SCMP_ACT_TRACE, not {action}");
        return ret;
    }
}
