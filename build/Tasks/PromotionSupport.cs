using Cake.Core;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Findings;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.Hosting;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Promotion;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tasks;

/// <summary>What Promote, Rollback and PromotionStatus share: the targets, the rendering that proves an edit, the holds file, and how a result is printed.</summary>
internal static class PromotionSupport
{
    public static IReadOnlyList<PromotionTarget> Targets(BuildContext context) =>
        PromotionTargets.From(context.Model, context.Repository.Config.PromotionImages);

    public static string HoldsFile(BuildContext context) =>
        context.Repository.Config.PromotionHolds ?? Path.Combine(context.Root, PromotionHolds.DefaultPath);

    public static IGitWorkingTree Git(BuildContext context) => GitWorkingTree.Open(context.Root);

    /// <summary>The renderer service with Validate's rules on what the edited environment renders.</summary>
    public static PromotionRendering Rendering(BuildContext context) =>
        new(context.Model, context.Renderer, ObjectChecks(context, context.Model));

    public static Promoter Promoter(BuildContext context) =>
        new(Git(context), EnvironmentCatalog.From(context.Model.Environments), Targets(context), Rendering(context), HoldsFile(context));

    /// <summary>--pull-request: the service (resolved in the run check) and the body writer; null without it.</summary>
    public static PullRequestDelivery? PullRequest(BuildContext context) =>
        context.Settings<PullRequestSettings>().PullRequest ? new PullRequestDelivery(context.PullRequests, PullRequestBody.Write) : null;

    /// <summary>Prints the diff, the commit a preview would make and any problems; a failure ends the task with its message (exit 1).</summary>
    public static void Report(BuildContext context, PromotionResult result)
    {
        if (!string.IsNullOrEmpty(result.Diff)) context.Log.Say(result.Diff.TrimEnd());
        if (result.Outcome == PromotionOutcome.Previewed && result.CommitMessage is not null)
            context.Log.Say("Commit it would make:\n" + result.CommitMessage.TrimEnd());
        if (result.Standing.Count > 0)
        {
            context.Log.Warn($"{result.Standing.Count} error(s) the environment already has without this change (not held against it; CI reports them):");
            foreach (var standing in result.Standing) context.Log.Warn("  " + standing);
        }
        foreach (var problem in result.Problems ?? []) context.Log.Fail(problem);
        if (result.ExitCode != 0) throw new CakeException(ExitCodes.Failure, result.Message);
        context.Log.Say(result.Message);
    }

    /// <summary>
    /// Validate's rules on the target's objects as they will render after the edit: the findings on
    /// that rendering and on its Application (not the rest of the repository, which CI judges).
    /// </summary>
    private static Func<RenderUnit, RenderedUnit, IEnumerable<Finding>> ObjectChecks(BuildContext context, RepositoryModel model) =>
        (unit, rendered) =>
        {
            var options = CheckOptions.For(context.Repository.Config) with { SealingCertificate = SealingSupport.Certificate(context).Certificate };
            var artifact = rendered.Objects.FirstOrDefault()?.File;
            return CheckRunner.Run(model, new Dictionary<string, IReadOnlyList<ManifestObject>> { [unit.Id] = rendered.Objects }, options)
                .Where(f => f.File == artifact || f.Object == $"Application/{unit.Name}");
        };
}
