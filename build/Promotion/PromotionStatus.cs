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
    public static IReadOnlyList<PromotionStatusRow> Rows(IGitWorkingTree git, EnvironmentCatalog catalog, IReadOnlyList<PromotionTarget> targets,
        IPromotionRenderer renderer, IReadOnlyList<PromotionHold> holds)
    {
        var read = targets.ToDictionary(t => (t.App, t.Environment), t => Read(git, t, renderer, holds));
        return targets
            .OrderBy(t => t.App, StringComparer.Ordinal)
            .ThenBy(t => catalog.PositionOf(t.Environment) is var i and >= 0 ? i : int.MaxValue)
            .ThenBy(t => t.Environment, StringComparer.Ordinal)
            .Select(t =>
            {
                var row = read[(t.App, t.Environment)];
                var previous = catalog.Previous(t.Environment);
                var behind = previous is not null && read.TryGetValue((t.App, previous), out var before)
                    && before.Tag is not null && before.Tag != row.Tag;
                return row with { Behind = behind };
            })
            .ToList();
    }

    private static PromotionStatusRow Read(IGitWorkingTree git, PromotionTarget target, IPromotionRenderer renderer, IReadOnlyList<PromotionHold> holds)
    {
        var hold = PromotionHolds.On(holds, target.App, target.Environment);
        try
        {
            if (target.Refusal is not null) throw new PromotionRefusedException(target.Refusal);
            var image = EnvironmentImages.Read(target, renderer.Render(target, new Dictionary<string, string>()));
            return new PromotionStatusRow(target.App, target.Environment, image.Version, image.Repository, image.Containers,
                PromotionHistory.SetBy(git, image), false, hold);
        }
        catch (Exception e) when (e is PromotionRefusedException or InvalidOperationException)
        {
            return new PromotionStatusRow(target.App, target.Environment, null, null, [], null, false, hold, e.Message);
        }
    }
}
