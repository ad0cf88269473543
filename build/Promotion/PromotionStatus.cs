using GitOps.Build.Git;

namespace GitOps.Build.Promotion;

/// <summary>One line of the PromotionStatus table: an app in an environment, from what the environment renders.</summary>
/// <param name="Tag">The version (tag, tag@digest or @digest) every workload of the app runs; null when they disagree or nothing could be read.</param>
/// <param name="Repository">The app's image repository; null when it could not be read (<see cref="Problem"/> says why).</param>
/// <param name="Workloads">Each container of the app with the reference it renders.</param>
/// <param name="LastChange">The newest commit that set the version where the environment's files hold it; null when not committed yet.</param>
/// <param name="Behind">The environment before this one in the promotion order runs a different version.</param>
/// <param name="Hold">A hold on the app in this environment (Rollback), which Promote respects.</param>
public sealed record PromotionStatusRow(string App, string Environment, string? Tag, string? Repository, IReadOnlyList<RenderedContainer> Workloads,
    GitCommitSummary? LastChange, bool Behind, PromotionHold? Hold = null, string? Problem = null)
{
    /// <summary>The Application the row reads (an app may have several in an environment, one per region or cluster); null for rows made up in tests.</summary>
    public string? Application { get; init; }

    /// <summary>The app's workloads run different references.</summary>
    public bool Disagrees => Workloads.Select(w => w.Image.Version).Distinct().Count() > 1;

    /// <summary>The reference every workload runs, or null.</summary>
    public string? Reference => Repository is not null && Tag is not null ? ImageTagRules.On(Repository, Tag).Text : null;
}

/// <summary>
/// Every app in every environment, from what deploys: the image reference each of its workloads renders (an
/// environment whose workloads disagree is flagged), the commit that set it, its hold, and whether it is behind
/// the environment before it in the promotion order.
/// </summary>
public static class PromotionStatus
{
    /// <summary>The rows of a repository: its environments' promotion order, every app's targets (promotion.images named).</summary>
    /// <param name="git">The working tree whose history says who set each version; null: not read (the map needs the versions only).</param>
    public static IReadOnlyList<PromotionStatusRow> Of(IGitWorkingTree? git, GitOps.RepositoryModel model, IPromotionRenderer renderer,
        IReadOnlyList<PromotionHold> holds, IReadOnlyDictionary<string, string>? images = null) =>
        Rows(git, EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model, images), renderer, holds);

    /// <param name="git">The working tree whose history says who set each version; null: not read.</param>
    public static IReadOnlyList<PromotionStatusRow> Rows(IGitWorkingTree? git, EnvironmentCatalog catalog, IReadOnlyList<PromotionTarget> targets,
        IPromotionRenderer renderer, IReadOnlyList<PromotionHold> holds)
    {
        var read = targets.Select(t => (Target: t, Row: Read(git, t, renderer, holds))).ToList();
        // An app may have several Applications in one environment (one per region or cluster): each is a row.
        var byEnvironment = read.ToLookup(r => (r.Target.App, r.Target.Environment), r => r.Row.Tag);
        return read
            .OrderBy(r => r.Target.App, StringComparer.Ordinal)
            .ThenBy(r => catalog.PositionOf(r.Target.Environment) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(r => r.Target.Environment, StringComparer.Ordinal)
            .Select(r =>
            {
                var previous = catalog.Previous(r.Target.Environment);
                // Behind: the environment before runs a version, and none of its Applications runs this one (or this one runs none that could be read).
                var before = previous is null ? [] : byEnvironment[(r.Target.App, previous)].OfType<string>().ToList();
                return r.Row with { Behind = before.Count > 0 && (r.Row.Tag is not { } tag || !before.Contains(tag)) };
            })
            .ToList();
    }

    private static PromotionStatusRow Read(IGitWorkingTree? git, PromotionTarget target, IPromotionRenderer renderer, IReadOnlyList<PromotionHold> holds)
    {
        var hold = PromotionHolds.On(holds, target.App, target.Environment);
        try
        {
            if (target.Refusal is not null) throw new PromotionRefusedException(target.Refusal);
            var image = EnvironmentImages.Read(target, renderer.Render(target, new Dictionary<string, string>()));
            return new PromotionStatusRow(target.App, target.Environment, image.Version, image.Repository, image.Containers,
                git is null ? null : PromotionHistory.SetBy(git, image), false, hold) { Application = target.Application };
        }
        catch (Exception e) when (e is PromotionRefusedException or InvalidOperationException)
        {
            return new PromotionStatusRow(target.App, target.Environment, null, null, [], null, false, hold, e.Message) { Application = target.Application };
        }
    }
}
