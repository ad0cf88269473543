using GitOps.Build.GitOps;
using GitOps.Build.IO;

namespace GitOps.Build.Pipeline;

/// <summary>
/// What the Template stage rendered in a run, the set Validate checks: the outcome of each unit it
/// rendered for the reports, and the objects of every unit that rendered (those rendered only for the
/// repository-wide checks included).
/// </summary>
public sealed record RenderedSet(IReadOnlyList<UnitOutcome> Outcomes, IReadOnlyList<RenderedUnit> Rendered)
{
    /// <summary>The rendered objects by unit id, as the check runner takes them.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Manifests.ManifestObject>> ByUnit => Rendered.ToDictionary(r => r.Unit, r => r.Objects);
}

/// <summary>
/// The Template stage: every unit rendered by the renderer service, in parallel, its text written
/// to its artifact, artifacts/rendered/&lt;id&gt;.yaml (atomically), and its objects kept for Validate.
/// </summary>
public sealed class TemplateStage(IRenderer renderer, int parallelism)
{
    /// <param name="forChecksOnly">
    /// Units rendered only so that Validate's repository-wide checks (duplicates across Applications,
    /// project rules, overlaps) see every Application (CI --since: those the change does not touch;
    /// the result cache of helm and kustomize makes that cheap): no outcome is reported and no artifact written for them.
    /// </param>
    public async Task<RenderedSet> RunAsync(IEnumerable<RenderUnit> units, IEnumerable<RenderUnit>? forChecksOnly = null,
        CancellationToken cancellationToken = default)
    {
        var written = units.Select(u => (Unit: u, Write: true));
        var jobs = written.Concat((forChecksOnly ?? []).Select(u => (Unit: u, Write: false))).ToList();
        var results = await RenderBatch.RunAsync(jobs, parallelism, job =>
        {
            var result = renderer.Render(job.Unit);
            if (job.Write && result.Text is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(result.Artifact)!);
                AtomicFile.WriteAllText(result.Artifact, result.Text);
            }
            return result;
        }, cancellationToken);
        var outcomes = jobs.Zip(results).Where(p => p.First.Write).Select(p => p.Second.Outcome).ToList();
        return new RenderedSet(outcomes, results.Select(r => r.Rendered).OfType<RenderedUnit>().ToList());
    }
}
