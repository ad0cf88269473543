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
/// Promote over a repository session: the <see cref="Promoter"/> with the session's environments and
/// targets, the target linted and rendered by the session's renderer and judged by Validate's rules on
/// its objects as they will render after the edit (see <see cref="HelmPromotionChecks"/>). The diff, the
/// commit a preview would make and git's problems are said on the log; the result says how it ended.
/// </summary>
public sealed class PromoteOperation(RepositorySession session, IGitWorkingTree git, ICakeLog log)
{
    public PromotionResult Run(PromoteOptions options)
    {
        var model = session.Model;
        var checks = new HelmPromotionChecks(model, session.Renderer, ObjectChecks(model));
        var promoter = new Promoter(git, EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model), checks.Validate, checks.Render);
        var result = promoter.Promote(options);
        if (!string.IsNullOrEmpty(result.Diff)) log.Say(result.Diff.TrimEnd());
        if (result.Outcome == PromotionOutcome.Previewed && result.CommitMessage is not null)
            log.Say("Commit it would make:\n" + result.CommitMessage.TrimEnd());
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
                .Where(f => f.File == artifact || f.Object == $"Application/{unit.Name}");
        };
}
