using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.IO;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Promotion;

/// <summary>
/// <see cref="IPromotionRenderer"/> over the renderer service the CI pipeline uses: the target's render unit with
/// edited files written to a private scratch folder and put in place of the real ones (a Helm value file by
/// path; any file of a Kustomize tree, which is built from a scratch copy: <see cref="RenderUnit.FileOverrides"/>).
/// The repository and artifacts/ are not touched; the scratch folder is gone when the call returns.
/// </summary>
/// <param name="objectChecks">The Validate stage's rules on the rendered objects of one unit (schema, policy,
/// consistency); its error findings block the promotion like lint and template errors do.</param>
public sealed class PromotionRendering(RepositoryModel model, IRenderer renderer,
    Func<RenderUnit, RenderedUnit, IEnumerable<Finding>>? objectChecks = null) : IPromotionRenderer
{
    public IReadOnlyList<ManifestObject> Render(PromotionTarget target, IReadOnlyDictionary<string, string> edits)
    {
        using var scratch = ScratchFolder.Create("promote");
        return renderer.RenderOrThrow(UnitWith(target, edits, scratch)).Objects;
    }

    /// <summary>
    /// Lint and render errors of the edited environment block it; so do the object checks' errors, except those the
    /// environment already has without the edit (by rule, object and message): a promotion must not make an
    /// environment worse, and is not where a repository's standing findings are fixed (CI reports them).
    /// </summary>
    public ValidationOutcome Validate(PromotionTarget target, IReadOnlyDictionary<string, string> edits)
    {
        using var scratch = ScratchFolder.Create("promote");
        var unit = UnitWith(target, edits, scratch);
        var lint = renderer.Lint(unit);
        var template = renderer.Render(unit);
        var errors = lint.Findings.Concat(template.Outcome.Findings).Where(f => f.Severity == Severity.Error).Distinct().ToList();
        var standing = new List<Finding>();
        if (template.Rendered is { } rendered && objectChecks is not null)
        {
            var original = Unit(target);
            var before = renderer.Render(original).Rendered is { } was
                ? objectChecks(original, was).Where(f => f.Severity == Severity.Error).Select(Key).ToHashSet()
                : [];
            foreach (var finding in objectChecks(unit, rendered).Where(f => f.Severity == Severity.Error).Distinct())
                (before.Contains(Key(finding)) ? standing : errors).Add(finding);
        }
        return new ValidationOutcome(errors.Count == 0, errors.Select(Describe).ToList())
        {
            // Named by rule and object: the rendered file they point at is not written by a promotion.
            Standing = standing.Select(f => $"{f.RuleId} {f.Message}").ToList(),
        };
    }

    /// <summary>The target's own render unit (one of several an app may have in an environment), else the app's first there.</summary>
    private RenderUnit Unit(PromotionTarget target) =>
        target.Unit ?? model.Unit(target.App, target.Environment)
        ?? throw new InvalidOperationException($"no Application for {target.App} in {target.Environment}.");

    private static (string, string?, string) Key(Finding f) => (f.RuleId, f.Object, f.Message);

    private static string Describe(Finding f) => $"{f.Location}: {f.Message}";

    private RenderUnit UnitWith(PromotionTarget target, IReadOnlyDictionary<string, string> edits, ScratchFolder scratch)
    {
        var unit = Unit(target);
        var n = 0;
        foreach (var (path, text) in edits)
        {
            // Same file name as the original (in a folder of its own), so tool messages about it stay recognisable.
            var copy = scratch.File(Path.Combine((n++).ToString(System.Globalization.CultureInfo.InvariantCulture), Path.GetFileName(path)));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            Yaml.ValuesFile.Write(copy, text);
            unit = PromotionTargets.WithFile(unit, path, copy);
        }
        return unit;
    }
}
