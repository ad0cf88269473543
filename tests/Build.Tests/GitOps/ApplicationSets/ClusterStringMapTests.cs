using GitOps.Build.Config;
using GitOps.Build.GitOps.ApplicationSets;

namespace GitOps.Build.Tests.GitOps.ApplicationSets;

/// <summary>
/// A cluster's labels and annotations are Go map[string]string in Argo CD's goTemplate parameters
/// (applicationset/generators/cluster.go, getClusterParameters, hands the Secret's Labels and Annotations as they
/// are; cluster_test.go, TestGenerateParamsGoTemplate, expects "labels": map[string]string{...} and
/// "annotations": map[string]string{...} under "metadata"). Go's text/template then gives a missing key as
/// the string zero value "": for index always, and for a field lookup unless missingkey=error ("map has no entry
/// for key"). A map from any other generator (a git file's) is a map[string]interface{}, whose missing key is
/// nil and prints "&lt;no value&gt;". The clusters here are this test's own.
/// </summary>
public sealed class ClusterStringMapTests
{
    private const string Repo = AppSetFixture.RepoUrl;

    private static readonly ClusterInfo Staging = new("staging", "https://staging.example.com",
        Labels: new Dictionary<string, string> { ["env"] = "Staging" },
        Annotations: new Dictionary<string, string> { ["dns"] = "*.staging.example.com" });

    private static ApplicationSetExpander Expander() => AppSetFixture.WithHelm([Staging]);

    private static string ClusterSet(string annotations, string options = "", string generators = "  - clusters: {selector: {matchLabels: {env: Staging}}}") => $$$"""
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata:
          name: clusters
        spec:
          goTemplate: true
        {{{options}}}
          generators:
        {{{generators}}}
          template:
            metadata:
              name: '{{ .name }}'
              annotations:
        {{{annotations}}}
            spec:
              project: default
              source: {repoURL: {{{Repo}}}, path: apps}
              destination: {server: '{{ .server }}', namespace: apps}
        """;

    [Fact]
    public void Index_on_a_missing_label_or_annotation_is_empty_and_the_next_function_works()
    {
        // The shapes: index into a map[string]string gives "" for a missing key, which trimPrefix and lower take.
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ClusterSet("""
                  host: '{{ index .metadata.annotations "missing" | trimPrefix "*." }}|'
                  env: '{{ index .metadata.labels "tier" | lower }}|{{ (index $.metadata.labels "tier") | upper }}|'
                  present: '{{ index .metadata.annotations "dns" | trimPrefix "*." }}|{{ index .metadata.labels "env" | lower }}'
          """), Expander());

        Assert.Empty(expansion.Findings);
        var app = expansion.App("staging");
        Assert.Equal("|", app.Text("/metadata/annotations/host"));
        Assert.Equal("||", app.Text("/metadata/annotations/env"));
        Assert.Equal("staging.example.com|staging", app.Text("/metadata/annotations/present"));
    }

    [Fact]
    public void Field_lookup_on_a_missing_label_is_empty_by_default()
    {
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ClusterSet("""
                  tier: '{{ .metadata.labels.tier }}|{{ .metadata.labels.tier | upper }}|{{ .metadata.labels.env }}'
          """), Expander());

        Assert.Empty(expansion.Findings);
        Assert.Equal("||Staging", expansion.App("staging").Text("/metadata/annotations/tier"));
    }

    [Fact]
    public void Field_lookup_on_a_missing_label_fails_with_missingkey_error_and_index_does_not()
    {
        // text/template: missingkey=error fails a field lookup of a missing map key ("map has no entry for key");
        // index is not affected by the option.
        using var repo = new RepoBuilder();
        var failing = AppSetFixture.Expand(repo, "appset.yaml", ClusterSet("""
                  tier: '{{ .metadata.labels.tier }}'
          """, options: "  goTemplateOptions: [\"missingkey=error\"]"), Expander());
        Assert.Empty(failing.Names());
        Assert.Equal("APPSET-TEMPLATE", Assert.Single(failing.Findings).RuleId);

        var indexed = AppSetFixture.Expand(repo, "appset.yaml", ClusterSet("""
                  tier: '{{ index .metadata.labels "tier" | lower }}|{{ .metadata.labels.env }}'
          """, options: "  goTemplateOptions: [\"missingkey=error\"]"), Expander());
        Assert.Empty(indexed.Findings);
        Assert.Equal("|Staging", indexed.App("staging").Text("/metadata/annotations/tier"));
    }

    [Fact]
    public void Inside_a_matrix_or_merge_the_cluster_maps_are_still_string_maps()
    {
        using var repo = new RepoBuilder();
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ClusterSet("""
                  tier: '{{ index .metadata.labels "tier" | lower }}|{{ .metadata.annotations.missing }}|{{ .app }}'
          """, generators: """
            - matrix:
                generators:
                - clusters: {selector: {matchLabels: {env: Staging}}}
                - list: {elements: [{app: web}]}
          """.Replace("\n", "\n  ")), Expander());

        Assert.Empty(expansion.Findings);
        Assert.Equal("||web", expansion.App("staging").Text("/metadata/annotations/tier"));

        // merge.go merges the other generators' sets over the first's: the cluster's maps are still its own.
        var merged = AppSetFixture.Expand(repo, "appset.yaml", ClusterSet("""
                  tier: '{{ index .metadata.labels "tier" | lower }}|{{ .metadata.annotations.missing }}|{{ .app }}'
          """, generators: """
            - merge:
                mergeKeys: [server]
                generators:
                - clusters: {selector: {matchLabels: {env: Staging}}}
                - list: {elements: [{server: 'https://staging.example.com', app: api}]}
          """.Replace("\n", "\n  ")), Expander());
        Assert.Empty(merged.Findings);
        Assert.Equal("||api", merged.App("staging").Text("/metadata/annotations/tier"));
    }

    [Fact]
    public void A_git_files_map_keeps_no_value_for_a_missing_key()
    {
        // A map read from a file is map[string]interface{} in Argo CD (git.go unmarshals into map[string]any):
        // a missing key is nil, "<no value>" when printed, and the same template that is "" for a cluster fails here.
        using var repo = new RepoBuilder().File("clusters/a/config.yaml", "name: a\nserver: https://kubernetes.default.svc\nmetadata:\n  labels:\n    env: dev\n");
        var expansion = AppSetFixture.Expand(repo, "appset.yaml", ClusterSet("""
                  tier: '{{ index .metadata.labels "tier" | lower }}'
          """, generators: $"  - git: {{repoURL: {Repo}, revision: HEAD, files: [{{path: 'clusters/*/config.yaml'}}]}}"), Expander());

        Assert.Empty(expansion.Names());
        Assert.Contains("expected string", Assert.Single(expansion.Findings).Message);
    }
}
