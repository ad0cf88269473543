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
    private readonly Dictionary<string, List<string>> patchFiles = new(StringComparer.Ordinal);

    /// <param name="template">
    /// The file the renderer says made the object, relative to the repository: for helm output the chart
    /// template (null for a remote chart), for kustomize output its origin (null when it has none).
    /// </param>
    public SourceLocation? Of(RenderUnit unit, ManifestObject rendered, string? template) => unit.Kind switch
    {
        SourceKind.Helm when unit.IsLocal && template != null => SourceLocation.Template(template, Text(template), Values(unit)),
        SourceKind.Helm when !unit.IsLocal => SourceLocation.At(model.Relative(unit.Application.Manifest.File),
            unit.Application.Manifest.LineOf(unit.SourcePointer + "/chart"), Values(unit)),
        // kustomize's own record of the file (its origin annotation), else the input files that declare the object.
        SourceKind.Kustomize => (template != null ? Origin(unit, rendered, template) : null) ?? SourceLocation.Declared(Declarations(unit, rendered)),
        _ => null,
    };

    /// <summary>
    /// The object at the file kustomize's origin names (relative to the repository): the resource file, at
    /// the object's line in it, with the patch files over it after it (the one that sets an offending value
    /// wins); or the kustomization whose generator or helmCharts made it, at that entry. Null when the
    /// file is not in the repository.
    /// </summary>
    private SourceLocation? Origin(RenderUnit unit, ManifestObject rendered, string file)
    {
        if (IO.RepoPath.ResolveInside(model.Root, model.Root, file) is not { } full || !File.Exists(full)) return null;
        var objects = Objects(full);
        if (Kustomization.FileNames.Contains(Path.GetFileName(full)))
            return SourceLocation.At(file, objects.FirstOrDefault() is { } kustomization ? GeneratorLine(kustomization, rendered) : 1);
        var declared = objects.Where(o => Declares(o, rendered)).OrderByDescending(o => o.Name == rendered.Name).FirstOrDefault()
            ?? (objects.Count == 1 ? objects[0] : null);
        if (declared == null) return SourceLocation.At(file, 1);
        var patches = PatchFiles(unit);
        var over = Declarations(unit, rendered).Where(d => d.File != file && patches.Contains(d.File)).OrderBy(d => patches.IndexOf(d.File));
        return SourceLocation.Declared([(file, declared), .. over]);
    }

    /// <summary>The line of the generator (configMapGenerator, secretGenerator) entry that names the object, else of helmCharts; else 1.</summary>
    private static int GeneratorLine(ManifestObject kustomization, ManifestObject rendered)
    {
        foreach (var field in new[] { "configMapGenerator", "secretGenerator" })
        {
            if (kustomization.At("/" + field) is not System.Text.Json.Nodes.JsonArray entries) continue;
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i]?["name"]?.ToString() is { Length: > 0 } name && rendered.Name.Contains(name, StringComparison.Ordinal))
                    return kustomization.LineOf($"/{field}/{i}");
            }
        }
        return kustomization.At("/helmCharts") != null ? kustomization.LineOf("/helmCharts") : 1;
    }

    /// <summary>The patch files of the unit's kustomization tree (the Application's own included), in the order kustomize reads them, relative to the repository.</summary>
    private List<string> PatchFiles(RenderUnit unit)
    {
        if (patchFiles.TryGetValue(unit.Id, out var found)) return found;
        var tree = Kustomization.Read(unit.SourcePath!, model.Root, unit.KustomizeOptions, unit.Application.Manifest, unit.SourcePointer + "/kustomize");
        return patchFiles[unit.Id] = tree.Entries
            .Where(e => e.Field is "patches" or "patchesStrategicMerge" or "patchesJson6902" or "kustomize.patches")
            .Select(e => model.Relative(e.Resolved)).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The objects of the unit's input files with the rendered object's group, kind and name (kustomize's
    /// namePrefix and nameSuffix only add to it), the fullest first: the resource, then the patches over it.
    /// </summary>
    private List<(string File, ManifestObject Object)> Declarations(RenderUnit unit, ManifestObject rendered) =>
        unit.Inputs
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => Objects(f).Select(o => (File: model.Relative(f), Object: o)))
            .Where(d => Declares(d.Object, rendered))
            .OrderByDescending(d => d.Object.Name == rendered.Name)
            .ThenByDescending(d => d.Object.Body.ToJsonString().Length)
            .ToList();

    /// <summary>Whether a repository object is the rendered one before kustomize named it: its group and kind, its name or that name with a prefix or suffix.</summary>
    private static bool Declares(ManifestObject declared, ManifestObject rendered) =>
        declared.Kind == rendered.Kind && declared.Group == rendered.Group && declared.Name.Length > 0 &&
        (declared.Name == rendered.Name || rendered.Name.Contains(declared.Name, StringComparison.Ordinal));

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
