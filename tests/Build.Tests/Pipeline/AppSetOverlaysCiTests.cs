using System.Text.Json.Nodes;
using GitOps.Build.Tests.GitOps;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using GitOps.Build.Tests.Support;

namespace GitOps.Build.Tests.Pipeline;

/// <summary>
/// The layout of the repository this project's seed was written from: apps/&lt;name&gt;/base,
/// apps/&lt;name&gt;/envs/&lt;env&gt; overlays, an ApplicationSet per environment under appsets/ (git
/// directory generator, goTemplate) and a root app over appsets/. CI renders every overlay, and a
/// defect planted in one overlay fails CI naming that overlay's file.
/// </summary>
[Collection(ConsoleCapture.Name)]
public class AppSetOverlaysCiTests
{
    private const string Repo = "https://example.com/org/shop.git";

    private static RepoBuilder Layout()
    {
        var repo = new RepoBuilder().File("root.yml", $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: root
              namespace: argocd
            spec:
              project: default
              source:
                repoURL: {Repo}
                path: appsets
              destination:
                server: https://kubernetes.default.svc
                namespace: argocd
            """);
        repo.File("appsets/prod-appset.yml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: prod
              namespace: argocd
            spec:
              goTemplate: true
              generators:
                - git:
                    repoURL: {{{Repo}}}
                    revision: HEAD
                    directories:
                      - path: apps/*/envs/prod
              template:
                metadata:
                  name: '{{index .path.segments 1}}-{{index .path.segments 3}}'
                spec:
                  project: default
                  source:
                    repoURL: {{{Repo}}}
                    targetRevision: HEAD
                    path: '{{.path.path}}'
                  destination:
                    server: https://kubernetes.default.svc
                    namespace: '{{index .path.segments 1}}'
            """);
        foreach (var app in new[] { "api", "web" })
        {
            repo.File($"apps/{app}/base/kustomization.yaml", "resources:\n  - configmap.yaml\n")
                .File($"apps/{app}/base/configmap.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {app}\ndata:\n  mode: base\n")
                .File($"apps/{app}/envs/prod/kustomization.yaml", "resources:\n  - ../../base\npatches:\n  - path: mode.yaml\n")
                .File($"apps/{app}/envs/prod/mode.yaml", $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {app}\ndata:\n  mode: prod\n");
        }
        return repo;
    }

    private static (int Code, string Output, JsonArray Findings) Ci(RepoBuilder repo)
    {
        var harness = new HostHarness();
        var code = harness.RunProgram("--target=CI", $"--root={repo.Root}", "--root-app=root.yml", $"--helm={TestTools.Helm}", $"--kubectl={TestTools.Kubectl}", "--offline");
        var report = repo.Path("artifacts/reports/findings.json");
        return (code, harness.Output, File.Exists(report) ? JsonNode.Parse(File.ReadAllText(report))!["findings"]!.AsArray() : []);
    }

    [Fact]
    public void Every_overlay_an_ApplicationSet_generates_is_rendered_and_a_broken_one_fails_naming_its_file()
    {
        using var repo = Layout();
        var (code, output, findings) = Ci(repo);
        Assert.True(code == 0, output);
        foreach (var app in new[] { "api-prod", "web-prod" })
            Assert.Contains("mode: prod", File.ReadAllText(repo.Path($"artifacts/rendered/{app}.yaml")));
        Assert.DoesNotContain(findings, f => f!["severity"]!.GetValue<string>() == "error");

        repo.File("apps/web/envs/prod/kustomization.yaml", "resources:\n  - ../../base\n  - missing.yaml\n");
        (code, output, findings) = Ci(repo);
        Assert.True(code == 1, output);
        Assert.Contains(findings, f => f!["rule"]!.GetValue<string>() == "KUSTOMIZE-BUILD"
                                       && f["file"]!.GetValue<string>() == "apps/web/envs/prod/kustomization.yaml"
                                       && f["line"]!.GetValue<int>() == 3);
        Assert.Contains("mode: prod", File.ReadAllText(repo.Path("artifacts/rendered/api-prod.yaml")));
    }
}
