using GitOps.Build.Config;
using GitOps.Build.Scaffolding;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Scaffolding;

/// <summary>
/// NewEnvironment on a temporary repository of each shape: the promotion order is extended right after --after (or
/// right before --before), every app of that environment gets the new one with the tag it runs there, CI adds no
/// error, PromotionStatus shows it.
/// </summary>
public sealed class NewEnvironmentTests
{
    private static void Committed(ScaffoldResult result) =>
        Assert.True(result.Outcome == ScaffoldOutcome.Committed, result.Message + string.Join("\n", result.Check.Added.Select(ScratchResult.Line).Concat(result.Check.Problems)));

    private static EnvironmentsConfig Environments(ScaffoldRepository repo) => repo.Session().Model.Environments;

    [Fact]
    public void A_copied_policy_without_an_autoSync_rule_is_said_to_have_none()
    {
        // autoSync left out of gitops-build.yaml is no sync rule (docs/configuration.md), not autoSync: false.
        var review = CopiedPolicy.Review(new EnvironmentPolicy("qa", null, null, false), EnvironmentPlace.After("dev"), "gitops-build.yaml");
        Assert.Equal("qa: autoSync not set, immutableTags false, as dev.", review);
        Assert.StartsWith("qa: autoSync false,", CopiedPolicy.Review(new EnvironmentPolicy("qa", null, false, false), EnvironmentPlace.After("dev"), "gitops-build.yaml"));
    }

    [Fact]
    public async Task This_repository_gets_qa_after_staging_with_stagings_tags_and_policy_and_without_its_sealed_values()
    {
        using var repo = ScaffoldRepository.ThisRepository();
        var errorsBefore = await repo.CiErrorsAsync();

        var result = await repo.NewEnvironmentAsync("qa", "staging");

        Committed(result);
        Assert.Equal(
            ["gitops-build.yaml", "gitops/apps/ontu-schedule-bot-admin/values-qa.yaml", "gitops/argocd/applications/ontu-schedule-bot-admin-qa.yaml"],
            repo.Head().LastFiles);
        var environments = Environments(repo);
        Assert.Equal(["dev", "staging", "qa", "prod"], environments.PromotionOrder);
        Assert.Equal(("ontu-schedule-qa", true, false), (environments.Find("qa")!.Namespace, environments.Find("qa")!.AutoSync, environments.Find("qa")!.ImmutableTags));
        var values = repo.Read("gitops/apps/ontu-schedule-bot-admin/values-qa.yaml");
        Assert.Equal("staging", YamlScalarEditor.GetScalar(values, "image.tag", "qa")!.Value); // the tag staging runs, not renamed
        Assert.DoesNotContain("AgA", values);
        var application = repo.Read("gitops/argocd/applications/ontu-schedule-bot-admin-qa.yaml");
        Assert.Contains("environment: qa", application);
        Assert.Contains("namespace: ontu-schedule-qa", application);
        Assert.Contains(result.ToFillIn, t => t.Contains("--app=ontu-schedule-bot-admin --env=qa"));
        Assert.Equal(errorsBefore, await repo.CiErrorsAsync());
        Assert.Equal([("dev", "develop"), ("staging", "staging"), ("qa", "staging"), ("prod", "v1.0.0")],
            repo.Status().Where(r => r.App == "ontu-schedule-bot-admin").Select(r => (r.Environment, r.Tag)));
    }

