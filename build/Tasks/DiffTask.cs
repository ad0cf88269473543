using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.GitOps;
using GitOps.Build.Hosting;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

/// <summary>
/// What a change does to the rendered manifests: the Applications it touches (see
/// <see cref="TouchedUnits"/>) rendered at the base revision and in the working tree, compared
/// object by object, written to artifacts/reports/diff.md, diff-full.md and diff.json. A change is
/// not a failure (exit 0); a working tree that does not render fails with its findings (exit 1).
/// </summary>
[TaskName("Diff")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(DiffSettings))]
[TaskDescription("Renders the Applications a change touches at --base (default: the merge-base with the default branch) and in the working tree; their differences to artifacts/reports/diff.md.")]
[IsDependentOn(typeof(ToolsTask))]
public sealed class DiffTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<DiffSettings>();
        var revision = context.DiffBase;
        using var side = await context.BaseSides.TakeAsync(revision);
        if (side.Problem is { } problem) context.Log.Warn(problem);
        var touched = TouchedUnits.Find(side.Model, context.Model, side.Compare(context.Root));
        context.Log.Say($"diff against {revision.Label} ({revision.Sha[..12]}): {touched.Count} of {TouchedUnits.WithDirectories(context.Model).Count()} units touched");

        var parallel = context.Rendering.Parallel;
        // Plain manifests of directory sources are compared as the loader read them; the rest is rendered.
        var baseRenderer = side.Model is null ? null : context.RendererFor(side.Model, side.Rendered);
        var jobs = touched.Where(t => t.Head is { Kind: not SourceKind.Directory }).Select(t => (t.Id, Head: true, Unit: t.Head!, Renderer: context.Renderer))
            .Concat(baseRenderer is null ? [] : touched.Where(t => t.Base is { Kind: not SourceKind.Directory }).Select(t => (t.Id, Head: false, Unit: t.Base!, Renderer: baseRenderer)))
            .ToList();
        // Both sides in one batch: a one-Application change renders its two sides at once, not one after the other.
        var results = new RenderResult[jobs.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs.Count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = context.Cancellation },
            (i, _) => { results[i] = jobs[i].Renderer.Render(jobs[i].Unit); return ValueTask.CompletedTask; });
        var after = jobs.Zip(results).Where(p => p.First.Head).ToDictionary(p => p.First.Id, p => p.Second);
        var before = jobs.Zip(results).Where(p => !p.First.Head).ToDictionary(p => p.First.Id, p => p.Second);
        // The working tree's renderings are the change under review: their failures are the run's findings.
        context.Report.Record("diff", after.Values.Select(r => r.Outcome));
        var units = touched.Select(t =>
        {
            if (t.Unit.Kind == SourceKind.Directory)
            {
                var (old, @new) = (t.Base is null ? [] : TouchedUnits.DirectoryObjects(side.Model!, t.Base), t.Head is null ? [] : TouchedUnits.DirectoryObjects(context.Model, t.Head));
                return new UnitDiff(t, ResourceDiff.Compare(old, @new, settings.IgnorePattern));
            }
            var (b, a) = (before.GetValueOrDefault(t.Id), after.GetValueOrDefault(t.Id));
            var note = string.Join(" ", new[] { NotRendered("the base revision", b), NotRendered("the working tree", a) }.OfType<string>());
            return new UnitDiff(t, ResourceDiff.Compare(b?.Objects ?? [], a?.Objects ?? [], settings.IgnorePattern), note.Length > 0 ? note : null);
        }).ToList();
        var diff = new DiffResult(revision.Label, revision.Sha, units);

        foreach (var unit in diff.Differing)
            context.Log.Say($"diff {unit.Id}: {unit.Touched.Change.ToString().ToLowerInvariant()}, {unit.Added} added, {unit.Changed} changed, {unit.Removed} removed (+{unit.LinesAdded} −{unit.LinesRemoved})");
        var files = ReportWriter.WriteDiff(diff, context.Artifacts, context.Environment.GetEnvironmentVariable);
        context.Log.Say($"diff: {string.Join(", ", files.Select(f => IO.RepoPath.Relative(context.Root, f)))}");
    }

    // Findings carry the detail (redacted helm output); the note says only that the side is empty and why in one phrase.
    private static string? NotRendered(string side, RenderResult? result) =>
        result is null || result.Objects is not null ? null : $"{side} does not render this unit ({result.Outcome.Status}); its objects are shown as none.";
}
