using GitOps.Build.GitOps;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Finds, for every Application that names an app and an environment (by its labels), the values file
/// Promote edits: the last value file that sets the tag (later files win in Helm, as in Argo CD), or, when
/// none sets it yet, the last value file listed (the environment-specific one by convention).
/// </summary>
public static class PromotionTargets
{
    public static IReadOnlyList<PromotionTarget> From(RepositoryModel model, string tagPath = "image.tag")
    {
        var targets = new List<PromotionTarget>();
        foreach (var unit in model.Units)
        {
            if (unit.App is null || unit.Environment is null || !unit.IsLocal) continue;
            var files = unit.ValueFiles.Where(v => v.Exists && v.Path is not null).Select(v => v.Path!).ToList();
            if (files.Count == 0) continue;
            var file = files.LastOrDefault(f => ValuesFile.GetScalar(f, tagPath) is not null) ?? files[^1];
            targets.Add(new PromotionTarget(unit.App, unit.Environment, file, OverriddenBy(model, unit, tagPath)));
        }
        return targets;
    }

    /// <summary>The unit as it renders with <paramref name="replacement"/> in place of the value file <paramref name="original"/>.</summary>
    public static RenderUnit WithValuesFile(RenderUnit unit, string original, string replacement) => unit with
    {
        ValueFiles = unit.ValueFiles
            .Select(v => v.Path is not null && Path.GetFullPath(v.Path) == Path.GetFullPath(original) ? v with { Path = replacement } : v)
            .ToList(),
    };

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
