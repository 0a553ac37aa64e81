using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace Berth.Architecture.Tests;

/// <summary>What the compiled assembly (beside this test, in its output folder) references and declares, read as metadata.</summary>
internal sealed class BuiltAssembly
{
    BuiltAssembly(string path, IReadOnlyList<string> references, IReadOnlyList<string> pinvokes, IReadOnlyList<string> nativeLibraryUses)
    {
        Path = path;
        References = references;
        PInvokes = pinvokes;
        NativeLibraryUses = nativeLibraryUses;
    }

    public string Path { get; }

    /// <summary>Names of the referenced assemblies.</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>"Type.Method -> library!entry" for every method with the pinvokeimpl flag (DllImport, and LibraryImport's generated stubs).</summary>
    public IReadOnlyList<string> PInvokes { get; }

    /// <summary>References to System.Runtime.InteropServices.NativeLibrary (the other way to call native code).</summary>
    public IReadOnlyList<string> NativeLibraryUses { get; }

    public static string PathOf(string assemblyName) => System.IO.Path.Combine(AppContext.BaseDirectory, assemblyName + ".dll");

    public static BuiltAssembly Read(string assemblyName)
    {
        var path = PathOf(assemblyName);
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();

        var references = md.AssemblyReferences.Select(h => md.GetString(md.GetAssemblyReference(h).Name)).ToList();

        var pinvokes = new List<string>();
        foreach (var th in md.TypeDefinitions)
        {
            var type = md.GetTypeDefinition(th);
            foreach (var mh in type.GetMethods())
            {
                var method = md.GetMethodDefinition(mh);
                if ((method.Attributes & MethodAttributes.PinvokeImpl) == 0) continue;
                var import = method.GetImport();
                var module = import.Module.IsNil ? "?" : md.GetString(md.GetModuleReference(import.Module).Name);
                pinvokes.Add($"{md.GetString(type.Namespace)}.{md.GetString(type.Name)}.{md.GetString(method.Name)} -> {module}!{md.GetString(import.Name)}");
            }
        }

        var nativeLibrary = md.TypeReferences
            .Select(md.GetTypeReference)
            .Where(t => md.GetString(t.Name) == "NativeLibrary" && md.GetString(t.Namespace) == "System.Runtime.InteropServices")
            .Select(_ => "System.Runtime.InteropServices.NativeLibrary")
            .ToList();

        return new BuiltAssembly(path, references, pinvokes, nativeLibrary);
    }
}
