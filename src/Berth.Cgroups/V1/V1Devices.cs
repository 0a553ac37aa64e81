using Berth.Cgroups.Internal;
using Berth.Core;
using Berth.Oci;

namespace Berth.Cgroups.V1;

/// <summary>The v1 devices controller: each OCI rule, in order, as "type major:minor access" into devices.allow or devices.deny.</summary>
internal sealed class V1Devices(string dir)
{
    public const string Allow = "devices.allow", Deny = "devices.deny";

    public void Apply(IEnumerable<LinuxDeviceCgroup> rules)
    {
        foreach (var rule in rules) CgroupFile.Write(dir, rule.Allow ? Allow : Deny, Format(rule));
    }

    /// <summary>type defaults to "a", a missing or negative major/minor to "*", access to "rwm".</summary>
    public static string Format(LinuxDeviceCgroup rule)
    {
        var type = string.IsNullOrEmpty(rule.Type) ? "a" : rule.Type;
        if (type is not ("a" or "b" or "c")) throw BerthException.Invalid($"device rule: invalid type \"{type}\" (a, b or c)");
        var access = string.IsNullOrEmpty(rule.Access) ? "rwm" : rule.Access;
        if (access.Any(ch => ch is not ('r' or 'w' or 'm')) || access.Distinct().Count() != access.Length)
            throw BerthException.Invalid($"device rule: invalid access \"{access}\" (a combination of r, w, m)");
        return $"{type} {Number(rule.Major)}:{Number(rule.Minor)} {access}";
    }

    static string Number(long? n) => n is { } v && v >= 0 ? CgroupFile.Format(v) : "*";
}
