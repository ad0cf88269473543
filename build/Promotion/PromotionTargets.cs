using GitOps.Build.GitOps;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Every app × environment Promote and PromotionStatus can work on: each Application that names an app and an
/// environment (labels, else its names; several in one environment when an app runs per region or cluster),
/// with the files its rendering reads. For a Kustomize overlay
/// those are the kustomization tree's YAML files (its own folder's are its own); for a Helm chart of the
/// repository, the chart's default values and the Application's value files (those are its own). Who else builds
/// each file is recorded, so a promotion never edits a file another Application reads.
/// </summary>
public static class PromotionTargets
{
    /// <param name="images">The repository configuration's promotion.images: app → its image repository, when named.</param>
    public static IReadOnlyList<PromotionTarget> From(RepositoryModel model, IReadOnlyDictionary<string, string>? images = null)
    {
        var readers = model.Readers;
        var targets = new List<PromotionTarget>();
        foreach (var unit in model.Units)
        {
            if (unit.App is not { } app || unit.Environment is not { } env) continue;
            // One target per Application (an app may have several in one environment, one per region or cluster):
            // the first renderable source of a multi-source Application.
            if (targets.Any(t => t.Application == unit.Name)) continue;
            var target = unit.Kind switch
            {
                SourceKind.Kustomize when unit.SourcePath is not null => Kustomize(model, unit, readers),
                SourceKind.Helm => Helm(model, unit, readers),
                _ => new PromotionTarget(app, env, unit.Name, [], Refusal:
                    $"{unit.Name} is rendered by a config management plugin; Promote cannot render an edit of it to prove it. Change its image by hand."),
            };
            targets.Add(target with { Kind = unit.Kind, Image = images?.GetValueOrDefault(app), Unit = unit });
        }
        return targets;
    }

    private static PromotionTarget Kustomize(RepositoryModel model, RenderUnit unit, ILookup<string, RenderUnit> readers)
    {
        var files = unit.Inputs
            .Where(f => Path.GetExtension(f) is ".yaml" or ".yml" || Kustomization.FileNames.Contains(Path.GetFileName(f)))
            .Select(f => new SourceFile(f, IO.RepoPath.IsUnder(unit.SourcePath!, f), Others(unit, f, readers)))
            .ToList();
        var manifest = model.Relative(unit.Application.Manifest.File);
        var settings = unit.KustomizeOptions?["images"] is System.Text.Json.Nodes.JsonArray images
            ? images.Select(i => i?.ToString()).OfType<string>().Where(i => i.Length > 0)
                .Select(i => new ApplicationSetting($"the kustomize images of {manifest} (Application {unit.Name})",
                    Pipeline.KustomizeEdits.Image(i)["name"]!.ToString(), i)).ToList()
            : [];
        return new PromotionTarget(unit.App!, unit.Environment!, unit.Name, files) { ApplicationSettings = settings };
    }

    private static PromotionTarget Helm(RepositoryModel model, RenderUnit unit, ILookup<string, RenderUnit> readers)
    {
        var valueFiles = unit.ValueFiles.Where(v => v.Exists && v.Path is not null).Select(v => Path.GetFullPath(v.Path!)).Distinct().ToList();
        var files = new List<SourceFile>();
        // The chart's defaults first: lowest precedence, as helm merges them.
        if (unit.ChartPath is { } chart && Path.Combine(chart, "values.yaml") is var defaults && File.Exists(defaults))
            files.Add(new SourceFile(Path.GetFullPath(defaults), false, Others(unit, Path.GetFullPath(defaults), readers)));
        files.AddRange(valueFiles.Select(f => new SourceFile(f, true, Others(unit, f, readers))));
        var own = files.LastOrDefault(f => f.Own && f.SharedWith.Count == 0)?.Path;
        var manifest = model.Relative(unit.Application.Manifest.File);
        var settings = unit.Parameters
            .Select(p => new ApplicationSetting($"the helm parameter {p.Name} in {manifest} (Application {unit.Name})", p.Name, p.Value))
            .ToList();
        if (unit.InlineValues is { } inline)
        {
            try
            {
                settings.AddRange(YamlScalarEditor.Scalars(inline, manifest)
                    .Select(s => new ApplicationSetting($"the inline helm values ({s.Path}) in {manifest} (Application {unit.Name})", s.Path, s.Value)));
            }
            catch (YamlEditException)
            {
                // Helm reports values that do not parse when it renders; nothing to read here.
            }
        }
        return new PromotionTarget(unit.App!, unit.Environment!, unit.Name, files, own) { ApplicationSettings = settings };
    }

    /// <summary>The other Applications that build <paramref name="file"/>.</summary>
    private static IReadOnlyList<FileReader> Others(RenderUnit unit, string file, ILookup<string, RenderUnit> readers) =>
        readers[file].Where(u => u.Application != unit.Application).Select(u => new FileReader(u.Name, u.Environment))
            .Distinct().OrderBy(r => r.ToString(), StringComparer.Ordinal).ToList();

    /// <summary>
    /// <paramref name="target"/> as one of <paramref name="together"/>, the Applications of its app in its environment moved in one
    /// change: a file only they build is as good as its own (edited once for all of them); one another environment's or another
    /// app's Application builds is still shared.
    /// </summary>
    public static PromotionTarget MovedWith(PromotionTarget target, IReadOnlyCollection<PromotionTarget> together) =>
        together.Count < 2 ? target : target with
        {
            Files = target.Files.Select(f => f with
            {
                SharedWith = f.SharedWith.Where(r => !together.Any(t => t.Application == r.Application && t.Environment == r.Environment)).ToList(),
            }).ToList(),
        };

    /// <summary>The unit as it renders with <paramref name="replacement"/>'s content in place of <paramref name="original"/>: a value file of a
    /// Helm unit (the path swapped); any file of a Kustomize unit's tree (built from a scratch copy).</summary>
    /// <exception cref="InvalidOperationException">A Helm unit and a file that is not one of its value files.</exception>
    public static RenderUnit WithFile(RenderUnit unit, string original, string replacement)
    {
        var full = Path.GetFullPath(original);
        if (unit.Kind == SourceKind.Kustomize)
            return unit with { FileOverrides = new Dictionary<string, string>(unit.FileOverrides) { [full] = replacement } };
        if (!unit.ValueFiles.Any(v => v.Path is not null && Path.GetFullPath(v.Path) == full))
            throw new InvalidOperationException($"{original} is not a value file of {unit.Name}; only value files are rendered edited.");
        return unit with
        {
            ValueFiles = unit.ValueFiles.Select(v => v.Path is not null && Path.GetFullPath(v.Path) == full ? v with { Path = replacement } : v).ToList(),
        };
    }
}
