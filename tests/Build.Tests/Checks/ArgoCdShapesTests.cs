using GitOps.Build.Findings;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Checks;

/// <summary>
/// Shapes seen on public GitOps repositories that Argo CD accepts, each with a planted defect that
/// must still be found: child Applications, an ApplicationSet and an AppProject in argocd under a
/// root app whose destination is default; a chart setting metadata.namespace on NetworkPolicies for
/// several namespaces its project permits; the built-in default project with no AppProject for it;
/// chart template Secrets (a vendored subchart's too) whose data the template fills; Go templates
/// in a chart's files/ folder.
/// </summary>
public sealed class ArgoCdShapesTests
{
    private const string Server = "https://kubernetes.default.svc";

    private static RepoBuilder Fixture()
    {
        var repo = new RepoBuilder()
            .File("bootstrap/root.yaml", $"""
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
                    server: {Server}
                    namespace: default
                """)
            .File("argocd/apps/project.yaml", $"""
                apiVersion: argoproj.io/v1alpha1
                kind: AppProject
                metadata:
                  name: team
                  namespace: argocd
                spec:
                  sourceRepos: ['*']
                  destinations:
                    - server: {Server}
                      namespace: web
                    - server: {Server}
                      namespace: monitoring
                """)
            .File("argocd/apps/web.yaml", $"""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: web
                  namespace: argocd
                spec:
                  project: team
                  source:
                    repoURL: https://example.com/org/repo.git
                    targetRevision: main
                    path: charts/web
                  destination:
                    server: {Server}
                    namespace: web
                """)
            .File("argocd/apps/extras.yaml", $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: extras
                  namespace: argocd
                spec:
                  generators:
                    - list:
                        elements:
                          - name: extra
                  template:
                    metadata:
                      name: '{{name}}'
                      namespace: argocd
                    spec:
                      project: default
                      source:
                        repoURL: https://example.com/org/repo.git
                        targetRevision: main
                        path: manifests/extra
                      destination:
                        server: {{{Server}}}
                        namespace: extra
                """)
            .File("manifests/extra/config.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: extra\ndata:\n  a: b\n")
            .File("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 0.1.0\n")
            .File("charts/web/values.yaml", "policyNamespaces: [web, monitoring]\nsecret:\n  enabled: false\n  data: {}\n")
            .File("charts/web/templates/netpol.yaml", """
                {{- range .Values.policyNamespaces }}
                ---
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata:
                  name: deny-all
                  namespace: {{ . }}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                {{- end }}
                """)
            .File("charts/web/templates/secret.yaml", """
                {{- if .Values.secret.enabled }}
                apiVersion: v1
                kind: Secret
                metadata:
                  name: web
                type: Opaque
                data:
                  {{- range $k, $v := .Values.secret.data }}
                  {{ $k }}: {{ $v | b64enc }}
                  {{- end }}
                {{- end }}
                """)
            .File("charts/web/files/secrets.yaml", """
                secrets:
                  data:
                {{- range $k, $v := .Values.secret.data }}
                    {{ $k }}: {{ $v }}
                {{- end }}
                """)
            .File("charts/web/charts/sub/Chart.yaml", "apiVersion: v2\nname: sub\nversion: 0.1.0\n")
            .File("charts/web/charts/sub/values.yaml", "token: \"\"\n")
            .File("charts/web/charts/sub/templates/secret.yaml", """
                {{- if .Values.token }}
                apiVersion: v1
                kind: Secret
                metadata:
                  name: sub
                stringData:
                  token: {{ .Values.token | quote }}
                {{- end }}
                """);
        return repo;
    }

    private static Task<IReadOnlyList<Finding>> Check(RepoBuilder repo) => TestSession.CheckAsync(repo.Root, "bootstrap/root.yaml");

    [Fact]
    public async Task ArgoCdAcceptsEveryShapeAndSoDoTheChecks()
    {
        using var repo = Fixture();
        var findings = await Check(repo);
        Assert.True(findings.Count == 0, findings.Describe());
    }

    [Fact]
    public async Task PlantedDefectsAreStillFoundWithFileAndLine()
    {
        using var repo = Fixture();
        // A namespace the project does not permit; a project that does not exist; a literal secret in Git.
        repo.File("charts/web/values.yaml", "policyNamespaces: [web, kube-system]\nsecret:\n  enabled: false\n  data: {}\n")
            .File("manifests/extra/secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  PASSWORD: aHVudGVyMg==\n")
            .File("argocd/apps/other.yaml", $"""
                apiVersion: argoproj.io/v1alpha1
                kind: Application
                metadata:
                  name: other
                  namespace: argocd
                spec:
                  project: nosuch
                  source:
                    repoURL: https://example.com/org/repo.git
                    targetRevision: main
                    path: manifests/extra
                  destination:
                    server: {Server}
                    namespace: other
                """);
        var findings = await Check(repo);

        var ns = Assert.Single(findings, f => f.RuleId == "SCHEMA-NAMESPACE");
        // At the values file line that sets it, with the rendered artifact and its line as the related location.
        Assert.Equal(("charts/web/values.yaml", "artifacts/rendered/web.yaml"), (ns.File, ns.RenderedFile));
        Assert.Contains("kube-system", File.ReadAllLines(repo.Path(ns.File))[ns.Line - 1]);
        Assert.Contains("sets namespace kube-system, which project team does not permit", ns.Message);
        Assert.True(ns.Line >= 1);
        var rendered = File.ReadAllLines(repo.Path(ns.RenderedFile!));
        Assert.Equal("  namespace: kube-system", rendered[ns.RenderedLine - 1]);

        var missing = Assert.Single(findings, f => f.RuleId == "CON-PROJECT-MISSING");
        Assert.Equal(("argocd/apps/other.yaml", 7), (missing.File, missing.Line));
        Assert.Contains(findings, f => f.RuleId == "CON-PLAINTEXT-SECRET" && f.File == "manifests/extra/secret.yaml" && f.Line == 5);
        // the chart's files are named only as the source of a rendered object, never scanned as manifests themselves
        Assert.DoesNotContain(findings, f => f.File.StartsWith("charts/", StringComparison.Ordinal) && f.RenderedFile == null);
    }

    [Fact]
    public async Task AnUnsealedValueInAValuesFileAnApplicationUsesIsStillFound()
    {
        using var repo = Fixture();
        repo.File("charts/web/values.yaml", "policyNamespaces: [web]\nsecret:\n  enabled: false\n  data: {}\nsecrets:\n  data:\n    PASSWORD: hunter2\n");
        var findings = await Check(repo);
        var finding = Assert.Single(findings);
        Assert.Equal(("CON-UNSEALED-VALUE", "charts/web/values.yaml", 7), (finding.RuleId, finding.File, finding.Line));
    }
}
