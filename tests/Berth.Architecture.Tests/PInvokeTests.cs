namespace Berth.Architecture.Tests;

public sealed class PInvokeTests
{
    [Fact]
    public void OnlyBerthLinuxDeclaresPInvokes()
    {
        var violations = LayerTable.Allowed.Keys
            .Where(n => !LayerTable.MayPInvoke.Contains(n))
            .SelectMany(n => BuiltAssembly.Read(n).PInvokes.Select(p => $"{n}: {p}"));
        Assert.Empty(violations);
    }

    [Fact]
    public void OnlyBerthLinuxLoadsNativeLibraries()
    {
        var violations = LayerTable.Allowed.Keys
            .Where(n => !LayerTable.MayPInvoke.Contains(n))
            .SelectMany(n => BuiltAssembly.Read(n).NativeLibraryUses.Select(p => $"{n}: uses {p}"));
        Assert.Empty(violations);
    }

    // The scan is not vacuous: it finds the imports Berth.Linux does declare (LibraryImport's generated stubs included).
    [Fact]
    public void TheScanSeesBerthLinuxImports()
    {
        var imports = BuiltAssembly.Read("Berth.Linux").PInvokes;
        Assert.Contains(imports, p => p.EndsWith("libc!open", StringComparison.Ordinal));
        Assert.Contains(imports, p => p.EndsWith("libc!strerror", StringComparison.Ordinal));
    }
}
