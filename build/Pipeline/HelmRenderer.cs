using System.Diagnostics;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;
using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Helm sources: <c>helm lint --strict</c> and <c>helm template</c> with the release name,
/// namespace, Kubernetes version and values Argo CD uses (see <see cref="UnitHelmSettings"/>),
/// helm's messages turned into findings with the chart or values file and line.
/// </summary>
public sealed class HelmRenderer(IHelm helm, string helmPath, ChartLocator charts) : ISourceRenderer
{
    public SourceKind Kind => SourceKind.Helm;

    public UnitOutcome Lint(RepositoryModel model, RenderUnit unit)
    {
        var clock = Stopwatch.StartNew();
        if (!unit.IsLocal)
        {
            return new UnitOutcome(unit.Id, UnitStatus.Skipped, [], clock.Elapsed, "remote chart: linted by its publisher");
        }
        var chart = charts.Locate(unit, model, out _)!;
        if (ChartDependencies.NotVendored(model, unit, chart) is { } notVendored)
            return new UnitOutcome(unit.Id, UnitStatus.NotLinted, Suppressions.Unsuppressed([notVendored], unit.Application.Manifest), clock.Elapsed, "chart dependencies not vendored");
        if (RenderInputLimits.Check(model, unit, chart) is { } overLimit)
            return new UnitOutcome(unit.Id, UnitStatus.Failed, [overLimit], clock.Elapsed);
        using var inline = UnitHelmSettings.WriteInlineValues(unit);
        var settings = UnitHelmSettings.Apply(new HelmLintSettings { Strict = true }, unit, chart, helmPath, inline?.File(UnitHelmSettings.InlineValuesFile));
        var result = helm.Lint(settings);
        var objectName = $"Application/{unit.Name}";
        var chartRelative = model.Relative(chart);
        var output = result.Output + "\n" + result.Error;
        var findings = SchemaErrorLocator.Locate(output, UnitHelmSettings.ValuesInPrecedence(settings), model.Root, objectName, InlinePlace(model, unit, inline)).ToList();
        if (findings.Count == 0) findings.AddRange(HelmOutputParser.Lint(output, chartRelative, objectName, strict: true));
        if (!result.Succeeded && findings.Count == 0)
        {
            findings.Add(HelmOutputParser.Failure(Rules.HelmLint, result.Error + "\n" + result.Output, chartRelative, objectName));
        }
        // helm repeats its errors in the closing summary; report each once.
        return new UnitOutcome(unit.Id, result.Succeeded ? UnitStatus.Passed : UnitStatus.Failed, Suppressions.Unsuppressed(findings.Distinct(), unit.Application.Manifest), clock.Elapsed);
    }

    public RenderResult Render(RepositoryModel model, RenderUnit unit, string artifact)
    {
        var clock = Stopwatch.StartNew();
        var chart = charts.Locate(unit, model, out var notRendered);
        if (chart == null) return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.NotRendered, Suppressions.Unsuppressed([notRendered!], unit.Application.Manifest), clock.Elapsed, "remote chart"), artifact, null, null);
        if (unit.IsLocal && ChartDependencies.NotVendored(model, unit, chart) is { } notVendored)
            return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.NotRendered, Suppressions.Unsuppressed([notVendored], unit.Application.Manifest), clock.Elapsed, "chart dependencies not vendored"), artifact, null, null);
        if (RenderInputLimits.Check(model, unit, chart) is { } overLimit)
            return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.Failed, [overLimit], clock.Elapsed), artifact, null, null);

        using var inline = UnitHelmSettings.WriteInlineValues(unit);
        var settings = UnitHelmSettings.Apply(new HelmTemplateSettings { ReleaseName = unit.ReleaseName, IncludeCrds = true }, unit, chart, helmPath, inline?.File(UnitHelmSettings.InlineValuesFile));
        var result = helm.Template(settings);
        var objectName = $"Application/{unit.Name}";
        if (!result.Succeeded)
        {
            var schema = SchemaErrorLocator.Locate(result.Error, UnitHelmSettings.ValuesInPrecedence(settings), model.Root, objectName, InlinePlace(model, unit, inline));
            IReadOnlyList<Finding> failures = schema.Count > 0 ? schema : [HelmOutputParser.Failure(Rules.HelmTemplate, result.Error, model.Relative(chart), objectName)];
            return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.Failed, Suppressions.Unsuppressed(failures, unit.Application.Manifest), clock.Elapsed), artifact, null, null);
        }
        var text = result.Output.EndsWith('\n') ? result.Output : result.Output + "\n";
        try
        {
            // helm's output as Argo CD reads it: a key twice in a mapping keeps its last pair (said, not refused).
            var duplicates = new List<DuplicateKey>();
            var objects = ManifestReader.Read(text, model.Relative(artifact), duplicates);
            var warnings = duplicates.Select(d => Rules.YamlDuplicateKey.At(objectName, model.Relative(artifact), d.Line, d.Message)).ToList();
            return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.Rendered, Suppressions.Unsuppressed(warnings, unit.Application.Manifest), clock.Elapsed, $"{objects.Count} objects"), artifact, text, objects);
        }
        catch (ManifestParseException e)
        {
            var finding = Rules.HelmTemplate.At(objectName, e.File, e.Line, "rendered output is not valid YAML: " + e.Message);
            return new RenderResult(new UnitOutcome(unit.Id, UnitStatus.Failed, Suppressions.Unsuppressed([finding], unit.Application.Manifest), clock.Elapsed), artifact, text, null);
        }
    }

    /// <summary>
    /// Where the unit's inline values are for helm, and in the repository: the Application's valuesObject at the violated
    /// key, else its values block, placed as any finding on the Application (<see cref="SourceFiles"/>: a rendered or
    /// generated Application at the template that made it).
    /// </summary>
    private static InlineValuesPlace? InlinePlace(RepositoryModel model, RenderUnit unit, IO.ScratchFolder? inline)
    {
        if (inline is null) return null;
        var (app, helm) = (unit.Application, unit.SourcePointer + "/helm");
        var inObject = app.Manifest.At(helm + "/valuesObject") is not null;
        return new InlineValuesPlace(inline.File(UnitHelmSettings.InlineValuesFile),
            pointer => new SourceFiles(model).Locate(app, inObject ? helm + "/valuesObject" + pointer : helm + "/values"));
    }
}
