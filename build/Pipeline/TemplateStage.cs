using System.Diagnostics;
using GitOps.Build.Checks;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.IO;
using GitOps.Build.Manifests;

namespace GitOps.Build.Pipeline;

/// <summary>
/// <c>helm template</c> of every unit with the release name and namespace Argo CD uses, written
/// to artifacts/rendered/&lt;unit&gt;.yaml (atomically) and read back as objects for Validate.
/// </summary>
public sealed class TemplateStage(IHelm helm, string helmPath, ChartLocator charts, string scratch, string renderedDir, int parallelism)
{
    public async Task<(IReadOnlyList<UnitOutcome> Outcomes, IReadOnlyList<RenderedUnit> Rendered)> RunAsync(
        RepositoryModel model, IEnumerable<RenderUnit> units, CancellationToken cancellationToken = default)
    {
        var list = units.ToList();
        var outcomes = new UnitOutcome[list.Count];
        var rendered = new RenderedUnit?[list.Count];
        Directory.CreateDirectory(renderedDir);
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            (i, _) => { (outcomes[i], rendered[i]) = Render(model, list[i]); return ValueTask.CompletedTask; });
        return (outcomes, rendered.OfType<RenderedUnit>().ToList());
    }

    public (UnitOutcome Outcome, RenderedUnit? Rendered) Render(RepositoryModel model, RenderUnit unit)
    {
        var clock = Stopwatch.StartNew();
        var chart = charts.Locate(unit, model, out var notRendered);
        if (chart == null) return (new UnitOutcome(unit.Name, "not rendered (remote chart)", Suppressions.Unsuppressed([notRendered!], unit.Application.Manifest), clock.Elapsed), null);

        var inline = UnitHelmSettings.WriteInlineValues(unit, scratch);
        try
        {
            var settings = UnitHelmSettings.Apply(new HelmTemplateSettings { ReleaseName = unit.ReleaseName, IncludeCrds = true }, unit, chart, helmPath, inline);
            var result = helm.Template(settings);
            var objectName = $"Application/{unit.Name}";
            if (!result.Succeeded)
            {
                var schema = SchemaErrorLocator.Locate(result.Error, UnitHelmSettings.ValuesInPrecedence(settings), model.Root, objectName);
                IReadOnlyList<Finding> failures = schema.Count > 0 ? schema : [HelmOutputParser.Failure(Rules.HelmTemplate, result.Error, model.Relative(chart), objectName)];
                return (new UnitOutcome(unit.Name, "failed", Suppressions.Unsuppressed(failures, unit.Application.Manifest), clock.Elapsed), null);
            }
            var artifact = Path.Combine(renderedDir, unit.Name + ".yaml");
            var text = result.Output + "\n";
            AtomicFile.WriteAllText(artifact, text);
            try
            {
                var objects = ManifestReader.Read(text, model.Relative(artifact));
                return (new UnitOutcome(unit.Name, $"rendered {objects.Count} objects", [], clock.Elapsed), new RenderedUnit(unit.Name, artifact, objects));
            }
            catch (ManifestParseException e)
            {
                var finding = Rules.HelmTemplate.At(objectName, e.File, e.Line, "rendered output is not valid YAML: " + e.Message);
                return (new UnitOutcome(unit.Name, "failed", Suppressions.Unsuppressed([finding], unit.Application.Manifest), clock.Elapsed), null);
            }
        }
        finally
        {
            if (inline != null) File.Delete(inline);
        }
    }
}
