using GitOps.Build.Mapping;
using GitOps.Build.Reporting;
using GitOps.Build.Tests.GitOps;

namespace GitOps.Build.Tests.Mapping;

/// <summary>An ApplicationSet with many Applications is one node with their count unless the map is expanded.</summary>
public sealed class FoldTests : IDisposable
{
    private readonly RepoBuilder _repo = new();

    public void Dispose() => _repo.Dispose();

    /// <summary>A root app over argocd/, holding one list ApplicationSet of <paramref name="count"/> directory Applications, dev and prod alternating.</summary>
    private void Repository(int count)
    {
        var elements = string.Join("\n", Enumerable.Range(1, count).Select(i => $"      - name: shop{i}\n        env: {(i % 2 == 0 ? "prod" : "dev")}"));
        _repo.RootApp("argocd")
            .File("manifests/configmap.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: b\n")
            .File("argocd/shops.yaml", $$$"""
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata:
                  name: shops
                  namespace: argocd
                spec:
                  generators:
                  - list:
                      elements:
                {{{elements}}}
                  template:
                    metadata:
                      name: '{{name}}-{{env}}'
                      labels:
                        environment: '{{env}}'
                    spec:
                      project: default
                      source:
                        repoURL: https://example.com/org/repo.git
                        path: manifests
                      destination:
                        server: https://kubernetes.default.svc
                        namespace: '{{name}}-{{env}}'
                """);
    }

    private Task<RepositoryMap> Draw(bool expand = false) => MapFixture.DrawAsync(_repo.Root, new MapOptions { Expand = expand }, "bootstrap/root.yaml");

    [Fact]
    public async Task Ten_Applications_fold_into_one_node_with_their_count()
    {
        Repository(10);
        var graph = (await Draw()).Graph;

        Assert.Equal([MapNodeKind.Application, MapNodeKind.ApplicationSet, MapNodeKind.Folded], graph.Nodes.Select(n => n.Kind));
        var (root, set, fold) = (graph.Nodes[0], graph.Nodes[1], graph.Nodes[2]);
        Assert.True(root.IsRoot);
        Assert.Equal(["shops", "ApplicationSet (list generator)", "10 Applications"], set.Lines);
        Assert.Equal(10, fold.Count);
        Assert.Equal(["10 Applications", "folded: --expand draws each", "10 manual sync"], fold.Lines);
        Assert.Equal([new MapEdge(root.Id, set.Id), new MapEdge(set.Id, fold.Id)], graph.Edges);
        // Five in dev and five in prod: the fold (and so its ApplicationSet) sits in neither group.
        Assert.Null(fold.Group);
        Assert.Null(set.Group);

        var read = MermaidReader.Read(MermaidMap.Flowchart(graph));
        MapFixture.AssertReadsAs(graph, read, MapFixture.MermaidShape, MermaidMap.LegendId);
        Assert.Equal("[[]]", read.Node("10 Applications").Shape);
    }

    [Fact]
    public async Task Expanded_every_Application_is_drawn_in_its_environment()
    {
        Repository(10);
        var graph = (await Draw(expand: true)).Graph;

        var apps = graph.Nodes.Where(n => n.Kind == MapNodeKind.Application && !n.IsRoot).ToList();
        Assert.Equal(10, apps.Count);
        Assert.DoesNotContain(graph.Nodes, n => n.Kind == MapNodeKind.Folded);
        var set = Assert.Single(graph.Nodes, n => n.Kind == MapNodeKind.ApplicationSet);
        Assert.All(apps, a => Assert.Contains(new MapEdge(set.Id, a.Id), graph.Edges));
        Assert.Equal(["dev", "prod"], graph.Groups.Select(g => g.Title));
        var read = MermaidReader.Read(MermaidMap.Flowchart(graph));
        Assert.Equal(["shop1-dev", "shop3-dev", "shop5-dev", "shop7-dev", "shop9-dev"], read.GroupMembers["dev"]);
        Assert.Equal(["shop10-prod", "shop2-prod", "shop4-prod", "shop6-prod", "shop8-prod"], read.GroupMembers["prod"]);
    }

    [Fact]
    public async Task Eight_Applications_are_drawn_one_by_one()
    {
        Repository(MapOptions.DefaultFoldAbove);
        var graph = (await Draw()).Graph;
        Assert.Equal(MapOptions.DefaultFoldAbove, graph.Nodes.Count(n => n.Kind == MapNodeKind.Application && !n.IsRoot));
        Assert.DoesNotContain(graph.Nodes, n => n.Kind == MapNodeKind.Folded);
    }

    [Fact]
    public async Task An_ApplicationSet_found_as_a_root_is_still_drawn_under_the_Application_that_deploys_it()
    {
        // No root given: every Application and ApplicationSet is found as a root; the root app's folder holds the set.
        Repository(3);
        var graph = (await MapFixture.DrawAsync(_repo.Root)).Graph;
        var root = Assert.Single(graph.Nodes, n => n.IsRoot);
        Assert.Equal("root", root.Name);
        var set = Assert.Single(graph.Nodes, n => n.Kind == MapNodeKind.ApplicationSet);
        Assert.Contains(new MapEdge(root.Id, set.Id), graph.Edges);
    }
}
