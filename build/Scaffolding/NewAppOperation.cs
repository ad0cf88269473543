using System.Text;
using Cake.Core.Diagnostics;
using GitOps.Build.Checks;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using GitOps.Build.Session;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// NewApp over a repository session: refuses (exit 2, nothing written) a name that is no DNS label, an app that
/// exists, a dirty work tree, an app to copy that cannot be chosen or read; learns the model app's shape
/// (<see cref="ShapeReader"/>); plans every file for every environment (<see cref="HelmAppWriter"/>,
/// <see cref="KustomizeAppWriter"/>); runs CI on a scratch copy with them (<see cref="ScratchCheck"/>), which must add
/// no error and show the new app in every environment running its image; then writes and commits them all
/// (<see cref="ScaffoldDelivery"/>), opens them as a pull request, or previews them.
/// </summary>
/// <param name="pullRequest">--pull-request: where the change is opened instead of committed here; null: committed here.</param>
public sealed class NewAppOperation(RepositorySession session, IGitWorkingTree git, ICakeLog log, int parallelism = 2, CancellationToken cancellation = default,
    PullRequestDelivery? pullRequest = null)
{
    public async Task<ScaffoldResult> RunAsync(NewAppRequest request, bool preview)
    {
        var name = request.Name;
        if (!GitOps.KubernetesNames.IsDnsLabel(name)) throw new InputException($"--name={name} is not a DNS label ({GitOps.KubernetesNames.WhyNotDnsLabel(name)}); an app's name becomes part of object names, labels and namespaces, e.g. --name=notifier.");
        RefuseDirty(git, "new app");
        var delivery = new ScaffoldDelivery(git, pullRequest, $"new-app/{name}", ["new-app", $"app:{name}"]);
        if (!preview) delivery.RefuseWhatGitWouldRefuse();
        if (!preview && delivery.AlreadyOpen() is { } open) return open;
        var model = session.Model;
        if (model.AppNames.Contains(name, StringComparer.OrdinalIgnoreCase) || model.Applications.Any(a => a.Name == name))
            throw new InputException($"--name={name}: the app {name} exists already (in {string.Join(", ", model.UnitsOf(name, null).Select(u => u.Environment).OfType<string>().Distinct())}); choose another name.");
        var from = ModelApp(model, request.From);
        var shape = ShapeReader.Read(model, from, request.Environments);
        RefuseMutableTags(model, request, shape);

        var plan = new NewAppPlan(model, session.Renderer, request, shape);
        if (shape.Kind == SourceShape.Helm) HelmAppWriter.Plan(plan);
        else KustomizeAppWriter.Plan(plan, (int)(CheckOptions.For(session.Config).Profile.RunAsUser ?? 1000));

        log.Say($"NewApp {name}: {plan.Changes.Files.Count} file(s) planned from {from}'s shape ({Describe(shape, model)}); running CI on a scratch copy without and with them...");
        var check = await new ScratchCheck(session, git, parallelism, cancellation).RunAsync(plan.Changes, plan.Token, (after, rendered) => Verify(plan, after, rendered));
        var subject = $"NewApp {name}: like {from}, in {string.Join(", ", shape.Environments.Select(e => e.Environment))}";
        return delivery.Deliver(plan.Changes, subject, Body(plan), check, plan.ToFillIn, preview,
            "NewApp; CI ran on a scratch copy of the repository with these files before they were committed, and added no error");
    }

    /// <summary>The app to copy: --from, else the one app deployed per environment.</summary>
    private static string ModelApp(RepositoryModel model, string? from)
    {
        var apps = ShapeReader.DeployedApps(model);
        if (from is not null)
        {
            return apps.FirstOrDefault(a => string.Equals(a, from, StringComparison.OrdinalIgnoreCase))
                ?? throw new InputException($"--from={from} is not an app deployed per environment here" + (EditDistance.Closest(from, apps) is { } close ? $" (did you mean {close}?)" : "")
                    + $"; apps: {(apps.Count > 0 ? string.Join(", ", apps) : "none")}.");
        }
        return apps.Count switch
        {
            1 => apps[0],
            0 => throw new InputException("no app here is deployed per environment (no Application names an app and an environment), so there is no shape to copy; "
                + $"Applications read: {(model.Applications.Count > 0 ? string.Join(", ", model.Applications.Select(a => model.Relative(a.Manifest.File)).Distinct()) : "none")}."),
            _ => throw new InputException($"{apps.Count} apps could be the model for the new one ({string.Join(", ", apps)}); say which with --from=<app>."),
        };
    }

    /// <summary>An environment whose tags must be immutable never gets a moving one.</summary>
    private static void RefuseMutableTags(RepositoryModel model, NewAppRequest request, AppShape shape)
    {
        var image = request.Image;
        if (image.Tag is null || image.Digest is not null || ImageTags.IsImmutable(image.Tag)) return;
        var strict = shape.Environments.Select(e => e.Environment).Where(e => model.Environments.Find(e)?.ImmutableTags == true).ToList();
        if (strict.Count > 0)
            throw new InputException($"--image={image.Reference(image.Tag)}: {string.Join(", ", strict)} take{(strict.Count == 1 ? "s" : "")} immutable tags only, and '{image.Tag}' moves; "
                + $"give {ImageTags.AcceptedForms}.");
    }

    /// <summary>The new app must be in every planned environment, running its image there.</summary>
    private static IReadOnlyList<string> Verify(NewAppPlan plan, RepositoryModel after, RenderedSet rendered)
    {
        var problems = new List<string>();
        var name = plan.Request.Name;
        foreach (var (environment, expected) in plan.ExpectedImages)
        {
            var units = after.UnitsOf(name, environment).Where(u => string.Equals(u.App, name, StringComparison.Ordinal)).ToList();
            if (units.Count != 1)
            {
                problems.Add(units.Count == 0
                    ? $"with the new files there is no Application of {name} in {environment}" + (plan.Shape.In(environment).Origin is ApplicationOrigin.Discovered d
                        ? $" (the ApplicationSet {d.ApplicationSet} in {plan.Relative(d.File)} did not generate one from them)" : "")
                    : $"with the new files {name} has {units.Count} Applications in {environment} ({string.Join(", ", units.Select(u => u.Name))})");
                continue;
            }
            var objects = rendered.ByUnit.GetValueOrDefault(units[0].Id) ?? [];
            var images = RenderedImages.Of(objects).Select(c => c.Image.Text).Distinct().ToList();
            if (!images.Contains(expected))
                problems.Add($"{name} in {environment} ({units[0].Name}) renders {(images.Count > 0 ? string.Join(", ", images) : "no container")}, not {expected}");
        }
        return problems;
    }

    private static string Describe(AppShape shape, RepositoryModel model)
    {
        var origin = shape.Environments[0].Origin switch
        {
            ApplicationOrigin.OwnFile => "an Application file per environment",
            ApplicationOrigin.ListElements l => $"list elements of the ApplicationSet {l.ApplicationSet}",
            ApplicationOrigin.Discovered d => $"Applications the ApplicationSet {d.ApplicationSet} generates from its folders",
            _ => "",
        };
        var source = shape.Kind == SourceShape.Helm
            ? shape.OwnChart is { } chart ? $"its own chart {model.Relative(chart)} with values per environment" : "a shared chart with values per environment"
            : "a Kustomize overlay per environment";
        return $"{source}, {origin}";
    }

    private static string Body(NewAppPlan plan)
    {
        var text = new StringBuilder();
        text.Append($"Image: {string.Join(", ", plan.ExpectedImages.Select(kv => $"{kv.Key} {kv.Value}"))}.\n");
        text.Append($"Copied the shape of {plan.Shape.App}; files:\n");
        foreach (var file in plan.Changes.RelativePaths) text.Append("  ").Append(file).Append('\n');
        if (plan.ToFillIn.Count > 0)
        {
            text.Append("\nTo fill in:\n");
            foreach (var item in plan.ToFillIn) text.Append("  - ").Append(item).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>A work tree with changes would mix them into the commit (or lose them on an undo): refused (exit 2) before anything is read.</summary>
    internal static void RefuseDirty(IGitWorkingTree git, string what)
    {
        var dirty = git.DirtyFiles();
        if (dirty.Count > 0)
            throw new InputException($"the working tree has uncommitted changes ({string.Join(", ", dirty.Take(10))}{(dirty.Count > 10 ? $" and {dirty.Count - 10} more" : "")}); commit or stash them first, so the {what}'s commit holds only its files. Nothing was written.");
    }
}
