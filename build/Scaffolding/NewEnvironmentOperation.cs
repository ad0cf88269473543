using System.Text;
using Cake.Core.Diagnostics;
using GitOps.Build.Git;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using GitOps.Build.Session;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>What NewEnvironment is asked for: the new environment, its place in the promotion order (next to the environment it copies), its namespace (null: that environment's, renamed).</summary>
public sealed record NewEnvironmentRequest(string Name, EnvironmentPlace Place, string? Namespace = null);

/// <summary>
/// NewEnvironment over a repository session: the environment added to the configuration that declares the
/// environments (right after --after, or right before --before, in promotion.order; its policy and namespace copied
/// from that environment's, "the source" below, even a prod's for an environment before it: a copy is never looser than
/// what it copies, and that is said to review), and for every app the source runs, the files of its own there copied
/// under the new name: its values file or overlay, its Application (or ApplicationSet list elements, or the
/// ApplicationSet that generates only the source's apps), each still running the tag the source runs. CI on a scratch copy with them must add no error and show every app in the
/// new environment; then all are written and committed (or previewed). Refused (exit 2, nothing written): a name
/// that is no DNS label or exists, a dirty work tree, a layout it cannot copy. Environments only inferred from the
/// Applications' names are declared first (<see cref="InferredEnvironmentDeclaration"/>), in gitops-build.yaml.
/// </summary>
/// <param name="pullRequest">--pull-request: where the change is opened instead of committed here; null: committed here.</param>
public sealed class NewEnvironmentOperation(RepositorySession session, IGitWorkingTree git, ICakeLog log, int parallelism = 2, CancellationToken cancellation = default,
    PullRequestDelivery? pullRequest = null)
{
    public async Task<ScaffoldResult> RunAsync(NewEnvironmentRequest request, bool preview)
    {
        var (name, place) = (request.Name, request.Place);
        var source = place.Environment; // its files and policy are copied, whichever side of it the new one goes
        if (!GitOps.KubernetesNames.IsDnsLabel(name)) throw new InputException($"--name={name} is not a DNS label ({GitOps.KubernetesNames.WhyNotDnsLabel(name)}); an environment's name becomes part of file names, labels and namespaces.");
        NewAppOperation.RefuseDirty(git, "new environment");
        var delivery = new ScaffoldDelivery(git, pullRequest, $"new-environment/{name}", ["new-environment", $"env:{name}"]);
        if (!preview) delivery.RefuseWhatGitWouldRefuse();
        if (!preview && delivery.AlreadyOpen() is { } open) return open;
        var model = session.Model;
        var known = ShapeReader.Environments(model);
        if (known.Contains(name, StringComparer.OrdinalIgnoreCase)) throw new InputException($"--name={name}: the environment {name} exists already; environments: {string.Join(", ", known)}.");
        if (!known.Contains(source)) throw new InputException($"{place.Argument} is no environment here; environments: {string.Join(", ", known)}.");
        var token = new NameToken(source, name);
        var changes = new FileChanges(model.Root);
        var environments = model.Environments;
        var toReview = new List<string>();
        if (environments.Inferred)
        {
            // Nothing declares them: they are declared now, in the order the names imply, with the new one in its place.
            IReadOnlyList<string> declared;
            (environments, declared) = InferredEnvironmentDeclaration.Plan(model, session.Renderer, known, token, place, request.Namespace, changes);
            toReview.AddRange(declared);
            log.Say($"NewEnvironment {name}: the environments were inferred from the Applications' names; {Config.RepositoryConfig.FileName} declares them with {name} (see To review).");
        }
        else if (environments.File.Length == 0 || !File.Exists(environments.File))
            throw new InputException($"no file declares the environments ({known.Count} named by the Applications: {string.Join(", ", known)}); declare them in {Config.RepositoryConfig.FileName} "
                + $"(promotion: {{order: [...]}} and environments:, see docs/configuration.md), then run NewEnvironment again.");
        var policy = environments.Find(source);
        var oldNamespace = policy?.Namespace;
        var newNamespace = request.Namespace ?? (oldNamespace is null ? null : token.RenamePath(oldNamespace));
        if (oldNamespace is not null && newNamespace is null)
            throw new InputException($"{source}'s namespace {oldNamespace} does not name {source}, so the new environment's cannot be derived from it; give --namespace=<name>.");
        if (!model.Environments.Inferred)
        {
            Configuration(changes, model, environments.File, token, place, oldNamespace, newNamespace);
            if (place.Before && policy is not null) toReview.Add(CopiedPolicy.Review(policy with { Name = name, Namespace = newNamespace }, place, model.Relative(environments.File)));
        }

        var apps = ShapeReader.DeployedApps(model).Where(a => model.UnitsOf(a, source).Any()).ToList();
        var copiedSets = new HashSet<string>(StringComparer.Ordinal);
        var toFillIn = new List<string>();
        foreach (var app in apps)
        {
            var slice = ShapeReader.Read(model, app, [source]).In(source);
            var runs = RunningImage(session.Renderer, slice.Unit);
            string? Renamed(YamlValue v) =>
                runs(v) ? null : oldNamespace is not null && v.Value == oldNamespace ? newNamespace : token.Rename(v.Value);
            foreach (var file in slice.OwnFiles.Where(f => !SharedWithTheCopy(model, token, slice.Unit, f)))
            {
                // Sealed values are bound to the source's namespace: they would not open in the new one.
                var target = Target(model, token, file);
                var removed = new List<BorrowedValues.Removed>();
                changes.Add(target, BorrowedValues.Strip(YamlBlockEditor.Rewrite(ValuesFile.Read(file).Text, model.Relative(file), Renamed, token.Rename), target, onlySealed: true, removed));
                toFillIn.AddRange(BorrowedValues.Describe(target, source, name, $"./build.sh --target=SealSecret --app={app} --env={name} --key=<KEY>", removed));
            }
            if (slice.Origin is ApplicationOrigin.Discovered set && copiedSets.Add(set.File))
                CopyApplicationSet(changes, model, token, set, source, Renamed);
            else new ApplicationCopies(model, changes, token).Plan(slice, new HashSet<string>(), policy, Renamed);
        }

        log.Say($"NewEnvironment {name}: {changes.Files.Count} file(s) planned {place} for {apps.Count} app(s) ({string.Join(", ", apps)}); running CI on a scratch copy without and with them...");
        var check = await new ScratchCheck(session, git, parallelism, cancellation).RunAsync(changes, token, (afterModel, _) => Verify(afterModel, apps, name, place), copiesInherit: true);
        var subject = $"NewEnvironment {name}: {place}, with {(apps.Count > 0 ? string.Join(", ", apps) : "no app")}";
        var body = new StringBuilder($"Promotion order and policy in {model.Relative(environments.File)}; namespace {newNamespace ?? "(none declared)"}. Each app runs the tag it runs in {source}.\nFiles:\n");
        foreach (var file in changes.RelativePaths) body.Append("  ").Append(file).Append('\n');
        if (toReview.Count > 0)
            body.Append(model.Environments.Inferred ? $"\nTo review: {model.Relative(environments.File)} declares the environments the Applications' names implied:\n" : "\nTo review:\n")
                .AppendJoin("", toReview.Select(t => $"  - {t}\n"));
        if (toFillIn.Count > 0) body.Append("\nTo fill in:\n").AppendJoin("", toFillIn.Select(t => $"  - {t}\n"));
        return delivery.Deliver(changes, subject, body.ToString(), check, toFillIn, preview,
            "NewEnvironment; CI ran on a scratch copy of the repository with these files before they were committed, and added no error", toReview);
    }

    /// <summary>
    /// The new environment in the configuration: in promotion.order right after --after (before --before), its entry
    /// under environments: a copy of that environment's with the namespace changed, on the same side of it.
    /// </summary>
    private static void Configuration(FileChanges changes, RepositoryModel model, string file, NameToken token, EnvironmentPlace place, string? oldNamespace, string? newNamespace)
    {
        var relative = model.Relative(file);
        var order = YamlPath.Of("promotion", "order");
        var text = ValuesFile.Read(file).Text;
        if (!model.Environments.PromotionOrder.Contains(token.From))
            throw new InputException($"{token.From} is not in promotion.order of {relative}; the new environment goes {place.Side} it there. Add {token.From} to the order first.");
        if (!YamlBlockEditor.Exists(text, relative, YamlPath.Of("environments", token.From)))
            throw new InputException($"{relative} has no environments.{token.From} entry to copy the policy from; add it first.");
        var position = place.IndexIn(model.Environments.PromotionOrder);
        changes.Edit(relative, t => YamlBlockEditor.InsertScalarItem(t, relative, order, position, token.To));
        changes.Edit(relative, t => YamlBlockEditor.CopyEntry(t, relative, YamlPath.Of("environments", token.From), token.To,
            v => v.Path.LastKey == "namespace" && v.Value == oldNamespace ? newNamespace : null, inFront: place.Before));
    }

    /// <summary>
    /// An ApplicationSet that generates the source's Applications from their folders: copied under the new name when every
    /// Application it generates is in the source (one set per environment, as the origin repository keeps them); one that
    /// spans environments finds the new folders by itself.
    /// </summary>
    private static void CopyApplicationSet(FileChanges changes, RepositoryModel model, NameToken token, ApplicationOrigin.Discovered set, string source, Func<YamlValue, string?> renamed)
    {
        var generated = model.Applications.Where(a => a.GeneratedBy is { } g && Path.GetFullPath(g.File) == set.File).ToList();
        if (generated.Any(a => model.EnvironmentOf(a) != source)) return;
        var relative = model.Relative(set.File);
        var target = token.RenamePath(relative)
            ?? throw new InputException($"the ApplicationSet {set.ApplicationSet} ({relative}) generates {source}'s Applications only, but its path does not name {source}, so there is no telling where the new environment's goes; name the file after the environment, or copy it by hand.");
        changes.Add(target, YamlBlockEditor.Rewrite(ValuesFile.Read(set.File).Text, relative, renamed, token.Rename));
    }

    /// <summary>
    /// Whether a value sets what the app runs in the source, so it is never renamed and the new environment runs the same:
    /// the whole reference or the repository anywhere, the tag or digest at a key naming a tag, an image or a version
    /// (a tag may be a word such as "staging" that also names the environment elsewhere).
    /// </summary>
    private static Func<YamlValue, bool> RunningImage(IRenderer renderer, RenderUnit unit)
    {
        var whole = new HashSet<string>(StringComparer.Ordinal);
        var tags = new HashSet<string>(StringComparer.Ordinal);
        foreach (var image in RenderedImages.Of(renderer.RenderOrThrow(unit).Objects).Select(c => c.Image))
        {
            whole.UnionWith([image.Text, image.Repository]);
            tags.Add(image.Tag);
            if (image.Digest is not null) tags.UnionWith([image.Digest, image.Version]);
        }
        tags.Remove("");
        return v => whole.Contains(v.Value)
            || tags.Contains(v.Value) && v.Path.LastKey is { } key && new[] { "tag", "image", "version", "digest" }.Any(k => key.Contains(k, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// A file of the source's alone that the copy reads where it is: outside the overlay's folder (a Kustomize base, a
    /// component), not named after the source. It is the source's alone only because no other environment exists yet (the origin
    /// repository's apps/&lt;app&gt;/base under its one overlay), and the copied overlay reaches it by the same relative path.
    /// </summary>
    private static bool SharedWithTheCopy(RepositoryModel model, NameToken token, RenderUnit unit, string file) =>
        unit.Kind == SourceKind.Kustomize && unit.SourcePath is { } overlay && !IO.RepoPath.IsUnder(Path.GetFullPath(overlay), file) && !token.In(model.Relative(file));

    private static string Target(RepositoryModel model, NameToken token, string file)
    {
        var relative = model.Relative(file);
        return token.RenamePath(relative)
            ?? throw new InputException($"{relative} belongs to {token.From} alone, but its path does not name {token.From}, so there is no telling where {token.To}'s copy goes; name it after the environment, or copy it by hand.");
    }

    /// <summary>Every app of the source must be in the new environment, which must be right after --after (before --before) in the promotion order.</summary>
    private static IReadOnlyList<string> Verify(RepositoryModel model, IReadOnlyList<string> apps, string name, EnvironmentPlace place)
    {
        var problems = new List<string>();
        var order = model.Environments.PromotionOrder.ToList();
        if (model.Environments.Inferred) problems.Add($"with the new files the environments are still inferred from names, not declared in {Config.RepositoryConfig.FileName}");
        if (!place.Holds(order, name))
            problems.Add($"with the new files the promotion order is {string.Join(", ", order)}, not {place.Promotion(name).From} then {place.Promotion(name).Into}");
        foreach (var app in apps.Where(a => model.UnitsOf(a, name).Count(u => u.Environment == name) != 1))
            problems.Add($"with the new files {app} has {model.UnitsOf(app, name).Count} Application(s) in {name}, not one");
        return problems;
    }
}
