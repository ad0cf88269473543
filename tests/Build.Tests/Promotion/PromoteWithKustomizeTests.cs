using GitOps.Build.Session;
using GitOps.Build.GitOps;
using GitOps.Build.Promotion;
using GitOps.Build.Tests.Checks;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Promote and PromotionStatus on Kustomize overlays (apps/web/base + apps/web/envs/{dev,staging,prod}) in a
/// temporary git repository, with the pinned kubectl building the edited kustomization from a scratch copy:
/// the tag is the newTag of the app's images: entry in the overlay's kustomization.yaml.
/// </summary>
public sealed class PromoteWithKustomizeTests : IDisposable
{
    private const string Web = "web";
    private const string StagingFile = "apps/web/envs/staging/kustomization.yaml";
    private readonly TempGitRepository _repo = new();

    private const string Staging = """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        resources:
          - ../../base
        images:
          - name: registry.example.org/redis
            newTag: "7.2"
          # the web image; Promote moves it
          - name: registry.example.org/web
            newTag: v1.2.0 # promoted from dev

        """;

    public PromoteWithKustomizeTests()
    {
        _repo.Write("bootstrap/root.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: root
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: https://example.com/org/repo.git
                targetRevision: main
                path: argocd/apps
              destination:
                server: https://kubernetes.default.svc
                namespace: argocd
            """);
        _repo.Write("environments.yaml", """
            promotion:
              order: [dev, staging, prod]
            environments:
              dev:
                namespace: web-dev
              staging:
                namespace: web-staging
              prod:
                namespace: web-prod
                immutableTags: true
            """);
        _repo.Write("apps/web/base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        _repo.Write("apps/web/base/deployment.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              selector:
                matchLabels:
                  app: web
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  containers:
                    - name: web
                      image: registry.example.org/web:v0.0.1
                    - name: cache
                      image: registry.example.org/redis:7.0
            """);
        _repo.Write("apps/web/envs/dev/kustomization.yaml",
            "resources:\n  - ../../base\nimages:\n  - name: registry.example.org/web\n    newTag: v1.3.0  # CI sets dev\n");
        _repo.Write(StagingFile, Staging);
        _repo.Write("apps/web/envs/prod/kustomization.yaml",
            "resources:\n  - ../../base\nimages:\n  - name: registry.example.org/web\n    newTag: v1.1.0\n");
        foreach (var env in new[] { "dev", "staging", "prod" })
            _repo.Write($"argocd/apps/web-{env}.yaml", $"""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web-{env}
                  namespace: argocd
                  labels:
                    environment: {env}
                spec:
                  project: default
                  source:
                    repoURL: https://example.com/org/repo.git
                    targetRevision: HEAD
                    path: apps/web/envs/{env}
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: web-{env}
                """);
        _repo.CommitAll("web overlays");
    }

    public void Dispose() => _repo.Dispose();

    private RepositorySession Session() => TestSession.Open(_repo.Root, "bootstrap/root.yaml", environments: "environments.yaml");

    private RepositoryModel Model() => Session().Model;

    private Git.IGitWorkingTree Git() => global::GitOps.Build.Git.GitWorkingTree.Open(_repo.Root);

