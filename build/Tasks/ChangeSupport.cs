using GitOps.Build.Arguments.Settings;
using GitOps.Build.Changes;
using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

/// <summary>What Diff and CI --since share: the base side read with the run's entry points, and the units a change touches.</summary>
public static class ChangeSupport
{
    public static BaseSide OpenBase(BuildContext context, GitRevisions.Revision revision)
    {
        var repository = context.Repository;
        return BaseSide.Open(revision, repository.RepositoryRoot, repository.RootAppPath, repository.RootApp != null, repository.ProjectsPath,
            repository.EnvironmentsPath, GitOps.ApplicationSets.ApplicationSetExpander.WithHelm(() => context.HelmPath), context.Cancellation);
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
