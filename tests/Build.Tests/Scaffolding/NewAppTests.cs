using GitOps.Build.Promotion;
using GitOps.Build.Scaffolding;
using GitOps.Build.Yaml;

namespace GitOps.Build.Tests.Scaffolding;

/// <summary>
/// NewApp on a temporary repository of each shape: the app is committed in one commit holding exactly its files,
/// CI reports no error it did not report before, PromotionStatus lists it in every environment with its tag and
/// the commit, and Promote moves it.
/// </summary>
public sealed class NewAppTests
{
    [Fact]
    public async Task This_repository_gets_a_chart_values_and_an_Application_per_environment_without_the_model_apps_secrets()
    {
        using var repo = ScaffoldRepository.ThisRepository();
        var errorsBefore = await repo.CiErrorsAsync();

        var result = await repo.NewAppAsync("notifier", "ghcr.io/example/notifier:1.0.0");

        Assert.True(result.Outcome == ScaffoldOutcome.Committed, result.Message + string.Join("\n", result.Check.Added.Select(ScratchResult.Line).Concat(result.Check.Problems)));
        var head = repo.Head();
        Assert.Equal((result.Sha, false), (head.Sha, head.Dirty));
        Assert.Equal(2, head.Commits);
        Assert.Equal(result.Files.Order(StringComparer.Ordinal), head.LastFiles);
        Assert.Contains("charts/notifier/templates/deployment.yaml", result.Files);
        Assert.Equal("notifier", ValuesFile.GetScalar(Path.Combine(repo.Root, "charts/notifier/Chart.yaml"), "name")!.Value);
        Assert.Contains("define \"notifier.fullname\"", repo.Read("charts/notifier/templates/_helpers.tpl"));
        foreach (var env in new[] { "dev", "staging", "prod" })
        {
            var values = repo.Read($"gitops/apps/notifier/values-{env}.yaml");
            Assert.Equal("1.0.0", YamlScalarEditor.GetScalar(values, "image.tag", env)!.Value);
            Assert.DoesNotContain("AgB", values); // the model app's sealed values stay its own
            Assert.Contains("--app=notifier", values); // its comments speak of the new app
            var application = repo.Read($"gitops/argocd/applications/notifier-{env}.yaml");
            Assert.Contains("releaseName: notifier", application);
            Assert.Contains($"- ../../gitops/apps/notifier/values-{env}.yaml", application);
            Assert.Equal(env != "prod", application.Contains("automated:"));
        }
        Assert.Contains(result.ToFillIn, t => t.Contains("--target=SealSecret --app=notifier --env=prod"));
        Assert.Equal(errorsBefore, await repo.CiErrorsAsync());

        var status = repo.Status().Where(r => r.App == "notifier").ToList();
        Assert.Equal([("dev", "1.0.0"), ("staging", "1.0.0"), ("prod", "1.0.0")], status.Select(r => (r.Environment, r.Tag)));
        Assert.All(status, r => Assert.Equal(result.Sha, r.LastChange!.Sha));

        Assert.Equal(PromotionOutcome.Promoted, repo.Promote("notifier", "dev", "1.1.0").Outcome);
        var promoted = repo.Promote("notifier", "staging");
        Assert.Equal(PromotionOutcome.Promoted, promoted.Outcome);
        Assert.Equal("1.1.0", YamlScalarEditor.GetScalar(repo.Read("gitops/apps/notifier/values-staging.yaml"), "image.tag", "staging")!.Value);
    }

