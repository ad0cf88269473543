using GitOps.Build.GitOps;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks;

/// <summary>
/// Finds the repository file a rendered object comes from (<see cref="SourceLocation"/>), reading
/// each chart template and kustomization input once per run.
/// </summary>
public sealed class SourceFiles(RepositoryModel model)
{
    private readonly Dictionary<string, IReadOnlyList<ManifestObject>> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> texts = new(StringComparer.Ordinal);

    /// <param name="template">For helm output: the chart template, relative to the repository (null for a remote chart).</param>
    public SourceLocation? Of(RenderUnit unit, ManifestObject rendered, string? template) => unit.Kind switch
    {
        SourceKind.Helm when unit.IsLocal && template != null => SourceLocation.Template(template, Text(template), Values(unit)),
        SourceKind.Helm when !unit.IsLocal => SourceLocation.At(model.Relative(unit.Application.Manifest.File),
            unit.Application.Manifest.LineOf(unit.SourcePointer + "/chart"), Values(unit)),
        SourceKind.Kustomize => SourceLocation.Declared(Declarations(unit, rendered)),
        _ => null,
    };

    /// <summary>
    /// The objects of the unit's input files with the rendered object's group, kind and name (kustomize's
    /// namePrefix and nameSuffix only add to it), the fullest first: the resource, then the patches over it.
    /// </summary>
    private List<(string File, ManifestObject Object)> Declarations(RenderUnit unit, ManifestObject rendered) =>
        unit.Inputs
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => Objects(f).Select(o => (File: model.Relative(f), Object: o)))
            .Where(d => d.Object.Kind == rendered.Kind && d.Object.Group == rendered.Group && d.Object.Name.Length > 0 &&
                        (d.Object.Name == rendered.Name || rendered.Name.Contains(d.Object.Name, StringComparison.Ordinal)))
            .OrderByDescending(d => d.Object.Name == rendered.Name)
            .ThenByDescending(d => d.Object.Body.ToJsonString().Length)
            .ToList();

    /// <summary>The value files the unit reads, in helm's order (the chart's values.yaml first; a later one wins).</summary>
    private List<(string File, ManifestObject Values)> Values(RenderUnit unit) =>
        unit.ValueFiles.Select(v => v.Path).Prepend(unit.ChartPath is { } chart ? Path.Combine(chart, "values.yaml") : null)
            .OfType<string>()
            .Select(p => Path.GetFullPath(Path.IsPathRooted(p) ? p : Path.Combine(model.Root, p)))
            .SelectMany(p => Objects(p).Take(1).Select(o => (File: model.Relative(p), Values: o)))
            .ToList();

    private IReadOnlyList<ManifestObject> Objects(string file)
    {
        if (objects.TryGetValue(file, out var found)) return found;
        try
        {
            found = File.Exists(file) ? ManifestReader.ReadFile(file) : [];
        }
        catch (ManifestParseException)
        {
            found = [];
        }
        return objects[file] = found;
    }

    private string? Text(string relative)
    {
        if (texts.TryGetValue(relative, out var text)) return text;
        var path = Path.Combine(model.Root, relative);
        return texts[relative] = File.Exists(path) ? File.ReadAllText(path) : null;
    }
}
