using GitOps.Build.Promotion;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// An app deployed with Argo Rollouts (Kustomize overlays over a base with a Rollout carrying its pod template at
/// spec.template, and a Rollout whose spec.workloadRef names a Deployment), rendered with the pinned kubectl:
/// PromotionStatus reads the Rollout's containers and the referenced Deployment's, and Promote moves and proves both.
/// </summary>
public sealed class PromoteRolloutTests : IDisposable
{
    private const string Web = ShapeRepository.App;
    private readonly ShapeRepository _shape = new("dev", "prod");
    private TempGitRepository Repo => _shape.Repo;

    public PromoteRolloutTests()
    {
        _shape.KustomizeApplications();
        Repo.Write("apps/web/base/kustomization.yaml", "resources:\n  - rollout.yaml\n  - worker.yaml\n");
        Repo.Write("apps/web/base/rollout.yaml", """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: web
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web
              strategy:
                canary:
                  steps:
                    - setWeight: 20
                    - pause: {duration: 10m}
              template:
                metadata:
                  labels:
                    app: web
                spec:
                  initContainers:
                    - name: migrate
                      image: registry.example.org/web:v0.0.1
                  containers:
                    - name: web
                      image: registry.example.org/web:v0.0.1
            """);
        // A Rollout that takes its pods from a Deployment: nothing of its own to read; the Deployment is read on its own.
        Repo.Write("apps/web/base/worker.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web-worker
            spec:
              replicas: 0
              selector:
                matchLabels:
                  app: web-worker
              template:
                metadata:
                  labels:
                    app: web-worker
                spec:
                  containers:
                    - name: worker
                      image: registry.example.org/web:v0.0.1
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata:
              name: web-worker
            spec:
              replicas: 2
              selector:
                matchLabels:
                  app: web-worker
              workloadRef:
                apiVersion: apps/v1
                kind: Deployment
                name: web-worker
              strategy:
                canary:
                  steps:
                    - setWeight: 50
            """);
        Repo.Write("apps/web/envs/dev/kustomization.yaml", "resources:\n  - ../../base\nimages:\n  - name: registry.example.org/web\n    newTag: v1.2.0\n");
        Repo.Write("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\nimages:\n  - name: registry.example.org/web\n    newTag: v1.1.0\n");
        Repo.CommitAll("web with Argo Rollouts");
    }

    public void Dispose() => _shape.Dispose();

    [Fact]
    public void Status_reads_the_containers_of_a_Rollout_and_of_the_Deployment_a_Rollout_refers_to()
    {
        var prod = Assert.Single(_shape.Status(), r => r.App == Web && r.Environment == "prod");

        Assert.Null(prod.Problem);
        Assert.Equal("v1.1.0", prod.Tag);
        Assert.Equal(
            [("Deployment/web-worker", "worker", false), ("Rollout/web", "migrate", true), ("Rollout/web", "web", false)],
            prod.Workloads.Select(w => (Kind(w.Object), w.Container, w.IsInit)).Order());
        Assert.Equal("/spec/template/spec/containers/0/image", prod.Workloads.Single(w => w.Container == "web").Pointer);
    }

    /// <summary>Kind/name of a workload's reference (its namespace left out).</summary>
    private static string Kind(string reference) => $"{reference.Split('/')[0]}/{reference.Split('/')[^1]}";

    [Fact]
    public void Promote_moves_every_container_of_the_Rollout_and_of_the_referenced_Deployment_proven_by_rendering()
    {
        var result = _shape.Promote();

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Equal(["apps/web/envs/prod/kustomization.yaml"], Repo.HeadChanges().Files);
        Assert.Equal(3, result.Diff!.Split('\n').Count(l => l.StartsWith('+') && l.EndsWith("image: registry.example.org/web:v1.2.0", StringComparison.Ordinal)));
        Assert.Contains("Rollout/web", result.Diff);
        var prod = Assert.Single(_shape.Status(), r => r.App == Web && r.Environment == "prod");
        Assert.Equal("v1.2.0", prod.Tag);
        Assert.Equal(3, prod.Workloads.Count);
    }
}
