using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;
using GitOps.Build.Primitives;
using GitOps.Build.Promotion;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>What NewEnvironment declares where the environments were only inferred: the environments as declared, and what the operator should review.</summary>
public sealed record EnvironmentDeclaration(EnvironmentsConfig Environments, IReadOnlyList<string> ToReview);

/// <summary>
/// The environments a repository only implies (read from its Applications' names, <see cref="EnvironmentInference"/>)
/// written down in gitops-build.yaml together with the new one, so NewEnvironment has a promotion order to extend: the
/// order the names imply with the new environment right after --after (or right before --before). Each existing
/// environment gets the policy its Applications already follow, so that declaring it adds no error where the inference
/// only warned: autoSync as they sync, immutableTags where the inference gives prod's rule and every image it runs is a
/// release tag or digest. The new one gets the policy of the environment it copies (<see cref="CopiedPolicy"/>). No namespace is declared for them (the names keep placing the Applications, as they did); the
/// new one's only with --namespace. An existing file is edited in place (comments, order and layout kept); a missing
/// one is created. Every choice is said, to be reviewed.
/// </summary>
public static class InferredEnvironmentDeclaration
{
    /// <summary>Plans the edit (or creation) of gitops-build.yaml into <paramref name="changes"/>.</summary>
    /// <param name="known">Every environment the repository's units name (<see cref="ShapeReader.Environments"/>).</param>
    /// <param name="token">The environment copied (--after's or --before's) to the new environment's name.</param>
    /// <param name="place">Where the new environment goes: right after or right before the one copied.</param>
    /// <param name="ns">The new environment's namespace (--namespace); null: none declared.</param>
    /// <exception cref="InputException">An environment has no place in the order the names imply, or the file cannot be edited in place.</exception>
    public static EnvironmentDeclaration Plan(RepositoryModel model, IRenderer renderer, IReadOnlyList<string> known, NameToken token, EnvironmentPlace place, string? ns, FileChanges changes)
    {
        var (source, name) = (token.From, token.To);
        var implied = model.Environments.PromotionOrder;
        var unplaced = known.Where(e => !implied.Contains(e)).ToList();
        if (unplaced.Count > 0)
            throw new InputException($"the environments here are inferred from the Applications' names, and {string.Join(", ", unplaced)} {(unplaced.Count == 1 ? "has" : "have")} no place "
                + $"in the order those names imply ({(implied.Count > 0 ? string.Join(", ", implied) : "none")}; the names it knows go {string.Join(", ", EnvironmentInference.Order)}), so NewEnvironment cannot tell where {name} goes. "
                + $"Declare the order in {RepositoryConfig.FileName}: promotion: {{order: [{string.Join(", ", known)}]}} (in your order) with each under environments: (docs/configuration.md), then run NewEnvironment again.");

        // The names keep placing the Applications: one the inference reads as another environment would put the copies there.
        if (EnvironmentInference.From(name) is { } means && means != name)
            throw new InputException($"--name={name}: the environments here are read from the Applications' names, and {name} means {means} there, so the copies (such as {token.Rename($"app-{source}")}) would be placed in {means}; choose another name, or declare the environments in {RepositoryConfig.FileName} first with namespaces that place them.");

        var review = new List<string>();
        var declared = implied.Select(e => Declared(model, renderer, e, review)).ToList();
        var added = declared.Single(p => p.Name == source) with { Name = name, Namespace = ns };
        declared.Insert(place.IndexIn(implied), added);
        review.Add(CopiedPolicy.Review(added, place, RepositoryConfig.FileName));
        var order = declared.Select(p => p.Name).ToList();
        review.Insert(0, $"promotion.order: [{string.Join(", ", order)}] (the order the names imply, {name} {place}).");
        // The usual order (dev, test, qa, staging, prod) against the place given: said, since Promote follows the place.
        var usual = EnvironmentInference.Order.ToList();
        var (from, into) = place.Promotion(name);
        if (usual.IndexOf(from) is >= 0 and var first && usual.IndexOf(into) is >= 0 and var second && second < first)
            review.Add($"{name} usually comes {(place.Before ? "after" : "before")} {source} ({string.Join(", ", EnvironmentInference.Order)}); it is {place} because {place.Argument} says so: Promote moves a version from {from} into {into}.");

        var file = Path.Combine(model.Root, RepositoryConfig.FileName);
        string Edit(string text)
        {
            text = YamlBlockEditor.InsertFlowList(text, RepositoryConfig.FileName, "promotion.order", order);
            foreach (var policy in declared)
            {
                if (policy.Namespace is { } namespaceName) text = YamlScalarEditor.SetScalar(text, $"environments.{policy.Name}.namespace", namespaceName, RepositoryConfig.FileName);
                text = YamlBlockEditor.SetFlag(text, RepositoryConfig.FileName, $"environments.{policy.Name}.autoSync", policy.AutoSync == true);
                text = YamlBlockEditor.SetFlag(text, RepositoryConfig.FileName, $"environments.{policy.Name}.immutableTags", policy.ImmutableTags);
            }
            return text;
        }
        try
        {
            if (File.Exists(file)) changes.Edit(RepositoryConfig.FileName, Edit);
            else changes.Add(RepositoryConfig.FileName, Edit(Header));
        }
        catch (YamlEditException e)
        {
            throw new InputException($"{e.Message} NewEnvironment declares the inferred environments there; write promotion.order and environments: by hand (docs/configuration.md), then run it again.");
        }
        return new EnvironmentDeclaration(new EnvironmentsConfig(file, order, declared), review);
    }

