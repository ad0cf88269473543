using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Changes;

/// <summary>
/// A change to gitops-build.yaml alone that changes how units render (the kustomize load restrictor a
/// pull request sets to let an overlay read beside its folder, the hosts a run may fetch from): each
/// side renders with its own configuration, so the units it affects are touched, and Diff and
/// CI --since see them instead of "No Application is touched by this change".
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileConfigChangeTests
{
    [Fact]
    public void A_load_restrictor_changed_in_gitops_build_yaml_touches_every_overlay()
    {
        using var repo = new DiffRepository()
            .Write("argocd/apps/reach.yaml", RepoBuilder.Application("reach", "apps/reach", ns: "reach"))
            .Write("apps/reach/kustomization.yaml", "resources:\n  - ../beside/cm.yaml\n")
            .Write("apps/beside/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: beside\ndata:\n  reached: \"yes\"\n");
        repo.Commit("seed");
        repo.Write("gitops-build.yaml", "argocd:\n  kustomize:\n    loadRestrictor: LoadRestrictionsNone\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        Assert.Equal(["reach:changed"], repo.TouchedUnits);
        var md = repo.Report("diff.md");
        Assert.DoesNotContain("No Application is touched", md);
        Assert.Contains("ConfigMap/beside", md);

        (code, output) = repo.Run("--target=CI", "--since=HEAD");
        Assert.Contains("units touched: reach", output);
    }
}
