using GitOps.Build.Tests.Changes;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// Escaping prod's rules without touching a prod Application: a dev Application (its label, its
/// destination, automated sync) whose chart sets <c>metadata.namespace</c> of its objects to prod's
/// namespace. Argo CD applies an object in the namespace it names, so those objects run in prod: they
/// are judged by prod's rules (an image tag that moves), the Application that puts them there by prod's
/// sync rule, and the reviewer is told where they land. An object in a namespace no environment
/// declares changes nothing.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class HostileNamespaceTests
{
    [Fact]
    public void Objects_a_dev_Application_puts_in_prods_namespace_are_judged_as_prod()
    {
        using var repo = new DiffRepository().App("side", "dev", "greeting: hi\n")
            .Write("gitops-build.yaml", """
                environments:
                  dev: {namespace: side-dev, autoSync: true, immutableTags: false}
                  prod: {namespace: side-prod, autoSync: false, immutableTags: true}
                """)
            .Write("charts/demo/templates/landed.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: landed
                  namespace: side-prod
                spec:
                  selector: {matchLabels: {app: landed}}
                  template:
                    metadata: {labels: {app: landed}}
                    spec:
                      containers:
                        - name: web
                          image: nginx:latest
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: elsewhere
                  namespace: monitoring
                """);
        repo.Write("argocd/apps/side-dev.yaml", File.ReadAllText(repo.Files.Path("argocd/apps/side-dev.yaml"))
            .Replace("  name: side-dev\n", "  name: side-dev\n  labels:\n    environment: dev\n")
            .Replace("  destination:\n", "  syncPolicy:\n    automated:\n      prune: true\n      selfHeal: true\n  destination:\n"));

        var (code, output) = repo.Run("--target=Validate");

        Assert.True(code == 1, output);
        var findings = ReportedFindings.Read(repo.Root).All;
        Assert.Contains(findings, f => f.Rule == "POL-MUTABLE-IMAGE-TAG" && f.File == "charts/demo/templates/landed.yaml" && f.Message.Contains("latest", StringComparison.Ordinal));
        Assert.Contains(findings, f => f.Rule == "ENV-MANUAL-SYNC" && f.File == "argocd/apps/side-dev.yaml" && f.Message.Contains("prod", StringComparison.Ordinal));
        var landed = Assert.Single(findings, f => f.Rule == "ENV-MISMATCH");
        Assert.Contains("Deployment/landed", landed.Message);
        Assert.Contains("side-prod, prod's namespace", landed.Message);
        Assert.DoesNotContain(findings, f => f.Message.Contains("monitoring", StringComparison.Ordinal));
    }
}
