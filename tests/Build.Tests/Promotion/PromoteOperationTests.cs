using Cake.Core.Diagnostics;
using GitOps.Build.Promotion;

namespace GitOps.Build.Tests.Promotion;

/// <summary>
/// Promote through its operation, which judges the environment after the edit by Validate's rules on the
/// rendered objects: findings on them name the repository file that made them (the rendered artifact is their
/// related location), and they must still be seen, as errors the environment already has (said, not held
/// against the promotion) or as new ones (which block it).
/// </summary>
public sealed class PromoteOperationTests : IDisposable
{
    private readonly ShapeRepository _shape = new("dev", "prod");

    public PromoteOperationTests()
    {
        _shape.KustomizeApplications();
        var repo = _shape.Repo;
        // No securityContext: POL-RUN-AS-NON-ROOT, an error in prod before and after the promotion.
        repo.Write("apps/web/base/kustomization.yaml", "resources:\n  - deployment.yaml\n");
        repo.Write("apps/web/base/deployment.yaml", ShapeRepository.Deployment("registry.example.org/web:v0.0.1"));
        repo.Write("apps/web/envs/dev/kustomization.yaml", "resources:\n  - ../../base\nimages:\n  - name: registry.example.org/web\n    newTag: v1.2.0\n");
        repo.Write("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\nimages:\n  - name: registry.example.org/web\n    newTag: v1.1.0\n");
        repo.CommitAll("web over Kustomize overlays");
    }

    public void Dispose() => _shape.Dispose();

    [Fact]
    public void An_error_the_environment_already_has_on_its_rendered_objects_is_named_and_does_not_block_the_promotion()
    {
        var result = new PromoteOperation(_shape.Session(), _shape.Git(), new NullLog())
            .Run(new PromoteOptions(new PromotionRequest(ShapeRepository.App, "prod"), false));

        Assert.True(result.Outcome == PromotionOutcome.Promoted, result.Message + string.Join("\n", result.Problems ?? []));
        Assert.Contains(result.Standing, s => s.StartsWith("POL-RUN-AS-NON-ROOT ", StringComparison.Ordinal) && s.Contains("Deployment", StringComparison.Ordinal));
        Assert.Equal(["apps/web/envs/prod/kustomization.yaml"], _shape.Repo.HeadChanges().Files);
    }
}
