using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// A folder of plugin configs (a generators, transformers or validators entry naming a folder) is
/// built by kustomize before its configs run, so its own kustomization can rewrite them: an inline
/// patch, a replacement, a transformer or a component that changes a generator's <c>files</c> or a
/// PatchTransformer's <c>path</c> to a file outside the repository. What the configs name is then
/// known only once kustomize has built them, too late to check; with
/// <c>loadRestrictor: LoadRestrictionsNone</c> (which the pull request sets) kustomize would read it.
/// Such a folder is refused (GITOPS-PATH at its entry), nothing outside reaches a report, and a folder
/// that only lists its configs still builds.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileConfigFolderTests : IDisposable
{
    private readonly OutsideFolder _outside = new();
    private readonly RepoBuilder _repo = new();

    public void Dispose()
    {
        _repo.Dispose();
        _outside.Dispose();
    }

    private RepoBuilder Overlay(string name, string list, string folderKustomization, string config)
    {
        _repo.File($"argocd/apps/{name}.yaml", RepoBuilder.Application(name, $"apps/{name}", ns: name))
            .File($"apps/{name}/kustomization.yaml", $"resources:\n  - cm.yaml\n{list}:\n  - configs\n")
            .File($"apps/{name}/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: base\ndata:\n  a: b\n")
            .File($"apps/{name}/harmless.txt", "harmless\n")
            .File($"apps/{name}/configs/kustomization.yaml", folderKustomization)
            .File($"apps/{name}/configs/config.yaml", config);
        return _repo;
    }

    [Fact]
    public void A_folder_of_configs_that_rewrites_them_is_not_built_with_LoadRestrictionsNone()
    {
        var secret = _outside.Path("secret.txt");
        const string Generator = "apiVersion: builtin\nkind: ConfigMapGenerator\nmetadata:\n  name: gathered\nfiles:\n  - harmless.txt\n";
        _repo.RootApp().File("gitops-build.yaml", "argocd:\n  kustomize:\n    loadRestrictor: LoadRestrictionsNone\n");
        Overlay("patched", "generators", $"resources:\n  - config.yaml\npatches:\n  - target:\n      kind: ConfigMapGenerator\n    patch: |\n      - op: replace\n        path: /files/0\n        value: {secret}\n", Generator);
        Overlay("replaced", "generators", $"resources:\n  - config.yaml\n  - source.yaml\nreplacements:\n  - source:\n      kind: ConfigMap\n      name: source\n      fieldPath: data.where\n    targets:\n      - select:\n          kind: ConfigMapGenerator\n        fieldPaths:\n          - files.0\n", Generator)
            .File("apps/replaced/configs/source.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: source\ndata:\n  where: {secret}\n");
        Overlay("retargeted", "transformers", $"resources:\n  - config.yaml\ncomponents:\n  - ../../rewrite\n",
                "apiVersion: builtin\nkind: PatchTransformer\nmetadata:\n  name: p\npath: harmless.txt\ntarget:\n  kind: ConfigMap\n")
            .File("apps/rewrite/kustomization.yaml", $"apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\npatches:\n  - target:\n      kind: PatchTransformer\n    patch: |\n      - op: replace\n        path: /path\n        value: {_outside.Path("values.yaml")}\n");
        Overlay("listed", "generators", "resources:\n  - config.yaml\n", Generator);
        var before = _outside.Snapshot();

        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=CI", $"--root={_repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline"]);

        Assert.True(code == 1, harness.Output);
        var findings = ReportedFindings.Read(_repo.Root);
        foreach (var name in new[] { "patched", "replaced", "retargeted" })
            findings.AssertReported("GITOPS-PATH", $"apps/{name}/kustomization.yaml", 4, "rewrites the configs it holds");
        Assert.Contains("harmless", File.ReadAllText(_repo.Path("artifacts/rendered/listed.yaml")));
        _outside.AssertUntouched(before, _repo.Path("artifacts"));
        Assert.DoesNotContain(_outside.Marker, harness.Output);
    }
}
