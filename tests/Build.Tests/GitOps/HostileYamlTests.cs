using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using GitOps.Build.Tests.Yaml;

namespace GitOps.Build.Tests.GitOps;

/// <summary>
/// Alias bombs wherever a pull request can put YAML: a plain manifest of a directory source, a
/// helm value file, inline helm values, a chart's own values.yaml, a git generator's file, a
/// resource of a kustomization (refused before kustomize parses it). CI
/// reports each as YAML-PARSE at its file and line (naming the limit), helm never sees them, the
/// well-behaved Application still renders, and the whole run allocates far less than the gigabytes
/// the bombs expand to (measured in this process).
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileYamlTests : IDisposable
{
    private readonly RepoBuilder _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Alias_bombs_are_refused_where_they_are_written_and_memory_stays_bounded()
    {
        var bomb = YamlLimitsTests.Bomb();
        _repo.RootApp()
            .Chart("charts/demo")
            .Chart("charts/bombed", name: "bombed")
            .File("charts/bombed/values.yaml", bomb)
            .File("plain/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n" + YamlLimitsTests.Bomb("  "))
            .File("envs/bomb.yaml", bomb)
            .File("generated/one/config.yaml", bomb)
            .File("argocd/apps/plain.yaml", RepoBuilder.Application("plain", "plain"))
            .File("argocd/apps/values.yaml", RepoBuilder.Application("values", "charts/demo", helm: "      valueFiles:\n        - ../../envs/bomb.yaml"))
            .File("argocd/apps/inline.yaml", RepoBuilder.Application("inline", "charts/demo", helm: "      values: |\n" + YamlLimitsTests.Bomb("        ").TrimEnd('\n')))
            .File("argocd/apps/chart.yaml", RepoBuilder.Application("chart", "charts/bombed"))
            .File("argocd/apps/fine.yaml", RepoBuilder.Application("fine", "charts/demo"))
            .File("apps/kustomized/kustomization.yaml", "resources:\n  - cm.yaml\n")
            .File("apps/kustomized/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\ndata:\n" + YamlLimitsTests.Bomb("  "))
            .File("argocd/apps/kustomized.yaml", RepoBuilder.Application("kustomized", "apps/kustomized"))
            .File("argocd/apps/set.yaml", """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: generated
                spec:
                  generators:
                    - git:
                        repoURL: https://example.com/org/repo.git
                        revision: HEAD
                        files:
                          - path: generated/*/config.yaml
                  template:
                    metadata:
                      name: 'gen-{{path.basename}}'
                    spec:
                      project: default
                      source:
                        repoURL: https://example.com/org/repo.git
                        path: charts/demo
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: generated
                """);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var harness = new HostHarness();
        var code = harness.RunProgram(["--target=CI", $"--root={_repo.Root}", "--root-app=bootstrap/root.yaml", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline"]);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.True(code == 1, harness.Output);
        var findings = ReportedFindings.Read(_repo.Root);
        void Refused(string file, int line) => findings.AssertReported("YAML-PARSE", file, line, "100,000 nodes");
        Refused("plain/cm.yaml", 11);
        Refused("apps/kustomized/cm.yaml", 11);
        Refused("envs/bomb.yaml", 6);
        Refused("charts/bombed/values.yaml", 6);
        Refused("argocd/apps/inline.yaml", 17);
        Refused("generated/one/config.yaml", 6);
        Assert.True(File.Exists(_repo.Path("artifacts/rendered/fine.yaml")), harness.Output);
        // The bombs expand to hundreds of millions of nodes (gigabytes); refused, the run stays small.
        Assert.True(allocated < 1024L * 1024 * 1024, $"{allocated:N0} bytes allocated by the run");
    }
}
