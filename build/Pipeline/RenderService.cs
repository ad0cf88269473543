using GitOps.Build.GitOps;

namespace GitOps.Build.Pipeline;

/// <summary>
/// The renderer service: refuses a unit Argo CD could not render (a value file it cannot read,
/// reported with the Application's file and line of the valueFiles entry), then hands the unit to
/// the renderer of its <see cref="SourceKind"/>. Rendered objects are named by the unit's artifact,
/// <c>&lt;renderedDir&gt;/&lt;id&gt;.yaml</c> relative to the repository, whoever asked for them.
/// </summary>
public sealed class RenderService : IRenderer
{
    private readonly RepositoryModel _model;
    private readonly string _renderedDir;
    private readonly Dictionary<SourceKind, ISourceRenderer> _renderers;

    public RenderService(RepositoryModel model, string renderedDir, params IEnumerable<ISourceRenderer> renderers)
    {
        _model = model;
        _renderedDir = renderedDir;
        _renderers = renderers.ToDictionary(r => r.Kind);
    }

    /// <summary>Where the Template stage writes the unit's rendered text.</summary>
    public string ArtifactPath(RenderUnit unit) => Path.Combine(_renderedDir, unit.Id + ".yaml");

    public RenderResult Render(RenderUnit unit) =>
        unit.Problems is { Count: > 0 } problems
            ? new RenderResult(RefusedOutcome(unit, "not rendered", problems), ArtifactPath(unit), null, null)
            : For(unit).Render(_model, unit, ArtifactPath(unit));

    public UnitOutcome Lint(RenderUnit unit) =>
        unit.Problems is { Count: > 0 } problems ? RefusedOutcome(unit, "not linted", problems) : For(unit).Lint(_model, unit);

    private static UnitOutcome RefusedOutcome(RenderUnit unit, string what, IReadOnlyList<Findings.Finding> problems) =>
        new(unit.Id, $"{what} (a value file Argo CD cannot read)", problems, TimeSpan.Zero);

    private ISourceRenderer For(RenderUnit unit) =>
        _renderers.TryGetValue(unit.Kind, out var renderer)
            ? renderer
            : throw new NotSupportedException($"{unit.Id}: no renderer for {unit.Kind} sources.");
}
