using Cake.Core.Diagnostics;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Findings;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Session;

namespace GitOps.Build.Promotion;

/// <summary>
/// Promote, Rollback and PromotionStatus over a repository session: the <see cref="Promoter"/> with the session's
/// environments and targets (promotion.images of its configuration), the holds file (promotion.holds, else
/// promotion-holds.yaml at the root), and the environment rendered by the session's renderer and judged by
/// Validate's rules on its objects as they will render after the edit (<see cref="PromotionRendering"/>). The
/// diff, the commit a preview would make, the environment's standing errors and git's problems are said on the
/// log; the result says how it ended.
/// </summary>
public sealed class PromoteOperation(RepositorySession session, IGitWorkingTree git, ICakeLog log)
{
    public PromotionResult Run(PromoteOptions options) => Said(Promoter().Promote(options));

    public PromotionResult Rollback(RollbackRequest request) => Said(Promoter().Rollback(request));

    /// <summary>Every app in every environment, from what renders (see <see cref="PromotionStatus"/>).</summary>
    public IReadOnlyList<PromotionStatusRow> Status() =>
        PromotionStatus.Rows(git, EnvironmentCatalog.From(session.Model.Environments), Targets, Rendering, PromotionHolds.Read(HoldsFile, session.Relative(HoldsFile), session.Root));

    private Promoter Promoter() => new(git, EnvironmentCatalog.From(session.Model.Environments), Targets, Rendering, HoldsFile);

    private IReadOnlyList<PromotionTarget> Targets => PromotionTargets.From(session.Model, session.Config.PromotionImages);

    private string HoldsFile => PromotionHolds.FileOf(session.Config, session.Root);

    private PromotionRendering Rendering => new(session.Model, session.Renderer, ObjectChecks(session.Model));

    private PromotionResult Said(PromotionResult result)
    {
        if (!string.IsNullOrEmpty(result.Diff)) log.Say(result.Diff.TrimEnd());
        if (result.Outcome == PromotionOutcome.Previewed && result.CommitMessage is not null)
            log.Say("Commit it would make:\n" + result.CommitMessage.TrimEnd());
        if (result.Standing.Count > 0)
        {
            log.Warn($"{result.Standing.Count} error(s) the environment already has without this change (not held against it; CI reports them):");
            foreach (var standing in result.Standing) log.Warn("  " + standing);
        }
        foreach (var note in result.Notes) log.Say(note);
        foreach (var problem in result.Problems ?? []) log.Fail(problem);
        return result;
    }

    /// <summary>
    /// Validate's rules on the target's objects as they will render after the edit: the findings on
    /// that rendering and on its Application (not the rest of the repository, which CI judges).
    /// </summary>
    private Func<RenderUnit, RenderedUnit, IEnumerable<Finding>> ObjectChecks(RepositoryModel model) =>
        (unit, rendered) =>
        {
            var artifact = rendered.Objects.FirstOrDefault()?.File;
            return CheckRunner.Run(model, new Dictionary<string, IReadOnlyList<ManifestObject>> { [unit.Id] = rendered.Objects }, CheckOptions.For(session))
                // A finding on a rendered object names the repository file that made it; the artifact is its related location.
                .Where(f => f.File == artifact || f.RenderedFile == artifact || f.Object == $"Application/{unit.Name}");
        };
}
