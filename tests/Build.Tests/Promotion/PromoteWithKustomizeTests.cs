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
    private readonly ShapeRepository _shape = new("dev", "staging", "prod");
    private TempGitRepository _repo => _shape.Repo;

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
        _shape.KustomizeApplications();
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
        _repo.CommitAll("web overlays");
    }

    public void Dispose() => _shape.Dispose();

    private RepositorySession Session() => _shape.Session();

    private RepositoryModel Model() => _shape.Model();

    private Git.IGitWorkingTree Git() => _shape.Git();

    private Promoter Promoter(RepositorySession? session = null, IPromotionRenderer? renderer = null) => _shape.Promoter(session, renderer: renderer);

    private static PromotionRendering Rendering(RepositorySession session) => ShapeRepository.Rendering(session);

    private IReadOnlyList<PromotionStatusRow> Status() => _shape.Status();

    private static PromoteOptions To(string env) => new(new PromotionRequest(Web, env));

    [Fact]
    public void Targets_are_the_overlays_files_its_own_those_of_its_folder_the_base_shared()
    {
        var targets = PromotionTargets.From(Model()).Where(t => t.App == Web).OrderBy(t => t.Environment).ToList();
        Assert.Equal(["dev", "prod", "staging"], targets.Select(t => t.Environment));
        var staging = targets[2];
        Assert.Equal(
            [("apps/web/base/deployment.yaml", false, "web-dev (dev), web-prod (prod)"),
             ("apps/web/base/kustomization.yaml", false, "web-dev (dev), web-prod (prod)"),
             (StagingFile, true, "")],
            staging.Files.Select(f => (Path.GetRelativePath(_repo.Root, f.Path), f.Own, string.Join(", ", f.SharedWith))).OrderBy(f => f.Item1, StringComparer.Ordinal));
        Assert.All(targets, t => Assert.Null(t.Refusal));
    }

    [Fact]
    public void Dev_to_staging_proves_the_edit_by_rendering_then_changes_one_line_and_commits()
    {
        var session = Session();
        var rendering = Rendering(session);
        var renders = new List<IReadOnlyDictionary<string, string>>();
        var watching = new WatchingRenderer(rendering, edits =>
        {
            Assert.Equal(Staging, _repo.Read(StagingFile)); // nothing in the repository changes before the proof and validation pass
            renders.Add(edits);
        });

        var result = Promoter(session, watching).Promote(To("staging"));

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Contains("\n-      - image: registry.example.org/web:v1.2.0\n+      - image: registry.example.org/web:v1.3.0\n", result.Diff);
        Assert.DoesNotContain(result.Diff!.Split('\n'), l => l.StartsWith('+') || l.StartsWith('-') ? l.Contains("redis") : false);
        Assert.Equal(Staging.Replace("newTag: v1.2.0 # promoted from dev", "newTag: v1.3.0 # promoted from dev"), _repo.Read(StagingFile));
        var (files, added, deleted) = _repo.HeadChanges();
        Assert.Equal([StagingFile], files);
        Assert.Equal((1, 1), (added, deleted));
        Assert.Equal("promote web to staging: v1.2.0 → v1.3.0", _repo.Head().MessageShort);
        // The base's literal reference was tried alone and left alone (the overlay's images: entry wins over it).
        Assert.Contains(renders, e => e.Count == 1 && e.Keys.Single().EndsWith("apps/web/base/deployment.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_reads_the_tags_from_the_overlays()
    {
        var initial = _repo.Head().Sha;
        var promoted = Promoter(Session()).Promote(To("staging"));
        Assert.Equal(PromotionOutcome.Promoted, promoted.Outcome);

        var rows = Status();
        Assert.Equal(
            [("dev", "v1.3.0", initial, false), ("staging", "v1.3.0", promoted.CommitSha!, false), ("prod", "v1.1.0", initial, true)],
            rows.Where(r => r.App == Web).Select(r => (r.Environment, r.Tag, r.LastChange!.Sha, r.Behind)));
    }

    [Fact]
    public void An_overlay_that_leaves_the_image_to_the_shared_base_is_refused_naming_the_others()
    {
        _repo.Write("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\n");
        _repo.CommitAll("prod without images");
        var before = _repo.State();

        var result = Promoter(Session()).Promote(To("prod"));

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("apps/web/base/deployment.yaml:16 (spec.template.spec.containers[0].image)", result.Message);
        Assert.Contains("web-dev (dev), web-staging (staging) also build", result.Message);
        Assert.Contains("images: [{name: registry.example.org/web, newTag: <tag>}]", result.Message);
        Assert.Equal(before, _repo.State());
        // What prod runs is what the base says: the status reads the rendering, not a key.
        var prod = Assert.Single(Status(), r => r.App == Web && r.Environment == "prod");
        Assert.Equal("registry.example.org/web:v0.0.1", prod.Reference);
    }

    [Fact]
    public void Several_images_none_named_for_the_app_are_refused_naming_them_and_image_names_one()
    {
        foreach (var file in new[] { "apps/web/base/deployment.yaml", "apps/web/envs/dev/kustomization.yaml", StagingFile, "apps/web/envs/prod/kustomization.yaml" })
            _repo.Write(file, _repo.Read(file).Replace("registry.example.org/web", "registry.example.org/frontend"));
        _repo.CommitAll("rename the image");
        var before = _repo.State();

        var result = Promoter(Session()).Promote(To("staging"));

        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Contains("runs 2 images (registry.example.org/frontend, registry.example.org/redis), and its own files set 2 of them", result.Message);
        Assert.Contains("--image=<repository>", result.Message);
        Assert.Equal(before, _repo.State());

        var named = Promoter().Promote(new PromoteOptions(new PromotionRequest(Web, "staging")) { Image = "registry.example.org/frontend" });
        Assert.True(named.Outcome == PromotionOutcome.Promoted, named.Message);
        Assert.Contains("newTag: v1.3.0 # promoted from dev", _repo.Read(StagingFile));
        Assert.Contains("newTag: \"7.2\"", _repo.Read(StagingFile));
    }

    [Fact]
    public void A_missing_newTag_in_the_apps_entry_is_inserted_under_its_name()
    {
        _repo.Write(StagingFile, Staging.Replace("    newTag: v1.2.0 # promoted from dev\n", ""));
        _repo.CommitAll("staging on the base tag");

        var result = Promoter(Session()).Promote(To("staging"));

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.EndsWith("  - name: registry.example.org/web\n    newTag: v1.3.0\n", _repo.Read(StagingFile));
        Assert.Equal([StagingFile], _repo.HeadChanges().Files);
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
        Assert.Contains("apps/web/base/kustomization.yaml:5 (images[0].newTag)", result.Message);
        Assert.Contains("web-dev (dev), web-prod (prod) also build", result.Message);
        Assert.Equal(before, _repo.State());
    }

    /// <summary>The real rendering, telling the test about every render (the edits it was given) as it happens.</summary>
    private sealed class WatchingRenderer(IPromotionRenderer real, Action<IReadOnlyDictionary<string, string>> onRender) : IPromotionRenderer
    {
        public IReadOnlyList<Manifests.ManifestObject> Render(PromotionTarget target, IReadOnlyDictionary<string, string> edits)
        {
            onRender(edits);
            return real.Render(target, edits);
        }

        public ValidationOutcome Validate(PromotionTarget target, IReadOnlyDictionary<string, string> edits) => real.Validate(target, edits);
    }
}
