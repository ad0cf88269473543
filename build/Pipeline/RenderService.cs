using GitOps.Build.GitOps;
using GitOps.Build.Tools.Processes;

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

    public RenderResult Render(RenderUnit unit)
    {
        if (unit.Problems is { Count: > 0 } problems) return new RenderResult(RefusedOutcome(unit, UnitStatus.NotRendered, problems), ArtifactPath(unit), null, null);
        try
        {
            return For(unit).Render(_model, unit, ArtifactPath(unit));
        }
        catch (ToolTimeoutException e)
        {
            return new RenderResult(TimedOut(unit, "rendering", e), ArtifactPath(unit), null, null);
        }
        catch (ToolOutputLimitException e)
        {
            return new RenderResult(OverOutput(unit, "rendering", e), ArtifactPath(unit), null, null);
        }
    }

    public UnitOutcome Lint(RenderUnit unit)
    {
        if (unit.Problems is { Count: > 0 } problems) return RefusedOutcome(unit, UnitStatus.NotLinted, problems);
        try
        {
            return For(unit).Lint(_model, unit);
        }
        catch (ToolTimeoutException e)
        {
            return TimedOut(unit, "linting", e);
        }
        catch (ToolOutputLimitException e)
        {
            return OverOutput(unit, "linting", e);
        }
    }

    private static UnitOutcome RefusedOutcome(RenderUnit unit, UnitStatus status, IReadOnlyList<Findings.Finding> problems) =>
        new(unit.Id, status, problems, TimeSpan.Zero, "a value file Argo CD cannot read");

    /// <summary>A tool run of the unit went past its time limit (and was stopped): a TOOL-TIMEOUT finding on its Application, at its source.</summary>
    private UnitOutcome TimedOut(RenderUnit unit, string what, ToolTimeoutException e)
    {
        var finding = new SourceFiles(_model).Locate(unit.Application, unit.SourcePointer).Finding(Findings.Rules.ToolTimeout, $"Application/{unit.Name}",
            $"{what} {unit.Id} stopped: {e.Message}");
        return new UnitOutcome(unit.Id, UnitStatus.Failed, [finding], e.Limit, "time limit");
    }

    /// <summary>A tool run of the unit wrote more than the suite reads (and was stopped): YAML-PARSE on its Application, at its source, as for a YAML file over the limit.</summary>
    private UnitOutcome OverOutput(RenderUnit unit, string what, ToolOutputLimitException e)
    {
        var finding = new SourceFiles(_model).Locate(unit.Application, unit.SourcePointer).Finding(Findings.Rules.YamlParse, $"Application/{unit.Name}",
            $"{what} {unit.Id} stopped: {e.Message}; find what the chart or overlay repeats");
        return new UnitOutcome(unit.Id, UnitStatus.Failed, [finding], TimeSpan.Zero, "output limit");
    }

    private ISourceRenderer For(RenderUnit unit) =>
        _renderers.TryGetValue(unit.Kind, out var renderer)
            ? renderer
            : throw new NotSupportedException($"{unit.Id}: no renderer for {unit.Kind} sources.");
}
