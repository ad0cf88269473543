using GitOps.Build.Checks;
using GitOps.Build.Checks.Runner;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.GitOps.ApplicationSets;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>
/// Destinations as Argo CD validates them (util/argo GetDestinationServer: exactly one of server and
/// name): a generated Application without one is not created by the ApplicationSet controller, unless
/// its emptiness only comes from cluster Secrets this run does not know (then a warning saying how
/// to declare them); a written one is never synced.
/// </summary>
public sealed class GeneratedDestinationTests
{
    // The shape of a public repository: clusters/<cluster>/namespaces/<ns>/charts/<chart>/<instance>/metadata.yaml,
    // matrixed with a clusters generator in flatList mode, the destination picked from .clusters by the folder's name.
    private const string FlatListSet = """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: charts
          namespace: argocd
        spec:
          goTemplate: true
          goTemplateOptions: ["missingkey=error"]
          generators:
          - matrix:
              generators:
              - git:
                  repoURL: https://github.com/argoproj/argo-cd.git
                  revision: HEAD
                  files:
                  - path: clusters/*/namespaces/*/metadata.yaml
              - clusters:
                  flatList: true
          template:
            metadata:
              name: "{{index .path.segments 1}}-{{index .path.segments 3}}"
            spec:
              project: default
              source:
                repoURL: https://github.com/argoproj/argo-cd.git
                targetRevision: HEAD
                path: '{{.path.path}}'
              destination:
                server: '{{range .clusters}}{{if eq .name (index $.path.segments 1)}}{{.server}}{{end}}{{end}}'
                namespace: '{{index .path.segments 3}}'
        """;

    private static RepoBuilder FlatListRepo() => new RepoBuilder()
        .File("clusters/edge-1/namespaces/web/metadata.yaml", "version: 1.0.0\n")
        .File("clusters/edge-2/namespaces/web/metadata.yaml", "version: 1.0.0\n");

    [Fact]
    public void A_destination_picked_from_undeclared_clusters_is_a_warning_naming_the_set_the_template_and_the_fix()
    {
        using var repo = FlatListRepo();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", FlatListSet, AppSetFixture.WithHelm());
        var warning = Assert.Single(expansion.Findings);
        Assert.Equal(("APPSET-NOT-EXPANDED", Severity.Warning, 29), (warning.RuleId, warning.Severity, warning.Line));
        Assert.Contains("ApplicationSet charts: 2 generated Applications (edge-1-web, edge-2-web) get an empty destination", warning.Message);
        Assert.Contains("server: '{{range .clusters}}", warning.Message);
        Assert.Contains("under clusters: in gitops-build.yaml (docs/configuration.md)", warning.Message);
        // Still generated: what they deploy is checked, not where.
        Assert.Equal(["edge-1-web", "edge-2-web"], expansion.Names());
    }

    [Fact]
    public void With_the_clusters_declared_the_flat_list_fills_the_destination()
    {
        // Generators-Cluster.md, "Gather cluster information as a flat list": one parameter set holding every cluster as clusters.
        using var repo = FlatListRepo();
        var clusters = new[] { ClusterInfo.InCluster, new ClusterInfo("edge-1", "https://edge-1.example.com"), new ClusterInfo("edge-2", "https://edge-2.example.com") };
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", FlatListSet, AppSetFixture.WithHelm(clusters));
        Assert.Empty(expansion.Findings);
        Assert.Equal("https://edge-2.example.com", expansion.App("edge-2-web").Text("/spec/destination/server"));
    }

    [Fact]
    public void A_destination_left_empty_with_the_clusters_declared_is_an_error_and_the_Application_is_not_generated()
    {
        // edge-2 has no cluster Secret: Argo CD's controller refuses that Application (destination spec is invalid).
        using var repo = FlatListRepo();
        var clusters = new[] { ClusterInfo.InCluster, new ClusterInfo("edge-1", "https://edge-1.example.com") };
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", FlatListSet, AppSetFixture.WithHelm(clusters));
        var error = Assert.Single(expansion.Findings);
        Assert.Equal(("GITOPS-DESTINATION", Severity.Error), (error.RuleId, error.Severity));
        Assert.Contains("generated Application edge-2-web gets neither destination.server nor destination.name", error.Message);
        Assert.Equal(["edge-1-web"], expansion.Names());
    }

    [Fact]
    public void A_list_generator_without_a_destination_is_an_error_and_a_correct_one_passes()
    {
        using var repo = new RepoBuilder();
        const string Set = """
            apiVersion: argoproj.io/v1alpha1
            kind: ApplicationSet
            metadata:
              name: guestbook
            spec:
              generators:
              - list:
                  elements:
                  - cluster: a
                    url: https://a.example.com
                  - cluster: b
                    url: ""
              template:
                metadata:
                  name: '{{cluster}}-guestbook'
                spec:
                  project: default
                  source:
                    repoURL: https://github.com/argoproj/argo-cd.git
                    path: guestbook
                  destination:
                    server: '{{url}}'
                    namespace: guestbook
            """;
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", Set);
        var error = Assert.Single(expansion.Findings);
        Assert.Equal("GITOPS-DESTINATION", error.RuleId);
        Assert.Contains("b-guestbook", error.Message);
        Assert.Equal(["a-guestbook"], expansion.Names());
    }

    [Fact]
    public void A_written_Application_naming_no_cluster_is_an_error_and_one_naming_both_too()
    {
        using var repo = new RepoBuilder().RootApp("apps")
            .File("apps/web/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n")
            .File("apps/ok.yaml", RepoBuilder.Application("ok", "apps/web"))
            .File("apps/none.yaml", RepoBuilder.Application("none", "apps/web").Replace("    server: https://kubernetes.default.svc\n", ""))
            .File("apps/both.yaml", RepoBuilder.Application("both", "apps/web").Replace("    server: https://kubernetes.default.svc\n", "    server: https://kubernetes.default.svc\n    name: in-cluster\n"));
        var model = RepositoryLoader.Load(repo.Root, repo.Path("bootstrap/root.yaml"));
        var findings = CheckRunner.Run(model, new Dictionary<string, IReadOnlyList<Manifests.ManifestObject>>(), CheckOptions.Default)
            .Where(f => f.RuleId == "GITOPS-DESTINATION").OrderBy(f => f.File, StringComparer.Ordinal).ToList();
        Assert.Equal(["apps/both.yaml", "apps/none.yaml"], findings.Select(f => f.File));
        Assert.Contains("names both destination.server and destination.name", findings[0].Message);
        Assert.Contains("names neither destination.server nor destination.name", findings[1].Message);
    }
}
