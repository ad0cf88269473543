using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.Hosting;
using GitOps.Build.Mapping;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

/// <summary>
/// What a change does to the rendered manifests (see <see cref="DiffOperation"/>), written to
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
        var (diff, outcomes) = await new DiffOperation(context.BaseSides, context.Log)
            .RunAsync(context.DiffBase, context.Settings<DiffSettings>().IgnorePattern, context.Rendering.Parallel, context.Cancellation);
        // The working tree is the change under review: what keeps it from loading or rendering is the run's findings.
        context.Report.Record("diff", outcomes);
        if (diff.Problems.Count > 0) context.Report.Record("diff", "repository", diff.Problems, TimeSpan.Zero);
        // The comment's small map: the touched Applications still in the working tree, and what deploys them.
        var map = await RepositoryMap.DrawAsync(context.Session, context.Session.Renderer, new MapOptions { Only = TouchedUnits.Applications(diff) },
            context.Rendering.Parallel, context.Cancellation);
        var files = ReportWriter.WriteDiff(diff, context.Artifacts, context.Environment.GetEnvironmentVariable, map.Graph);
        context.Log.Say($"diff: {string.Join(", ", files.Select(f => IO.RepoPath.Relative(context.Root, f)))}");
    }
}
