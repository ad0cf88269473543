using Cake.Core;
using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Findings;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.Hosting;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;

namespace GitOps.Build.Tasks;

[TaskName("Promote")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(ToolPathSettings), typeof(PromoteSettings))]
[TaskDescription("Moves an image tag to the next environment (--app, --to, [--from|--tag], --force, --preview, --git-tag, --push): validated, then committed.")]
public sealed class PromoteTask : FrostingTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        var settings = context.Settings<PromoteSettings>();
        var request = new PromotionRequest(settings.App, settings.To, settings.From, settings.Tag, settings.Force);
        var options = new PromoteOptions(request, settings.Preview, settings.GitTag, settings.Push);

        var model = context.Model;
        var checks = new HelmPromotionChecks(model, context.Renderer, ObjectChecks(context, model));
        var promoter = new Promoter(GitWorkingTree.Open(context.Root), EnvironmentCatalog.From(model.Environments),
            PromotionTargets.From(model), checks.Validate, checks.Render);

        var result = promoter.Promote(options);

        if (!string.IsNullOrEmpty(result.Diff)) context.Log.Say(result.Diff.TrimEnd());
        if (result.Outcome == PromotionOutcome.Previewed && result.CommitMessage is not null)
            context.Log.Say("Commit it would make:\n" + result.CommitMessage.TrimEnd());
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
