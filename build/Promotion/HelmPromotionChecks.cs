using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Promotion;

/// <summary>
/// Gives <see cref="Promoter"/> its validate and render callbacks from the renderer service the CI
/// pipeline uses, on the target's render unit with the edited values file in place of the real one (for a
/// Kustomize overlay, the edited kustomization, built from a scratch copy: <see cref="RenderUnit.FileOverrides"/>).
/// Nothing is written to artifacts/.
/// </summary>
/// <param name="objectChecks">The Validate stage's rules on the rendered objects of one unit (schema, policy,
/// consistency); its error findings block the promotion like lint and template errors do.</param>
public sealed class HelmPromotionChecks(RepositoryModel model, IRenderer renderer,
    Func<RenderUnit, RenderedUnit, IEnumerable<Finding>>? objectChecks = null)
{
    /// <summary>The lint, the rendering and the object checks of the target with <paramref name="valuesFile"/>.</summary>
    public ValidationOutcome Validate(PromotionTarget target, string valuesFile)
    {
        var unit = UnitWith(target, valuesFile);
        var lint = renderer.Lint(unit);
        var template = renderer.Render(unit);
        var findings = lint.Findings.Concat(template.Outcome.Findings);
        if (template.Rendered is { } rendered && objectChecks is not null) findings = findings.Concat(objectChecks(unit, rendered));
        var errors = findings.Where(f => f.Severity == Severity.Error).Distinct().ToList();
        return errors.Count == 0 ? ValidationOutcome.Success : new ValidationOutcome(false, errors.Select(Describe).ToList());
    }

    /// <summary>The target's rendered manifests with <paramref name="valuesFile"/>; throws when it does not render.</summary>
    public string Render(PromotionTarget target, string valuesFile)
    {
        var result = renderer.Render(UnitWith(target, valuesFile));
        return result.Rendered?.Text ?? throw new InvalidOperationException(string.Join("; ", result.Outcome.Findings.Select(Describe)));
    }

    private RenderUnit UnitWith(PromotionTarget target, string valuesFile)
    {
        var unit = model.Unit(target.App, target.Environment)
            ?? throw new InvalidOperationException($"no Application for {target.App} in {target.Environment}.");
        return PromotionTargets.WithFile(unit, target.ValuesFile, valuesFile);
    }

    private static string Describe(Finding f) => $"{f.Location}: {f.Message}";
}
