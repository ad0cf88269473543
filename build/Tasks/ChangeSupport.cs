using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

/// <summary>What Diff and CI --since share: the base side read with the run's entry points, and the units a change touches.</summary>
public static class ChangeSupport
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BuildContext, Task<BaseSide>> Preloaded = [];

    /// <summary>
    /// Starts writing and reading Diff's base side on a background thread (WarmupLifetime, before the first
    /// task): on a large repository, writing its files and reading its model is most of a diff's own time,
    /// and it needs nothing the tasks before Diff produce.
    /// </summary>
    public static void PreloadBase(BuildContext context) =>
        Preloaded.AddOrUpdate(context, Task.Run(() => OpenBase(context, context.Settings<DiffSettings>().Revision)));

    /// <summary>The base side <see cref="PreloadBase"/> started (the caller owns it from now on), else opened now.</summary>
    public static async Task<BaseSide> TakeBaseAsync(BuildContext context, GitRevisions.Revision revision)
    {
        if (!Preloaded.TryGetValue(context, out var preloaded)) return OpenBase(context, revision);
        Preloaded.Remove(context);
        return await preloaded;
    }

    /// <summary>A preloaded base side no task took (the run stopped before Diff): its scratch folder is deleted.</summary>
    public static void ReleaseBase(BuildContext context)
    {
        if (!Preloaded.TryGetValue(context, out var preloaded)) return;
        Preloaded.Remove(context);
        try { preloaded.GetAwaiter().GetResult().Dispose(); }
        catch (Exception) { /* it failed to open: nothing to delete, and the run has its own error */ }
    }

    public static BaseSide OpenBase(BuildContext context, GitRevisions.Revision revision)
    {
        var repository = context.Repository;
        var givenRootApp = repository.RootApp != null ? repository.RootAppPath : null;
        return BaseSide.Open(revision, repository.RepositoryRoot, givenRootApp, repository.ProjectsPath, repository.EnvironmentsPath,
            config => context.Expander(config.Clusters), context.ApplicationsWhileLoading,
            context.Cancellation);
    }

    /// <summary>
    /// The ids of the units touched since --since (null without it): what <see cref="BuildContext.SelectedUnits"/>
    /// narrows Lint and Template to. Units removed since then are gone from the working tree, so not among them.
    /// </summary>
    public static IReadOnlySet<string>? TouchedSince(BuildContext context)
    {
        if (context.Settings<SinceSettings>().Revision is not { } revision) return null;
        using var side = OpenBase(context, revision);
        if (side.Problem is { } problem) context.Log.Warn(problem);
        var touched = TouchedUnits.Find(side.Model, context.Model, side.Compare(context.Root))
            .Where(t => t.Head is { Kind: not SourceKind.Directory }).Select(t => t.Id).ToHashSet(StringComparer.Ordinal);
        context.Log.Say($"--since={revision.Label} ({revision.Sha[..12]}): {touched.Count} of {context.Model.Units.Count} units touched" +
                        (touched.Count > 0 ? ": " + string.Join(", ", touched.Order(StringComparer.Ordinal)) : ""));
        return touched;
    }

    /// <summary>
    /// Under --since, the units Template did not render because the change does not touch them, rendered
    /// (the helm result cache makes that cheap) only so that Validate's repository-wide checks
    /// (duplicates across Applications, project rules, overlap) see every Application. Their outcomes
    /// are not recorded and no artifact is written; empty without --since.
    /// </summary>
    public static async Task<IReadOnlyList<RenderedUnit>> RenderUntouchedAsync(BuildContext context)
    {
        if (context.TouchedSince is not { } touched) return [];
        var selection = context.Settings<SelectionSettings>();
        var rest = context.Model.UnitsOf(selection.App, selection.Environment).Where(u => !touched.Contains(u.Id)).ToList();
        var results = await context.Renderer.RenderAllAsync(rest, context.Rendering.Parallel, context.Cancellation);
        return results.Select(r => r.Rendered).OfType<RenderedUnit>().ToList();
    }
}
