using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// Finds the repository file a rendered object comes from (<see cref="SourceLocation"/>), reading
/// each chart template and kustomization input once per run.
/// </summary>
public sealed class SourceFiles(RepositoryModel model)
{
    private readonly Dictionary<string, IReadOnlyList<ManifestObject>> objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> texts = new(StringComparer.Ordinal);
    // By the unit itself: while the repository is read, units have no ids of their own yet (see UnitIds.Assign).
    private readonly Dictionary<RenderUnit, List<string>> patchFiles = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RenderUnit, Kustomization> trees = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<RenderUnit, Affixes> affixes = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Where a finding at <paramref name="pointer"/> of an Argo CD object of the model points. One a chart or
    /// overlay rendered (<see cref="RepositoryModel.RenderedArgo"/>): the repository file that made it, the
    /// rendered artifact as related location. One an ApplicationSet of those generated (<paramref name="generatedBy"/>):
    /// that ApplicationSet's file, at the same field under its spec.template (a field the template sets by
    /// a generator's parameter, or merges in, is found by its key; else the object's line in the template file).
    /// Any other: the object's own file and line.
    /// </summary>
    public Location Locate(ManifestObject manifest, string pointer, ManifestObject? generatedBy = null)
    {
        var own = new Location(model.Relative(manifest.File), manifest.LineOf(pointer), null, 0);
        var (made, at) = model.RenderedArgo.ContainsKey(manifest) ? (manifest, pointer)
            : generatedBy != null && model.RenderedArgo.ContainsKey(generatedBy) ? (generatedBy, "/spec/template" + pointer)
            : (null, pointer);
        if (made == null || Origin(made) is not { } origin) return own;
        var (file, line) = origin.Source.Of(made, at);
        return new Location(file, line, own.File, own.Line);
    }

    /// <summary><see cref="Locate(ManifestObject, string, ManifestObject?)"/> for a finding on an Application.</summary>
    public Location Locate(ArgoApplication app, string pointer) => Locate(app.Manifest, pointer, app.GeneratedBy);

    /// <summary>The repository file that made an Argo CD object a unit rendered (<see cref="RepositoryModel.RenderedArgo"/>), and where in it; null for any other object.</summary>
    public (string? Template, SourceLocation Source)? Origin(ManifestObject made)
    {
        if (!model.RenderedArgo.TryGetValue(made, out var unit)) return null;
        var template = unit.RepositoryFile(model.Root, made.SourceTemplate);
        return Of(unit, made, template) is { } source ? (template, source) : null;
    }

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
        SourceKind.Kustomize => WithImages(unit, (template != null ? Origin(unit, rendered, template) : null) ?? SourceLocation.Declared(Declarations(unit, rendered))),
        _ => null,
    };

    /// <summary>The location with the unit's kustomization files, whose images: entries a finding on an image names.</summary>
    private SourceLocation? WithImages(RenderUnit unit, SourceLocation? location) => location?.WithKustomizations(
        Tree(unit).KustomizationFiles.Select(f => (File: model.Relative(f), Object: Objects(f).FirstOrDefault()))
            .Where(k => k.Object != null).Select(k => (k.File, k.Object!)).ToList());

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
        var names = AffixesOf(unit);
        var declared = objects.Where(o => names.Declares(o, rendered)).OrderByDescending(o => o.Name == rendered.Name).FirstOrDefault()
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
        if (patchFiles.TryGetValue(unit, out var found)) return found;
        return patchFiles[unit] = Tree(unit).Entries
            .Where(e => e.Field is "patches" or "patchesStrategicMerge" or "patchesJson6902" or "kustomize.patches")
            .Select(e => model.Relative(e.Resolved)).Distinct(StringComparer.Ordinal).ToList();
    }

    private Kustomization Tree(RenderUnit unit) => trees.TryGetValue(unit, out var tree) ? tree
        : trees[unit] = Kustomization.Read(unit.SourcePath!, model.Root, unit.KustomizeOptions, unit.Application.Manifest, unit.SourcePointer + "/kustomize");

    /// <summary>
    /// The objects of the unit's input files with the rendered object's group, kind and name (kustomize's
    /// namePrefix and nameSuffix only add to it), the fullest first: the resource, then the patches over it.
    /// </summary>
    private List<(string File, ManifestObject Object)> Declarations(RenderUnit unit, ManifestObject rendered)
    {
        var names = AffixesOf(unit);
        return unit.Inputs
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .SelectMany(f => Objects(f).Select(o => (File: model.Relative(f), Object: o)))
            .Where(d => names.Declares(d.Object, rendered))
            .OrderByDescending(d => d.Object.Name == rendered.Name)
            .ThenByDescending(d => d.Object.Body.ToJsonString().Length)
            .ToList();
    }

    /// <summary>The namePrefix and nameSuffix values of the unit's kustomizations and of its Application's spec.source.kustomize.</summary>
    private Affixes AffixesOf(RenderUnit unit)
    {
        if (affixes.TryGetValue(unit, out var found)) return found;
        var kustomizations = Tree(unit).KustomizationFiles.Select(f => Objects(f).FirstOrDefault()?.Body).Append(unit.KustomizeOptions).OfType<System.Text.Json.Nodes.JsonObject>().ToList();
        List<string> Values(string field) => kustomizations.Select(k => k[field]?.ToString()).OfType<string>().Where(v => v.Length > 0).Distinct().ToList();
        return affixes[unit] = new Affixes(Values("namePrefix"), Values("nameSuffix"));
    }

    /// <summary>
    /// The prefixes and suffixes kustomize may add to a name in one unit. A repository object declares
    /// the rendered one when it has its group and kind and its name is the rendered name, or the
    /// rendered name less prefixes before it and suffixes after it; so a patch of <c>bot</c> is not
    /// taken for one of <c>bot-scalable</c> beside it, when no nameSuffix -scalable exists.
    /// </summary>
    private sealed record Affixes(IReadOnlyList<string> Prefixes, IReadOnlyList<string> Suffixes)
    {
        public bool Declares(ManifestObject declared, ManifestObject rendered)
        {
            if (declared.Kind != rendered.Kind || declared.Group != rendered.Group || declared.Name.Length == 0) return false;
            var name = rendered.Name;
            if (declared.Name == name) return true;
            for (var at = name.IndexOf(declared.Name, StringComparison.Ordinal); at >= 0; at = name.IndexOf(declared.Name, at + 1, StringComparison.Ordinal))
            {
                if (Composed(name[..at], Prefixes) && Composed(name[(at + declared.Name.Length)..], Suffixes)) return true;
            }
            return false;
        }

        /// <summary>Whether <paramref name="text"/> is a run of <paramref name="parts"/> (none: empty), one pass over its positions.</summary>
        private static bool Composed(string text, IReadOnlyList<string> parts)
        {
            var reached = new bool[text.Length + 1];
            reached[0] = true;
            for (var i = 0; i < text.Length; i++)
            {
                if (!reached[i]) continue;
                foreach (var part in parts)
                {
                    if (i + part.Length <= text.Length && string.CompareOrdinal(text, i, part, 0, part.Length) == 0) reached[i + part.Length] = true;
                }
            }
            return reached[text.Length];
        }
    }

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
