using System.Diagnostics;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Sources a config management plugin renders (<c>spec.source.plugin</c>): the plugin runs in Argo
/// CD's repo-server, not here, so the unit is reported as not rendered (a warning, SOURCE-NOT-RENDERED)
/// by Template, and skipped by Lint.
/// </summary>
public sealed class PluginRenderer : ISourceRenderer
{
    public SourceKind Kind => SourceKind.Plugin;

    public UnitOutcome Lint(RepositoryModel model, RenderUnit unit) =>
        new(unit.Id, UnitStatus.Skipped, [], TimeSpan.Zero, "config management plugin: not run here");

    public RenderResult Render(RepositoryModel model, RenderUnit unit, string artifact)
    {
        var clock = Stopwatch.StartNew();
        var manifest = unit.Application.Manifest;
        var name = unit.Application.Sources.FirstOrDefault(s => s.Pointer == unit.SourcePointer)?.Plugin?["name"]?.ToString();
        var finding = new SourceFiles(model).Locate(unit.Application, unit.SourcePointer + "/plugin").Finding(Rules.SourceNotRendered, $"Application/{unit.Name}",
            $"source {model.Relative(unit.SourcePath ?? model.Root)} is rendered by the config management plugin{(name is { Length: > 0 } ? $" '{name}'" : "")}, which runs in Argo CD, not here: what it deploys is not rendered or checked");
        return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.NotRendered, Suppressions.Unsuppressed([finding], manifest), clock.Elapsed, "config management plugin"), artifact, null, null);
    }
}
