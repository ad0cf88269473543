using GitOps.Build.GitOps;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Finds, for every Application that names an app and an environment (by its labels), the values file
/// Promote edits: the last value file that sets the tag (later files win in Helm, as in Argo CD), or, when
/// none sets it yet, the last value file listed (the environment-specific one by convention).
/// For a Kustomize overlay it is the overlay's kustomization file (or, when that has no <c>images:</c>, the
/// nearest kustomization of its tree that has), at the <c>newTag</c> of the app's <c>images:</c> entry:
/// the only entry, else the one whose name is the app or ends with <c>/&lt;app&gt;</c>. When there is no such
/// entry the target carries a <see cref="PromotionTarget.Refusal"/> saying what to add; nothing is invented.
/// </summary>
public static class PromotionTargets
{
    public static IReadOnlyList<PromotionTarget> From(RepositoryModel model, string tagPath = "image.tag")
    {
        var targets = new List<PromotionTarget>();
        foreach (var unit in model.Units)
        {
            if (unit.App is null || unit.Environment is null) continue;
            if (unit.Kind == SourceKind.Kustomize && unit.SourcePath is not null)
            {
                if (KustomizeTarget(model, unit) is { } kustomize) targets.Add(kustomize);
                continue;
            }
            if (!unit.IsLocal) continue;
            var files = unit.ValueFiles.Where(v => v.Exists && v.Path is not null).Select(v => v.Path!).ToList();
            if (files.Count == 0) continue;
            var file = files.LastOrDefault(f => ValuesFile.GetScalar(f, tagPath) is not null) ?? files[^1];
            targets.Add(new PromotionTarget(unit.App, unit.Environment, file, OverriddenBy(model, unit, tagPath)));
        }
        return targets;
    }

    /// <summary>The unit as it renders with <paramref name="replacement"/> in place of the value file <paramref name="original"/>.</summary>
    private static RenderUnit WithValuesFile(RenderUnit unit, string original, string replacement) => unit with
    {
        ValueFiles = unit.ValueFiles
            .Select(v => v.Path is not null && Path.GetFullPath(v.Path) == Path.GetFullPath(original) ? v with { Path = replacement } : v)
            .ToList(),
    };

    /// <summary>The unit as it renders with <paramref name="replacement"/>'s content in place of <paramref name="original"/>
    /// (a value file of a Helm unit; any file of a Kustomize unit's tree, built from a scratch copy).</summary>
    public static RenderUnit WithFile(RenderUnit unit, string original, string replacement)
    {
        if (unit.Kind != SourceKind.Kustomize) return WithValuesFile(unit, original, replacement);
        if (Path.GetFullPath(original) == Path.GetFullPath(replacement)) return unit;
        return unit with { FileOverrides = new Dictionary<string, string>(unit.FileOverrides) { [Path.GetFullPath(original)] = replacement } };
    }

