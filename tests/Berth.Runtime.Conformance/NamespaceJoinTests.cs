using System.Text.Json.Nodes;
using Berth.Testing;

namespace Berth.Runtime.Conformance;

/// <summary>linux.namespaces entries with a path: the container joins an existing namespace instead of a new one.</summary>
public sealed class NamespaceJoinTests
{
    [RootTheory]
    [InlineData(RuntimeUnderTest.Berth)]
    [InlineData(RuntimeUnderTest.Runc)]
    [InlineData(RuntimeUnderTest.Crun)]
    public void A_container_joins_another_containers_network_and_uts_namespaces(string runtime)
    {
        using var s = new Sandbox(runtime, "nsjoin");
        s.Shell("sleep 30").WriteConfig();
        var first = s.CreateAndStart();
        var net = new FileInfo($"/proc/{first}/ns/net").LinkTarget ?? "";
        var uts = new FileInfo($"/proc/{first}/ns/uts").LinkTarget ?? "";

        var second = s.NewId("nsjoin2");
        var namespaces = s.Config["linux"]!["namespaces"]!.AsArray();
        foreach (var ns in namespaces.OfType<JsonObject>())
        {
            if (ns["type"]!.GetValue<string>() == "network") ns["path"] = $"/proc/{first}/ns/net";
            if (ns["type"]!.GetValue<string>() == "uts") ns["path"] = $"/proc/{first}/ns/uts";
        }
        s.Config.Remove("hostname"); // the joined uts namespace keeps its own
        s.Shell("readlink /proc/self/ns/net; readlink /proc/self/ns/uts; hostname").WriteConfig();
        var r = s.Run(second);
        Assert.True(r.Succeeded, r.ToString());
        Assert.Equal([net, uts, "conformance"], r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