    [Fact]
    public async Task A_shared_chart_is_reused_and_the_common_and_environment_values_copied_without_the_hosts()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());

        var result = await repo.NewAppAsync("orders", "registry.example.org/orders:2.0.0", from: "api");

        Assert.True(result.Outcome == ScaffoldOutcome.Committed, result.Message + string.Join("\n", result.Check.Added.Select(ScratchResult.Line).Concat(result.Check.Problems)));
        Assert.Equal(
            ["argocd/apps/orders-dev.yaml", "argocd/apps/orders-prod.yaml", "gitops/apps/orders/values-dev.yaml", "gitops/apps/orders/values-prod.yaml", "gitops/apps/orders/values.yaml"],
            repo.Head().LastFiles);
        Assert.False(repo.Exists("charts/orders"));
        Assert.Contains("path: charts/service", repo.Read("argocd/apps/orders-dev.yaml"));
        Assert.Contains("repository: registry.example.org/orders", repo.Read("gitops/apps/orders/values.yaml"));
        var prod = repo.Read("gitops/apps/orders/values-prod.yaml");
        Assert.Equal("# orders in prod\nimage:\n  tag: 2.0.0\n", prod); // api's ingress (its host) is not the new app's
        Assert.Contains(result.ToFillIn, t => t.Contains("ingress") && t.Contains("api.shop.example.com"));
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Equal([("dev", "2.0.0"), ("prod", "2.0.0")], repo.Status().Where(r => r.App == "orders").Select(r => (r.Environment, r.Tag)));
        Assert.Equal(PromotionOutcome.Promoted, repo.Promote("orders", "prod", "2.0.1").Outcome);
    }

    [Fact]
    public async Task Kustomize_overlays_an_ApplicationSet_picks_up_get_a_base_and_an_overlay_per_environment_made_to_the_policy()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.KustomizeOverlays());

        var result = await repo.NewAppAsync("notifier", "ghcr.io/example/notifier:1.0.0");

        Assert.True(result.Outcome == ScaffoldOutcome.Committed, result.Message + string.Join("\n", result.Check.Added.Select(ScratchResult.Line).Concat(result.Check.Problems)));
        Assert.Equal(
            ["apps/notifier/base/deployment.yml", "apps/notifier/base/kustomization.yml", "apps/notifier/base/service.yml",
             "apps/notifier/envs/dev/kustomization.yml", "apps/notifier/envs/prod/kustomization.yml", "apps/notifier/envs/prod/pdb.yml", "apps/notifier/envs/prod/replicas.yml"],
            repo.Head().LastFiles);
        Assert.Contains("newTag: 1.0.0", repo.Read("apps/notifier/envs/prod/kustomization.yml"));
        Assert.Contains("replicas: 2", repo.Read("apps/notifier/envs/prod/replicas.yml"));
        Assert.Contains(result.ToFillIn, t => t.Contains("https://bot.acme.example.com/"));
        Assert.Contains(result.ToFillIn, t => t.Contains("WEBHOOK_URL"));
        Assert.Empty(await repo.CiErrorsAsync());

        var session = repo.Session();
        Assert.Equal(["notifier-dev", "notifier-prod"], session.Model.Applications.Where(a => a.Name.StartsWith("notifier")).Select(a => a.Name).Order());
        Assert.Equal([("dev", "1.0.0"), ("prod", "1.0.0")], repo.Status().Where(r => r.App == "notifier").Select(r => (r.Environment, r.Tag)));
        Assert.Equal(PromotionOutcome.Promoted, repo.Promote("notifier", "prod", "1.0.1").Outcome);
        Assert.Contains("newTag: 1.0.1", repo.Read("apps/notifier/envs/prod/kustomization.yml"));
    }

    [Fact]
    public async Task Overlays_that_set_their_image_by_a_patch_get_a_patch_of_the_same_name()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.KustomizeOverlays(versionPatch: true));

        var result = await repo.NewAppAsync("notifier", "ghcr.io/example/notifier:1.0.0", environments: ["prod"]);

        Assert.True(result.Outcome == ScaffoldOutcome.Committed, result.Message + string.Join("\n", result.Check.Added.Select(ScratchResult.Line).Concat(result.Check.Problems)));
        Assert.Contains("image: ghcr.io/example/notifier:1.0.0", repo.Read("apps/notifier/envs/prod/version.yml"));
        Assert.Contains("- path: version.yml", repo.Read("apps/notifier/envs/prod/kustomization.yml"));
        Assert.False(repo.Exists("apps/notifier/envs/dev"));
        var rendered = await ScratchCheck.PipelineAsync(repo.Session(), 2);
        Assert.Empty(rendered.Errors);
        var unit = rendered.Model.UnitsOf("notifier", "prod").Single();
        Assert.Equal(["ghcr.io/example/notifier:1.0.0"], RenderedImages.Of(rendered.Rendered.ByUnit[unit.Id]).Select(c => c.Image.Text));
        Assert.Equal([("prod", "1.0.0")], repo.Status().Where(r => r.App == "notifier").Select(r => (r.Environment, r.Tag)));
        Assert.Equal(PromotionOutcome.Promoted, repo.Promote("notifier", "prod", "1.0.1").Outcome);
        Assert.Contains("image: ghcr.io/example/notifier:1.0.1", repo.Read("apps/notifier/envs/prod/version.yml"));
    }

    [Fact]
    public async Task An_ApplicationSet_list_generator_gets_elements_for_the_new_app_beside_the_model_apps()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.ListGenerator());

        var result = await repo.NewAppAsync("shop", "registry.example.org/shop:3.1.0");

        Assert.True(result.Outcome == ScaffoldOutcome.Committed, result.Message + string.Join("\n", result.Check.Added.Select(ScratchResult.Line).Concat(result.Check.Problems)));
        var set = repo.Read("clusters/sets/apps.yaml");
        Assert.Contains("          - app: web\n            env: staging\n          - app: shop\n            env: dev\n          - app: shop\n            env: staging\n", set);
        Assert.Contains("apps/shop/dev/kustomization.yaml", result.Files);
        Assert.Empty(await repo.CiErrorsAsync());
        Assert.Equal([("dev", "3.1.0"), ("staging", "3.1.0")], repo.Status().Where(r => r.App == "shop").Select(r => (r.Environment, r.Tag)));
        Assert.Equal(PromotionOutcome.Promoted, repo.Promote("shop", "dev", "3.2.0").Outcome);
        Assert.Equal(PromotionOutcome.Promoted, repo.Promote("shop", "staging").Outcome);
        Assert.Contains("newTag: 3.2.0", repo.Read("apps/shop/staging/kustomization.yaml"));
    }

    [Fact]
    public async Task Preview_prints_every_file_and_writes_nothing()
    {
        using var repo = ScaffoldRepository.Of(ScaffoldShapes.SharedChart());
        var before = repo.Head();

        var result = await repo.NewAppAsync("orders", "registry.example.org/orders:2.0.0", from: "web", preview: true);

        Assert.Equal(ScaffoldOutcome.Previewed, result.Outcome);
        Assert.Contains("new file argocd/apps/orders-prod.yaml\n", result.Preview);
        Assert.Contains("  # orders in prod\n", result.Preview);
        Assert.True(repo.Head().Unchanged(before));
        Assert.False(repo.Exists("gitops/apps/orders"));
    }

    [Fact]
    public async Task A_copy_that_would_add_an_error_to_CI_is_refused_with_the_error_and_nothing_written()
    {
        var files = ScaffoldShapes.SharedChart();
        // The chart requires a Secret of the app's own; the model app's is left out of the copy, so the copy cannot render.
        files["charts/service/templates/deployment.yaml"] = "{{- $secret := required \"secretName: the Secret the app reads\" .Values.secretName }}\n" + files["charts/service/templates/deployment.yaml"];
        foreach (var app in new[] { "api", "web" }) files[$"gitops/apps/{app}/values.yaml"] += $"secretName: {app}-db\n";
        using var repo = ScaffoldRepository.Of(files);
        var before = repo.Head();

        var result = await repo.NewAppAsync("orders", "registry.example.org/orders:2.0.0", from: "api");

        Assert.Equal(ScaffoldOutcome.CheckFailed, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Check.Added, f => f.Message.Contains("secretName: the Secret the app reads") && f.Object.Contains("orders"));
        Assert.Contains(result.ToFillIn, t => t.Contains("api-db"));
        Assert.Contains("nothing was written", result.Message);
        Assert.True(repo.Head().Unchanged(before));
        Assert.False(repo.Exists("gitops/apps/orders"));
    }
}