    private static PromotionTarget? KustomizeTarget(RepositoryModel model, RenderUnit unit)
    {
        var (app, env) = (unit.App!, unit.Environment!);
        var own = Kustomization.FileIn(unit.SourcePath!);
        if (own is null) return null;
        var overlay = model.Relative(unit.SourcePath!);
        var file = own;
        var images = Images(own);
        if (images.Count == 0)
        {
            // The nearest kustomization of the tree (fewest steps from the overlay) that pins images.
            var nearest = unit.Inputs
                .Where(f => Kustomization.FileNames.Contains(Path.GetFileName(f)) && Path.GetFullPath(f) != Path.GetFullPath(own))
                .OrderBy(f => Path.GetRelativePath(unit.SourcePath!, f).Split(Path.DirectorySeparatorChar).Length)
                .ThenBy(f => f, StringComparer.Ordinal)
                .FirstOrDefault(f => Images(f).Count > 0);
            if (nearest is null)
                return new PromotionTarget(app, env, own, Refusal:
                    $"{model.Relative(own)} (the {env} overlay of {app}) has no images: entry, so there is no tag to set. "
                    + $"Add one for the image the manifests use, i.e. images: [{{name: <image>, newTag: <tag>}}], written as a block list "
                    + "(\"- name: <image>\" and \"newTag: <tag>\" on lines of their own) so Promote can edit the tag in place; Promote does not invent it.");
            file = nearest;
            images = Images(nearest);
        }
        var display = model.Relative(file);
        var matching = images.Count == 1
            ? [0]
            : Enumerable.Range(0, images.Count).Where(i => images[i].Name == app || images[i].Name.EndsWith("/" + app, StringComparison.Ordinal)).ToList();
        if (matching.Count != 1)
        {
            var entries = string.Join(", ", images.Select(i => i.Name.Length == 0 ? "(no name)" : i.Name));
            return new PromotionTarget(app, env, file, Refusal: matching.Count == 0
                ? $"{display} has {images.Count} images: entries ({entries}) and none is named {app} or ends with /{app}, so it is not clear which one {app} runs; name the app's image so, or keep one entry."
                : $"{display} has {matching.Count} images: entries named for {app} ({string.Join(", ", matching.Select(i => images[i].Name))}); keep one.");
        }
        var index = matching[0];
        var entry = images[index];
        string? refusal = null;
        if (entry.HasDigest)
            refusal = $"the images: entry {entry.Name} in {display} pins a digest, which wins over newTag; remove the digest to promote by tag.";
        else if (file != own && SharedWith(model, unit, file) is { Count: > 0 } others)
            refusal = $"the images: entry for {app} is in {display}, which the overlays of {string.Join(", ", others)} build too, so setting the tag there would change them as well. "
                + $"Add images: [{{name: {entry.Name}, newTag: <tag>}}] to {overlay}'s kustomization instead.";
        return new PromotionTarget(app, env, file, KustomizeOverride(model, unit, entry.Name), $"images[{index}].newTag", refusal);
    }

    private sealed record ImageEntry(string Name, bool HasDigest);

    /// <summary>The images: entries of a kustomization file, in order (empty when it has none or does not parse).</summary>
    private static List<ImageEntry> Images(string file)
    {
        try
        {
            var body = Manifests.ManifestReader.ReadFile(file).FirstOrDefault()?.Body;
            return body?["images"] is System.Text.Json.Nodes.JsonArray images
                ? images.Select(i => new ImageEntry(i?["name"]?.ToString() ?? "", i?["digest"] is not null)).ToList()
                : [];
        }
        catch (Exception e) when (e is Manifests.ManifestParseException or IOException)
        {
            return [];
        }
    }

    /// <summary>The environments of the app's other units that also build <paramref name="file"/>.</summary>
    private static List<string> SharedWith(RepositoryModel model, RenderUnit unit, string file) =>
        model.Units.Where(u => u != unit && u.App == unit.App && u.Environment is not null && u.Environment != unit.Environment
                && u.Inputs.Any(i => Path.GetFullPath(i) == Path.GetFullPath(file)))
            .Select(u => u.Environment!).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>The Application's own spec.source.kustomize.images setting the image, which Argo CD applies over the kustomization.</summary>
    private static string? KustomizeOverride(RepositoryModel model, RenderUnit unit, string image)
    {
        if (unit.KustomizeOptions?["images"] is not System.Text.Json.Nodes.JsonArray images) return null;
        var sets = images.Select(i => i?.ToString()).OfType<string>().Where(i => i.Length > 0)
            .Any(i => Pipeline.KustomizeEdits.Image(i) is var e && e["name"]?.ToString() == image && (e["newTag"] is not null || e["digest"] is not null));
        return sets ? $"the kustomize images of {model.Relative(unit.Application.Manifest.File)} (Application {unit.Name})" : null;
    }

    private static string? OverriddenBy(RepositoryModel model, RenderUnit unit, string tagPath)
    {
        var manifest = model.Relative(unit.Application.Manifest.File);
        if (unit.Parameters.Any(p => p.Name == tagPath))
            return $"the helm parameter {tagPath} in {manifest} (Application {unit.Name})";
        if (unit.InlineValues is { } inline && YamlScalarEditor.GetScalar(inline, tagPath, manifest) is not null)
            return $"the inline helm values in {manifest} (Application {unit.Name})";
        return null;
    }
}
