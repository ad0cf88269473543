using GitOps.Build.Promotion;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Promote on every shape a repository keeps an image in, each in a temporary repository rendered with the pinned
/// helm and kubectl: dev runs 1.1.0, prod 1.0.0, and promoting prod must change exactly the places that produce
/// prod's reference, keep everything else in those files, and refuse (writing nothing) where it cannot.
/// </summary>
public sealed class PromotionShapesTests : IDisposable
{
    private const string Old = "ghcr.io/acme/web:1.0.0";
    private readonly ShapeRepository _shape = new();

    public void Dispose() => _shape.Dispose();

    private TempGitRepository Repo => _shape.Repo;

    private static readonly string Deployment = ShapeRepository.Deployment("IMAGE");

    private PromotionResult PromotedToProd()
    {
        var result = _shape.Promote();
        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + "\n" + string.Join("\n", result.Problems ?? []));
        Assert.Equal("promote web to prod: 1.0.0 → 1.1.0", Repo.Head().MessageShort);
        return result;
    }

    private void AssertRefusedUntouched(PromotionResult result, params string[] fragments)
    {
        Assert.Equal(PromotionOutcome.Refused, result.Outcome);
        Assert.Equal(1, result.ExitCode);
        foreach (var fragment in fragments) Assert.Contains(fragment, result.Message + "\n" + string.Join("\n", result.Problems ?? []));
    }

    // ---- Helm ------------------------------------------------------------------------------------------

    [Fact]
    public void Helm_values_at_a_key_of_the_charts_own_choosing()
    {
        _shape.HelmApplications();
        Repo.Write("charts/web/values.yaml", "backend:\n  registry: ghcr.io/acme/web\n  release: \"0.9.0\"\n");
        Repo.Write("charts/web/templates/deployment.yaml", Deployment.Replace("IMAGE", "\"{{ .Values.backend.registry }}:{{ .Values.backend.release }}\""));
        Repo.Write("envs/dev/values.yaml", "backend:\n  release: \"1.1.0\"\n");
        const string prod = "# prod pins its release\nbackend:\n  release: '1.0.0'   # the last good one\n";
        Repo.Write("envs/prod/values.yaml", prod);
        Repo.CommitAll("web on helm");

        var result = PromotedToProd();

        Assert.Equal(prod.Replace("'1.0.0'", "'1.1.0'"), Repo.Read("envs/prod/values.yaml"));
        Assert.Equal(["envs/prod/values.yaml"], Repo.HeadChanges().Files);
        Assert.Contains("+      - image: ghcr.io/acme/web:1.1.0", result.Diff);
    }

    [Fact]
    public void Helm_repository_and_tag_split_with_the_tag_only_in_the_charts_defaults_is_written_into_the_environments_own_file()
    {
        _shape.HelmApplications();
        Repo.Write("charts/web/values.yaml", "server:\n  image:\n    repository: ghcr.io/acme/web\n    tag: 1.0.0\n  replicas: 1\n");
        Repo.Write("charts/web/templates/deployment.yaml", Deployment.Replace("IMAGE", "\"{{ .Values.server.image.repository }}:{{ .Values.server.image.tag }}\""));
        Repo.Write("envs/dev/values.yaml", "server:\n  image:\n    tag: 1.1.0\n");
        Repo.Write("envs/prod/values.yaml", "server:\n  replicas: 2\n");
        Repo.CommitAll("web on helm");

        PromotedToProd();

        // The chart's defaults are every environment's: the value goes where only prod reads it, and wins there.
        Assert.Equal("server:\n  replicas: 2\n  image:\n    tag: 1.1.0\n", Repo.Read("envs/prod/values.yaml"));
        Assert.Equal(["envs/prod/values.yaml"], Repo.HeadChanges().Files);
    }

    [Fact]
    public void Helm_a_whole_image_string()
    {
        _shape.HelmApplications();
        Repo.Write("charts/web/values.yaml", "app:\n  image: ghcr.io/acme/web:latest\n");
        Repo.Write("charts/web/templates/deployment.yaml", Deployment.Replace("IMAGE", "{{ .Values.app.image | quote }}"));
        Repo.Write("envs/dev/values.yaml", "app:\n  image: ghcr.io/acme/web:1.1.0\n");
        Repo.Write("envs/prod/values.yaml", $"app:\n  image: \"{Old}\"\n");
        Repo.CommitAll("web on helm");

        PromotedToProd();

        Assert.Equal("app:\n  image: \"ghcr.io/acme/web:1.1.0\"\n", Repo.Read("envs/prod/values.yaml"));
    }

    [Fact]
    public void Helm_a_tag_that_also_feeds_other_objects_is_refused_with_nothing_written()
    {
        _shape.HelmApplications();
        Repo.Write("charts/web/values.yaml", "image:\n  repository: ghcr.io/acme/web\n  tag: latest\n");
        Repo.Write("charts/web/templates/deployment.yaml", Deployment.Replace("IMAGE", "\"{{ .Values.image.repository }}:{{ .Values.image.tag }}\""));
        Repo.Write("charts/web/templates/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  RELEASE_NOTES_URL: \"https://example.com/notes/{{ .Values.image.tag }}\"\n");
        Repo.Write("envs/dev/values.yaml", "image:\n  tag: 1.1.0\n");
        Repo.Write("envs/prod/values.yaml", "image:\n  tag: 1.0.0\n");
        Repo.CommitAll("web on helm");
        var before = Repo.State();

        var result = _shape.Promote();

        AssertRefusedUntouched(result, "envs/prod/values.yaml:2 (image.tag)", "changes more of what prod (Application web-prod) renders",
            "ConfigMap/web /data/RELEASE_NOTES_URL: https://example.com/notes/1.0.0 → https://example.com/notes/1.1.0");
        Assert.Equal(before, Repo.State());
    }

    // ---- Kustomize ---------------------------------------------------------------------------------------

    private void Overlays(Func<string, string> kustomization)
    {
        _shape.KustomizeApplications();
        Repo.Write("apps/web/base/kustomization.yaml", "resources:\n  - deployment.yaml\n  - migrate.yaml\n");
        Repo.Write("apps/web/base/deployment.yaml", Deployment.Replace("IMAGE", "ghcr.io/acme/web:latest"));
        Repo.Write("apps/web/base/migrate.yaml", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: migrate
              annotations:
                argocd.argoproj.io/hook: PreSync
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: migrate
                      image: ghcr.io/acme/web:latest
            """);
        foreach (var env in new[] { "dev", "prod" }) Repo.Write($"apps/web/envs/{env}/kustomization.yaml", kustomization(env));
    }

    private static string Version(string version) => $"""
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          template:
            spec:
              containers:
                - name: web
                  image: ghcr.io/acme/web:{version}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
        spec:
          template:
            spec:
              containers:
                - name: migrate
                  image: ghcr.io/acme/web:{version} # the migration runs the release it migrates for
        """;

    [Fact]
    public void Kustomize_images_entry()
    {
        Overlays(env => $"resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: {(env == "dev" ? "1.1.0" : "1.0.0")}\n");
        Repo.CommitAll("web overlays");

        var result = PromotedToProd();

        Assert.Equal("resources:\n  - ../../base\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 1.1.0\n", Repo.Read("apps/web/envs/prod/kustomization.yaml"));
        Assert.Equal(["apps/web/envs/prod/kustomization.yaml"], Repo.HeadChanges().Files);
        Assert.Contains("+      - image: ghcr.io/acme/web:1.1.0", result.Diff); // the hook Job follows the entry too
        Assert.Equal(2, result.Diff!.Split('\n').Count(l => l.StartsWith("+      - image: ghcr.io/acme/web:1.1.0", StringComparison.Ordinal)));
    }

    [Fact]
    public void Kustomize_patch_with_a_Deployment_and_a_hook_Job_changes_both_references_in_one_commit()
    {
        Overlays(_ => "resources:\n  - ../../base\npatches:\n  - path: version.yml\n");
        Repo.Write("apps/web/envs/dev/version.yml", Version("1.1.0"));
        Repo.Write("apps/web/envs/prod/version.yml", Version("1.0.0"));
        Repo.CommitAll("web overlays with version patches");
        var commits = Repo.CommitCount();

        PromotedToProd();

        Assert.Equal(commits + 1, Repo.CommitCount());
        Assert.Equal(Version("1.1.0"), Repo.Read("apps/web/envs/prod/version.yml"));
        Assert.Equal(["apps/web/envs/prod/version.yml"], Repo.HeadChanges().Files);
        Assert.Equal((2, 2), (Repo.HeadChanges().LinesAdded, Repo.HeadChanges().LinesDeleted));
        var prod = Assert.Single(_shape.Status(), r => r.Environment == "prod");
        Assert.Equal("ghcr.io/acme/web:1.1.0", prod.Reference);
        Assert.Equal(["Deployment/web container web", "Job/migrate container migrate"], prod.Workloads.Select(w => w.Describe));
        Assert.Equal(Repo.Head().Sha, prod.LastChange!.Sha);
    }

    [Fact]
    public void Two_Deployments_a_CronJob_and_an_init_container_sharing_one_image_all_move()
    {
        _shape.KustomizeApplications();
        foreach (var (env, version) in new[] { ("dev", "1.1.0"), ("prod", "1.0.0") })
        {
            Repo.Write($"apps/web/envs/{env}/kustomization.yaml", "resources:\n  - workloads.yaml\n");
            Repo.Write($"apps/web/envs/{env}/workloads.yaml", Workloads(version));
        }
        Repo.CommitAll("web workloads");

        PromotedToProd();

        Assert.Equal(Workloads("1.1.0"), Repo.Read("apps/web/envs/prod/workloads.yaml"));
        Assert.Equal((4, 4), (Repo.HeadChanges().LinesAdded, Repo.HeadChanges().LinesDeleted));
    }

    [Fact]
    public void A_patch_two_environments_share_is_refused_naming_the_other()
    {
        Overlays(_ => "resources:\n  - ../../base\ncomponents:\n  - ../../components/version\n");
        Repo.Write("apps/web/components/version/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - path: version.yml\n");
        Repo.Write("apps/web/components/version/version.yml", Version("1.0.0"));
        Repo.CommitAll("one version for both");
        var before = Repo.State();

        var result = _shape.Promote(tag: "1.1.0", force: true);

        AssertRefusedUntouched(result, "apps/web/components/version/version.yml:11", "web-dev (dev) also builds", "nothing was written");
        Assert.Equal(before, Repo.State());
    }

    [Fact]
    public void A_digest_in_an_images_entry_moves_to_the_new_digest_and_every_workload_follows()
    {
        const string a = "sha256:" + "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
        const string b = "sha256:" + "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
        Overlays(env => "resources:\n  - ../../base\n  - tools.yaml\nimages:\n  - name: ghcr.io/acme/web\n    newTag: 1.0.0\n    digest: " + a + "\n");
        foreach (var env in new[] { "dev", "prod" })
            Repo.Write($"apps/web/envs/{env}/tools.yaml", $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-tools\nspec:\n  containers:\n    - name: tools\n      image: ghcr.io/acme/web@{a}\n");
        Repo.CommitAll("web pinned by digest");

        var result = _shape.Promote(tag: $"1.1.0@{b}", force: true);

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + "\n" + string.Join("\n", result.Problems ?? []));
        var kustomization = Repo.Read("apps/web/envs/prod/kustomization.yaml");
        Assert.Contains($"    newTag: 1.1.0\n    digest: {b}\n", kustomization);
        // The Pod's literal reference is rewritten by the images: entry when kustomize builds: editing it would change
        // nothing, so it is left as it is, and the commit holds the kustomization alone.
        Assert.Equal(["apps/web/envs/prod/kustomization.yaml"], Repo.HeadChanges().Files);
        var prod = Assert.Single(_shape.Status(), r => r.Environment == "prod");
        Assert.Equal(3, prod.Workloads.Count);
        Assert.All(prod.Workloads, w => Assert.Equal(b, w.Image.Digest));

        // A tag alone cannot take a digest away: refused, naming where the digest is pinned.
        var byTag = _shape.Promote(tag: "1.2.0", force: true);
        AssertRefusedUntouched(byTag, "pins the digest", "--tag=1.2.0@sha256:<digest>");
    }

    [Fact]
    public void A_literal_reference_pinned_by_digest_takes_the_new_tag_and_digest()
    {
        const string a = "sha256:" + "1111111111111111111111111111111111111111111111111111111111111111";
        const string b = "sha256:" + "2222222222222222222222222222222222222222222222222222222222222222";
        Overlays(_ => "resources:\n  - ../../base\npatches:\n  - path: version.yml\n");
        Repo.Write("apps/web/envs/dev/version.yml", Version($"1.1.0@{b}").Replace($"web:1.1.0@{b}", $"web@{b}"));
        Repo.Write("apps/web/envs/prod/version.yml", Version("1.0.0").Replace("web:1.0.0", $"web@{a}"));
        Repo.CommitAll("web pinned by digest in patches");

        var result = _shape.Promote();

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + "\n" + string.Join("\n", result.Problems ?? []));
        Assert.Equal($"promote web to prod: @{a} → @{b}", Repo.Head().MessageShort);
        Assert.Equal(Version("1.0.0").Replace("web:1.0.0", $"web@{b}"), Repo.Read("apps/web/envs/prod/version.yml"));
    }

    private static string Workloads(string v, string? worker = null) => $"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {"{"}name: web{"}"}
        spec:
          selector: {"{"}matchLabels: {"{"}app: web{"}"}{"}"}
          template:
            metadata: {"{"}labels: {"{"}app: web{"}"}{"}"}
            spec:
              initContainers:
                - name: wait
                  image: ghcr.io/acme/web:{v}
              containers:
                - name: web
                  image: ghcr.io/acme/web:{v}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {"{"}name: web-worker{"}"}
        spec:
          selector: {"{"}matchLabels: {"{"}app: web-worker{"}"}{"}"}
          template:
            metadata: {"{"}labels: {"{"}app: web-worker{"}"}{"}"}
            spec:
              containers:
                - name: worker
                  image: ghcr.io/acme/web:{worker ?? v}
                - name: cache
                  image: redis:7.2
        ---
        apiVersion: batch/v1
        kind: CronJob
        metadata: {"{"}name: web-nightly{"}"}
        spec:
          schedule: "0 3 * * *"
          jobTemplate:
            spec:
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - name: nightly
                      image: ghcr.io/acme/web:{v}

        """;

    [Fact]
    public void Workloads_that_disagree_are_flagged_and_all_of_them_move()
    {
        _shape.KustomizeApplications();
        Repo.Write("apps/web/envs/dev/kustomization.yaml", "resources:\n  - workloads.yaml\n");
        Repo.Write("apps/web/envs/dev/workloads.yaml", Workloads("1.1.0"));
        Repo.Write("apps/web/envs/prod/kustomization.yaml", "resources:\n  - workloads.yaml\n");
        Repo.Write("apps/web/envs/prod/workloads.yaml", Workloads("1.0.0", worker: "0.9.0"));
        Repo.CommitAll("the worker lags behind in prod");

        var before = Assert.Single(_shape.Status(), r => r.Environment == "prod");
        Assert.True(before.Disagrees);
        Assert.Null(before.Tag);
        Assert.Equal(["1.0.0", "1.0.0", "0.9.0", "1.0.0"], before.Workloads.Select(w => w.Image.Tag));

        var result = _shape.Promote();

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + "\n" + string.Join("\n", result.Problems ?? []));
        Assert.Equal("promote web to prod: 1.0.0 and 0.9.0 → 1.1.0", Repo.Head().MessageShort);
        Assert.Equal(Workloads("1.1.0"), Repo.Read("apps/web/envs/prod/workloads.yaml"));
        Assert.False(Assert.Single(_shape.Status(), r => r.Environment == "prod").Disagrees);
    }
}