    private Promoter Promoter(RepositorySession session, Func<PromotionTarget, string, ValidationOutcome>? validate = null)
    {
        var model = session.Model;
        var checks = new HelmPromotionChecks(model, session.Renderer);
        return new Promoter(Git(), EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model),
            validate ?? checks.Validate, checks.Render);
    }

    private static PromoteOptions To(string env) => new(new PromotionRequest(Web, env));

    [Fact]
    public void Targets_are_the_overlay_kustomizations_at_the_newTag_of_the_apps_image()
    {
        var targets = PromotionTargets.From(Model()).Where(t => t.App == Web).OrderBy(t => t.Environment).ToList();
        Assert.Equal(
            [("dev", "apps/web/envs/dev/kustomization.yaml", "images[0].newTag"),
             ("prod", "apps/web/envs/prod/kustomization.yaml", "images[0].newTag"),
             ("staging", StagingFile, "images[1].newTag")],
            targets.Select(t => (t.Environment, Path.GetRelativePath(_repo.Root, t.ValuesFile), t.TagPath)));
        Assert.All(targets, t => Assert.Null(t.Refusal));
        Assert.All(targets, t => Assert.Null(t.OverriddenBy));
    }

    [Fact]
    public void Dev_to_staging_validates_the_edited_copy_then_changes_one_line_and_commits()
    {
        var session = Session();
        var checks = new HelmPromotionChecks(session.Model, session.Renderer);
        string? renderedWhileValidating = null;
        var result = Promoter(session, (target, file) =>
        {
            Assert.Equal(Staging, _repo.Read(StagingFile)); // nothing in the repository changes before validation passes
            renderedWhileValidating = checks.Render(target, file);
            return checks.Validate(target, file);
        }).Promote(To("staging"));

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Contains("- image: registry.example.org/web:v1.3.0\n", renderedWhileValidating);
        Assert.Contains("\n+      - image: registry.example.org/web:v1.3.0\n", result.Diff);
        Assert.Contains("\n-      - image: registry.example.org/web:v1.2.0\n", result.Diff);
        Assert.Equal(Staging.Replace("newTag: v1.2.0 # promoted from dev", "newTag: v1.3.0 # promoted from dev"), _repo.Read(StagingFile));
        var (files, added, deleted) = _repo.HeadChanges();
        Assert.Equal([StagingFile], files);
        Assert.Equal((1, 1), (added, deleted));
        Assert.Equal("promote web to staging: v1.2.0 → v1.3.0", _repo.Head().MessageShort);
    }

    [Fact]
    public void Status_reads_the_tags_from_the_overlays()
    {
        var initial = _repo.Head().Sha;
        var promoted = Promoter(Session()).Promote(To("staging"));
        Assert.Equal(PromotionOutcome.Promoted, promoted.Outcome);

        var model = Model();
        var rows = PromotionStatus.Rows(Git(), EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model));
        Assert.Equal(
            [("dev", "v1.3.0", initial, false), ("staging", "v1.3.0", promoted.CommitSha!, false), ("prod", "v1.1.0", initial, true)],
            rows.Where(r => r.App == Web).Select(r => (r.Environment, r.Tag, r.LastChange!.Sha, r.Behind)));
    }

    [Fact]
    public void An_overlay_without_an_images_entry_is_refused_with_nothing_changed()
    {
        _repo.Write("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\n");
        _repo.CommitAll("prod without images");
        var before = _repo.State();

        var result = Promoter(Session()).Promote(To("prod"));

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("apps/web/envs/prod/kustomization.yaml", result.Message);
        Assert.Contains("images: [{name: <image>, newTag: <tag>}]", result.Message);
        Assert.Equal(before, _repo.State());
        var model = Model();
        var prod = Assert.Single(PromotionStatus.Rows(Git(), EnvironmentCatalog.From(model.Environments), PromotionTargets.From(model)), r => r.Environment == "prod");
        Assert.Null(prod.Tag);
    }

    [Fact]
    public void Several_images_none_named_for_the_app_are_refused_naming_them()
    {
        _repo.Write(StagingFile, Staging.Replace("registry.example.org/web", "registry.example.org/frontend"));
        _repo.CommitAll("rename the image");
        var before = _repo.State();

        var result = Promoter(Session()).Promote(To("staging"));

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains(StagingFile, result.Message);
        Assert.Contains("registry.example.org/redis, registry.example.org/frontend", result.Message);
        Assert.Equal(before, _repo.State());
    }

    [Fact]
    public void A_missing_newTag_in_the_apps_entry_is_inserted_under_its_name()
    {
        _repo.Write(StagingFile, Staging.Replace("    newTag: v1.2.0 # promoted from dev\n", ""));
        _repo.CommitAll("staging on the base tag");

        var result = Promoter(Session()).Promote(To("staging"));

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.EndsWith("  - name: registry.example.org/web\n    newTag: v1.3.0\n", _repo.Read(StagingFile));
        Assert.Equal((1, 0), (_repo.HeadChanges().LinesAdded, _repo.HeadChanges().LinesDeleted));
    }

    [Fact]
    public void Images_pinned_only_in_a_base_the_other_environments_share_are_refused()
    {
        foreach (var env in new[] { "dev", "staging", "prod" })
            _repo.Write($"apps/web/envs/{env}/kustomization.yaml", "resources:\n  - ../../base\n");
        _repo.Write("apps/web/base/kustomization.yaml", "resources:\n  - deployment.yaml\nimages:\n  - name: registry.example.org/web\n    newTag: v1.0.0\n");
        _repo.CommitAll("images in the base");
        var before = _repo.State();

        var result = Promoter(Session()).Promote(new PromoteOptions(new PromotionRequest(Web, "staging", Tag: "v2.0.0", Force: true)));

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("apps/web/base/kustomization.yaml", result.Message);
        Assert.Contains("dev, prod", result.Message);
        Assert.Equal(before, _repo.State());
    }
}