    [Fact]
    public async Task A_given_namespace_is_used_and_every_app_of_the_environment_is_copied()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());

        var result = await repo.NewEnvironmentAsync("staging", "dev", ns: "shop-stage");

        Committed(result);
        Assert.Equal(["dev", "staging", "prod"], Environments(repo).PromotionOrder);
        Assert.Equal("shop-stage", Environments(repo).Find("staging")!.Namespace);
        foreach (var app in new[] { "api", "web" })
        {
            Assert.Contains("namespace: shop-stage", repo.Read($"argocd/apps/{app}-staging.yaml"));
            Assert.Contains("automated:", repo.Read($"argocd/apps/{app}-staging.yaml"));
            Assert.Equal("# " + app + " in staging\nimage:\n  tag: main\n", repo.Read($"gitops/apps/{app}/values-staging.yaml"));
        }
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Equal(["dev", "staging", "prod"], repo.Status().Where(r => r.App == "web").Select(r => r.Environment));
    }

    [Fact]
    public async Task An_ApplicationSet_per_environment_is_copied_with_the_overlays_it_picks_up()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.KustomizeOverlays());

        var result = await repo.NewEnvironmentAsync("staging", "dev");

        Committed(result);
        Assert.Equal(["apps/bot/envs/staging/kustomization.yml", "appsets/staging-appset.yml", "gitops-build.yaml"], repo.Head().LastFiles);
        var set = repo.Read("appsets/staging-appset.yml");
        Assert.Contains("name: ontu-staging-appset", set);
        Assert.Contains("- path: apps/*/envs/staging", set);
        Assert.Contains("newTag: \"main\"", repo.Read("apps/bot/envs/staging/kustomization.yml"));
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Contains(repo.Session().Model.Applications, a => a.Name == "bot-staging");
        Assert.Equal(["dev", "staging", "prod"], Environments(repo).PromotionOrder);
    }

    [Fact]
    public async Task List_elements_of_the_environment_are_copied_into_the_same_list()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.ListGenerator());

        var result = await repo.NewEnvironmentAsync("prod", "staging");

        Committed(result);
        Assert.Contains("          - app: web\n            env: prod\n", repo.Read("clusters/sets/apps.yaml"));
        Assert.Contains("newTag: \"2.0.0\"", repo.Read("apps/web/prod/kustomization.yaml"));
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Equal([("dev", "2.0.1"), ("staging", "2.0.0"), ("prod", "2.0.0")], repo.Status().Where(r => r.App == "web").Select(r => (r.Environment, r.Tag)));
    }

    [Fact]
    public async Task Before_puts_the_environment_in_front_of_prod_with_prods_files_tags_and_policy_kept_to_review()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.KustomizeOverlays());

        var result = await repo.NewEnvironmentAsync("staging", "prod", before: true);

        Committed(result);
        Assert.Equal(
            ["apps/bot/envs/staging/kustomization.yml", "apps/bot/envs/staging/pdb.yml", "apps/bot/envs/staging/replicas.yml", "appsets/staging-appset.yml", "gitops-build.yaml"],
            repo.Head().LastFiles);
        Assert.Equal(["dev", "staging", "prod"], Environments(repo).PromotionOrder);
        var staging = Environments(repo).Find("staging")!;
        Assert.Equal((false, true, 2), (staging.AutoSync == true, staging.ImmutableTags, staging.MinReplicas));
        // The entry sits in front of prod's, as the new environment does in the order.
        Assert.Contains("  dev: {autoSync: true, immutableTags: false}\n  staging: {autoSync: false, immutableTags: true, require: {replicas: 2, podDisruptionBudget: true, antiAffinity: true}}\n  prod:", repo.Read("gitops-build.yaml"));
        Assert.Contains("newTag: \"1.5.1\"", repo.Read("apps/bot/envs/staging/kustomization.yml"));
        Assert.Contains("- path: apps/*/envs/staging", repo.Read("appsets/staging-appset.yml"));
        var review = Assert.Single(result.ToReview);
        Assert.Equal("staging: autoSync false, immutableTags true, require: replicas 2, podDisruptionBudget true, antiAffinity true, as prod, the environment it comes before: "
            + "its policy is copied and kept, the safe choice (a copy is never looser than what it copies); an environment before prod is usually looser: "
            + "set autoSync: true (sync automatically), immutableTags: false (take moving tags), a smaller require: under environments.staging in gitops-build.yaml if staging should be.", review);
        Assert.Contains("\nTo review:\n  - staging: autoSync false", result.CommitMessage);
        Assert.StartsWith("NewEnvironment staging: before prod, with bot", result.CommitMessage);
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Equal([("dev", "main"), ("staging", "1.5.1"), ("prod", "1.5.1")], repo.Status().Where(r => r.App == "bot").Select(r => (r.Environment, r.Tag)));
    }

    [Fact]
    public async Task Before_the_first_environment_makes_the_new_one_first()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());

        var result = await repo.NewEnvironmentAsync("sandbox", "dev", before: true);

        Committed(result);
        Assert.Equal(["sandbox", "dev", "prod"], Environments(repo).PromotionOrder);
        Assert.Contains("  order: [sandbox, dev, prod]\nenvironments:\n  sandbox: {namespace: shop-sandbox, autoSync: true, immutableTags: false}\n  dev:", repo.Read("gitops-build.yaml"));
        Assert.Equal("# web in sandbox\nimage:\n  tag: main\n", repo.Read("gitops/apps/web/values-sandbox.yaml"));
        Assert.Contains("namespace: shop-sandbox", repo.Read("argocd/apps/api-sandbox.yaml"));
        // dev's policy is loose: nothing to loosen, but the copy is still said.
        Assert.Equal(["sandbox: autoSync true, immutableTags false, namespace shop-sandbox, as dev, the environment it comes before: its policy is copied and kept, the safe choice (a copy is never looser than what it copies)."],
            result.ToReview);
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Equal([("sandbox", "main"), ("dev", "main"), ("prod", "1.4.0")], repo.Status().Where(r => r.App == "web").Select(r => (r.Environment, r.Tag)));
    }

    /// <summary>NewEnvironment staging after dev previewed: what it printed, after checking it ended as a preview and wrote nothing.</summary>
    private static async Task<string> Previewed(ScaffoldRepository repo)
    {
        var before = repo.Head();
        var result = await repo.NewEnvironmentAsync("staging", "dev", preview: true);
        Assert.Equal(ScaffoldOutcome.Previewed, result.Outcome);
        Assert.True(repo.Head().Unchanged(before));
        return result.Preview!;
    }

    [Fact]
    public async Task Preview_shows_the_configuration_diff_and_writes_nothing()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        var preview = await Previewed(repo);
        Assert.Contains("+++ gitops-build.yaml (after)", preview);
        Assert.Contains("-  order: [dev, prod]\n+  order: [dev, staging, prod]\n", preview);
    }

    /// <summary>
    /// The origin's shape with nothing declaring the environments: no gitops-build.yaml; <paramref name="onlyProd"/>: prod alone,
    /// synced automatically, as the origin at 1f0249b; <paramref name="rootAllowed"/>: the base's pods may run as root and a version.yml patch sets the image, as the origin's.
    /// </summary>
    private static ScaffoldRepository Inferred(bool onlyProd = false, bool rootAllowed = false)
    {
        var files = ScaffoldShapes.KustomizeOverlays(versionPatch: rootAllowed);
        files.Remove("gitops-build.yaml");
        if (rootAllowed) files["apps/bot/base/deployment.yml"] = files["apps/bot/base/deployment.yml"].Replace("      securityContext: {runAsNonRoot: true, runAsUser: 1000}\n", "");
        if (onlyProd)
        {
            foreach (var dev in files.Keys.Where(k => k.Contains("dev")).ToList()) files.Remove(dev);
            files["appsets/prod-appset.yml"] = files["appsets/prod-appset.yml"].Replace("- CreateNamespace=true\n", "- CreateNamespace=true\n        automated:\n          prune: true\n          selfHeal: true\n");
        }
        return ScaffoldRepository.Of(files, rootApp: "root.yml");
    }

    [Fact]
    public async Task Inferred_environments_are_declared_with_the_new_one_in_a_new_configuration()
    {
        using var repo = Inferred();
        Assert.True(Environments(repo).Inferred);
        var errorsBefore = await repo.CiErrorsAsync();

        var result = await repo.NewEnvironmentAsync("staging", "dev");

        Committed(result);
        Assert.Equal(["apps/bot/envs/staging/kustomization.yml", "appsets/staging-appset.yml", "gitops-build.yaml"], repo.Head().LastFiles);
        var config = RepositoryConfigReader.Load(repo.Root); // the schema check passes
        Assert.Equal(["dev", "staging", "prod"], config.Environments!.PromotionOrder);
        var environments = Environments(repo);
        Assert.False(environments.Inferred);
        Assert.Equal([("dev", true, false), ("staging", true, false), ("prod", false, true)],
            environments.Environments.Select(e => (e.Name, e.AutoSync == true, e.ImmutableTags)));
        Assert.StartsWith("# The repository's configuration", repo.Read("gitops-build.yaml"));
        Assert.Contains("promotion.order: [dev, staging, prod] (the order the names imply, staging after dev).", result.ToReview);
        Assert.Contains(result.ToReview, r => r.StartsWith("prod: autoSync false, immutableTags true (none of its 1 Application(s) syncs automatically; immutableTags true: every image"));
        Assert.Contains("To review: gitops-build.yaml declares the environments", result.CommitMessage);
        Assert.Equal(errorsBefore, await repo.CiErrorsAsync());
        Assert.Equal([("dev", "main"), ("staging", "main"), ("prod", "1.5.1")], repo.Status().Where(r => r.App == "bot").Select(r => (r.Environment, r.Tag)));
    }

    [Fact]
    public async Task Inferred_environments_are_added_to_an_existing_configuration_keeping_its_comments()
    {
        var files = ScaffoldShapes.SharedChart();
        const string settings = "# shop: the suite's settings\nroots: [argocd/root.yaml]  # the root app\n\nrules:\n  POL-RESOURCE-LIMITS: off  # limits come later\n";
        files["gitops-build.yaml"] = settings;
        using var repo = ScaffoldRepository.Of(files);

        var result = await repo.NewEnvironmentAsync("staging", "dev", ns: "shop-staging");

        Committed(result);
        var text = repo.Read("gitops-build.yaml");
        Assert.StartsWith(settings, text);
        Assert.Contains("promotion:\n  order: [dev, staging, prod]\nenvironments:\n  dev:\n    autoSync: true\n    immutableTags: false\n  staging:\n    namespace: shop-staging\n", text);
        Assert.Equal("shop-staging", Environments(repo).Find("staging")!.Namespace);
        Assert.Contains("namespace: shop-staging", repo.Read("argocd/apps/web-staging.yaml"));
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Equal(["dev", "staging", "prod"], repo.Status().Where(r => r.App == "web").Select(r => r.Environment));
    }

    [Fact]
    public async Task The_origins_only_environment_gets_one_after_it_with_what_to_review()
    {
        // As in the origin, prod has an error from its base (no runAsNonRoot), which CI places on the overlay's patch.
        using var repo = Inferred(onlyProd: true, rootAllowed: true);
        var errorsBefore = await repo.CiErrorsAsync();
        Assert.Contains(errorsBefore, e => e.StartsWith("POL-RUN-AS-NON-ROOT Deployment/ontu-bot apps/bot/envs/prod/version.yml"));

        var result = await repo.NewEnvironmentAsync("staging", "prod");

        Committed(result);
        Assert.Equal(["prod", "staging"], Environments(repo).PromotionOrder);
        // prod syncs automatically: declaring it manual would make today's warning an error, so it is declared as it is and said.
        Assert.True(Environments(repo).Find("prod")!.AutoSync);
        Assert.Contains(result.ToReview, r => r.Contains("the inference's rule for prod (manual sync, ENV-MANUAL-SYNC) was a warning: set autoSync: false to require it"));
        Assert.Contains(result.ToReview, r => r.StartsWith("staging usually comes before prod"));
        // The copy has prod's error under its own name: shared with what it copies, not held against it.
        var shared = Assert.Single(result.Check.Inherited);
        Assert.Equal(("POL-RUN-AS-NON-ROOT", "apps/bot/envs/staging/version.yml"), (shared.RuleId, shared.File));
        var errorsAfter = await repo.CiErrorsAsync();
        Assert.Equal(errorsBefore.Count + 1, errorsAfter.Count);
        Assert.Contains(errorsAfter, e => e.StartsWith("POL-RUN-AS-NON-ROOT Deployment/ontu-bot apps/bot/envs/staging/version.yml"));
        Assert.All(errorsBefore, e => Assert.Contains(e, errorsAfter));
        Assert.Contains(repo.Session().Model.Applications, a => a.Name == "bot-staging");
    }

    [Fact]
    public async Task The_origins_only_environment_gets_one_before_it()
    {
        using var repo = Inferred(onlyProd: true, rootAllowed: true);
        var errorsBefore = await repo.CiErrorsAsync();

        var result = await repo.NewEnvironmentAsync("staging", "prod", before: true);

        Committed(result);
        Assert.Equal(["staging", "prod"], Environments(repo).PromotionOrder);
        Assert.Equal(["staging", "prod"], RepositoryConfigReader.Load(repo.Root).Environments!.PromotionOrder);
        Assert.Contains("promotion.order: [staging, prod] (the order the names imply, staging before prod).", result.ToReview);
        // prod runs release tags only, so it is declared with immutable tags, and staging copies that: kept, and what could be loosened is named.
        Assert.Contains(result.ToReview, r => r.StartsWith("staging: autoSync true, immutableTags true, as prod, the environment it comes before: its policy is copied and kept")
            && r.EndsWith("set immutableTags: false (take moving tags) under environments.staging in gitops-build.yaml if staging should be."));
        Assert.DoesNotContain(result.ToReview, r => r.Contains("usually comes")); // staging before prod is the usual order
        Assert.StartsWith("NewEnvironment staging: before prod, with bot", result.CommitMessage);
        var shared = Assert.Single(result.Check.Inherited);
        Assert.Equal(("POL-RUN-AS-NON-ROOT", "apps/bot/envs/staging/version.yml"), (shared.RuleId, shared.File));
        Assert.Equal(errorsBefore.Count + 1, (await repo.CiErrorsAsync()).Count);
        Assert.Equal([("staging", "1.5.1"), ("prod", "1.5.1")], repo.Status().Where(r => r.App == "bot").Select(r => (r.Environment, r.Tag)));
    }

    [Fact]
    public async Task Before_against_the_usual_order_is_said_to_review()
    {
        using var repo = Inferred();

        var result = await repo.NewEnvironmentAsync("qa", "dev", before: true);

        Committed(result);
        Assert.Equal(["qa", "dev", "prod"], Environments(repo).PromotionOrder);
        Assert.Contains("qa usually comes after dev (dev, test, qa, staging, uat, prod); it is before dev because --before=dev says so: Promote moves a version from qa into dev.", result.ToReview);
    }

    [Fact]
    public async Task Preview_of_inferred_environments_shows_the_new_configuration_and_writes_nothing()
    {
        using var repo = Inferred();
        var preview = await Previewed(repo);
        Assert.Contains("new file gitops-build.yaml\n", preview);
        Assert.Contains("  promotion:\n    order: [dev, staging, prod]\n", preview);
        Assert.False(repo.Exists("gitops-build.yaml"));
        Assert.True(Environments(repo).Inferred);
    }
}
