using System.Diagnostics;
using GitOps.Build.Checks;
using GitOps.Build.GitOps;
using GitOps.Build.Helm;

namespace GitOps.Build.Pipeline;

/// <summary><c>helm lint --strict</c> of every unit with its own values, in parallel; every failure reported.</summary>
public sealed class LintStage(IHelm helm, string helmPath, ChartLocator charts, string scratch, int parallelism)
{
    public async Task<IReadOnlyList<UnitOutcome>> RunAsync(RepositoryModel model, IEnumerable<RenderUnit> units, CancellationToken cancellationToken = default)
    {
        var list = units.ToList();
        var outcomes = new UnitOutcome[list.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, list.Count), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
            (i, _) => { outcomes[i] = Lint(model, list[i]); return ValueTask.CompletedTask; });
        return outcomes;
    }

    private UnitOutcome Lint(RepositoryModel model, RenderUnit unit)
    {
        var clock = Stopwatch.StartNew();
        if (!unit.IsLocal)
        {
            return new UnitOutcome(unit.Name, "skipped (remote chart: linted by its publisher)", [], clock.Elapsed);
        }
        var chart = charts.Locate(unit, model, out _)!;
        var inline = UnitHelmSettings.WriteInlineValues(unit, scratch);
        try
        {
            var settings = UnitHelmSettings.Apply(new HelmLintSettings { Strict = true }, unit, chart, helmPath, inline);
            var result = helm.Lint(settings);
            var objectName = $"Application/{unit.Name}";
            var chartRelative = model.Relative(chart);
            var output = result.Output + "\n" + result.Error;
            var findings = SchemaErrorLocator.Locate(output, UnitHelmSettings.ValuesInPrecedence(settings), model.Root, objectName).ToList();
            if (findings.Count == 0) findings.AddRange(HelmOutputParser.Lint(output, chartRelative, objectName, strict: true));
            if (!result.Succeeded && findings.Count == 0)
            {
                findings.Add(HelmOutputParser.Failure(Rules.HelmLint, result.Error + "\n" + result.Output, chartRelative, objectName));
            }
            // helm repeats its errors in the closing summary; report each once.
            return new UnitOutcome(unit.Name, result.Succeeded ? "passed" : "failed", Suppressions.Unsuppressed(findings.Distinct(), unit.Application.Manifest), clock.Elapsed);
        }
        finally
        {
            if (inline != null) File.Delete(inline);
        }
    }
}