    /// <summary>What a new gitops-build.yaml says before the sections NewEnvironment writes.</summary>
    private const string Header =
        "# The repository's configuration for the GitOps build suite (docs/configuration.md).\n"
        + "# NewEnvironment declared these environments from those the Applications' names implied: review them.\n";

    /// <summary>
    /// An inferred environment as declared: autoSync true when every Application of it syncs automatically with prune and
    /// self-heal, false when none has any of the three, else what the inference assumed (prod manual, the others automatic);
    /// immutableTags when the inference gives it (prod) and every image its units render is a release tag or digest.
    /// </summary>
    private static EnvironmentPolicy Declared(RepositoryModel model, IRenderer renderer, string environment, List<string> review)
    {
        var inferred = model.Environments.Find(environment)!;
        var applications = model.Applications.Where(a => model.EnvironmentOf(a) == environment).ToList();
        var automatic = applications.Count(a => a.SyncPolicy is { Automated: true, Prune: true, SelfHeal: true });
        var manual = applications.Count(a => a.SyncPolicy is { Automated: false, Prune: false, SelfHeal: false });
        var assumed = inferred.AutoSync ?? true;
        var (autoSync, sync) =
            automatic == applications.Count ? (true, $"its {applications.Count} Application(s) sync automatically with prune and self-heal")
            : manual == applications.Count ? (false, $"none of its {applications.Count} Application(s) syncs automatically")
            : (assumed, $"its Applications sync differently ({automatic} automatically with prune and self-heal, {manual} by hand, {applications.Count - automatic - manual} otherwise); {(assumed ? "automatic" : "manual")} as the inference assumed, and CI names those that differ");
        if (inferred.AutoSync == false && autoSync)
            sync += $"; the inference's rule for {environment} (manual sync, ENV-MANUAL-SYNC) was a warning: set autoSync: false to require it";

        var moving = inferred.ImmutableTags
            ? model.Units.Where(u => u.Environment == environment)
                .SelectMany(u => RenderedImages.Of(renderer.Render(u).Rendered?.Objects ?? [])).Select(c => c.Image).Where(i => !ImageTags.IsImmutable(i)).Select(i => i.Text).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList()
            : [];
        var immutable = inferred.ImmutableTags && moving.Count == 0;
        var tags = !inferred.ImmutableTags ? "immutableTags false as inferred"
            : immutable ? "immutableTags true: every image it runs is a release tag or digest"
            : $"immutableTags false: it runs {string.Join(", ", moving.Take(3))}{(moving.Count > 3 ? $" and {moving.Count - 3} more" : "")} by a moving tag (POL-MUTABLE-IMAGE-TAG was a warning); set it to true once it runs release tags";
        var policy = new EnvironmentPolicy(environment, null, autoSync, immutable);
        review.Add($"{environment}: {CopiedPolicy.Flags(policy)} ({sync}; {tags}).");
        return policy;
    }

}
