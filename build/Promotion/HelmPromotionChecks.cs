using GitOps.Build.Checks;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Promotion;

/// <summary>
/// Gives <see cref="Promoter"/> its validate and render callbacks by running the same Lint and Template
/// stages as the CI pipeline on the target's render unit, with the edited values file in place of the real one.
/// Rendered output goes to a private scratch folder, never to artifacts/.
/// </summary>
/// <param name="objectChecks">The Validate stage's rules on the rendered objects of one unit (schema, policy,
/// consistency); its error findings block the promotion like lint and template errors do.</param>
public sealed class HelmPromotionChecks(RepositoryModel model, IHelm helm, string helmPath, ChartLocator charts,
    Func<RenderUnit, RenderedUnit, IEnumerable<Finding>>? objectChecks = null)
{
    private readonly ChartLocator _charts = charts;

    /// <summary>helm lint --strict, helm template and the object checks of the target with <paramref name="valuesFile"/>.</summary>
    public ValidationOutcome Validate(PromotionTarget target, string valuesFile)
    {
        var unit = UnitWith(target, valuesFile);
        using var scratch = new ScratchFolder();
        var lint = new LintStage(helm, helmPath, _charts, scratch.Path, parallelism: 1)
            .RunAsync(model, [unit]).GetAwaiter().GetResult();
        var (template, rendered) = new TemplateStage(helm, helmPath, _charts, scratch.Path, scratch.Rendered, 1)
            .Render(model, unit);
        var findings = lint.Append(template).SelectMany(o => o.Findings);
        if (rendered is not null && objectChecks is not null) findings = findings.Concat(objectChecks(unit, rendered));
        var errors = findings.Where(f => f.Severity == Severity.Error).ToList();
        return errors.Count == 0 ? ValidationOutcome.Success : new ValidationOutcome(false, errors.Select(Describe).ToList());
    }

    /// <summary>The target's rendered manifests with <paramref name="valuesFile"/>; throws when helm template fails.</summary>
    public string Render(PromotionTarget target, string valuesFile)
    {
        using var scratch = new ScratchFolder();
        var (outcome, rendered) = new TemplateStage(helm, helmPath, _charts, scratch.Path, scratch.Rendered, 1)
            .Render(model, UnitWith(target, valuesFile));
        if (rendered is null)
            throw new InvalidOperationException(string.Join("; ", outcome.Findings.Select(Describe)));
        return File.ReadAllText(rendered.Artifact);
    }

    private RenderUnit UnitWith(PromotionTarget target, string valuesFile)
    {
        var unit = model.Unit(target.App, target.Environment)
            ?? throw new InvalidOperationException($"no Application for {target.App} in {target.Environment}.");
        return PromotionTargets.WithValuesFile(unit, target.ValuesFile, valuesFile);
    }

    private static string Describe(Finding f) => $"{f.Location}: {f.Message}";

    private sealed class ScratchFolder : IDisposable
    {
        public ScratchFolder()
        {
            Path = Directory.CreateTempSubdirectory("gitops-promote-render-").FullName;
            Directory.CreateDirectory(Rendered); // TemplateStage.Render writes there without creating it
        }

        public string Path { get; }

        public string Rendered => System.IO.Path.Combine(Path, "rendered");

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { /* rendered scratch output is harmless to leave */ }
        }
    }
}
