using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.Hosting;
using GitOps.Build.Mapping;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

/// <summary>
/// What a change does to the rendered manifests: the Applications it touches (see
/// <see cref="TouchedUnits"/>) rendered at the base revision and in the working tree, compared
/// object by object, with the Applications' own changes (see <see cref="ChangeDiff"/>), written to
/// artifacts/reports/diff.md, diff-full.md and diff.json. A change is not a failure (exit 0); a
/// working tree that does not load or render fails with its findings (exit 1).
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

        var baseRenderer = side.Model is null ? null : context.RendererFor(side.Model, side.Rendered);
        var (diff, outcomes) = await ChangeDiff.BuildAsync(revision, touched, side.Model, baseRenderer, context.Model, context.Renderer,
            settings.IgnorePattern, context.Rendering.Parallel, context.Cancellation);
        // The working tree is the change under review: what keeps it from loading or rendering is the run's findings.
        context.Report.Record("diff", outcomes);
        if (diff.Problems.Count > 0) context.Report.Record("diff", "repository", diff.Problems, TimeSpan.Zero);

        foreach (var app in diff.Applications)
            context.Log.Say($"diff Application/{app.Application}: {app.Change.ToString().ToLowerInvariant()}{(app.Fields.Count > 0 ? ", " + string.Join(", ", app.Fields.Select(f => f.Field)) : "")}");
        foreach (var unit in diff.Differing)
            context.Log.Say($"diff {unit.Id}: {unit.Touched.Change.ToString().ToLowerInvariant()}, {unit.Added} added, {unit.Changed} changed, {unit.Removed} removed (+{unit.LinesAdded} −{unit.LinesRemoved})");
        // The comment's small map: the touched Applications still in the working tree, and what deploys them.
        var map = await RepositoryMap.DrawAsync(context.Model, context.Renderer, new MapOptions { Only = TouchedUnits.Applications(touched, diff) },
            context.Rendering.Parallel, context.Cancellation);
        var files = ReportWriter.WriteDiff(diff, context.Artifacts, context.Environment.GetEnvironmentVariable, map.Graph);
        context.Log.Say($"diff: {string.Join(", ", files.Select(f => IO.RepoPath.Relative(context.Root, f)))}");
    }
}
