using System.Reflection;
using System.Text.RegularExpressions;

namespace GitOps.Build.Tests.Architecture;

/// <summary>
/// The uses of constants, which the compiled program cannot show: a constant's value is copied into
/// its users, so no reference to the type that declares it is left in their IL. They are found in the
/// sources instead, as <c>Type.Name</c> (how every use outside the declaring type is written; a
/// <c>using static</c> would hide one, and build/ has none), and checked like any other reference.
/// </summary>
public static partial class ConstantUses
{
    /// <summary>Each source file of build/ that names a constant of another folder's type, as a reference from the file to that type.</summary>
    public static IReadOnlyList<TypeReference> Read(Assembly program, string buildFolder)
    {
        var constants = program.GetTypes()
            .Where(t => t.Namespace is not null && !t.Name.Contains('<'))
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (Type: t, f.Name)))
            .ToList();
        var references = new List<TypeReference>();
        foreach (var file in Directory.EnumerateFiles(buildFolder, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(buildFolder, Path.GetDirectoryName(file)!);
            var ns = relative == "." ? "GitOps.Build" : "GitOps.Build." + relative.Replace(Path.DirectorySeparatorChar, '.');
            var code = Comment().Replace(File.ReadAllText(file), "");
            foreach (var (type, name) in constants)
            {
                if (type.Namespace == ns) continue;
                if (Regex.IsMatch(code, $@"\b{Regex.Escape(type.Name)}\.{Regex.Escape(name)}\b"))
                    references.Add(new TypeReference($"{Path.GetRelativePath(buildFolder, file)} ({type.Name}.{name})", ns, type.FullName!, type.Namespace!));
            }
        }
        return references;
    }

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex Comment();
}
