using GitOps.Build.Mapping;
using GitOps.Build.Primitives;

namespace GitOps.Build.Tests.Mapping;

/// <summary>The map of a repository folder as the Map target draws it: opened as a run opens it, rendered by the session's offline renderer.</summary>
internal static class MapFixture
{
    public static Task<RepositoryMap> DrawAsync(string root, MapOptions? options = null, string? rootApp = null)
    {
        var session = TestSession.Open(root, rootApp);
        return RepositoryMap.DrawAsync(session, session.OfflineRenderer, options ?? new MapOptions(), parallelism: 2);
    }

    /// <summary>The graph as a reader of the written diagram must see it: ids, shapes, label lines (shown on one line each), groups, edges.</summary>
    public static void AssertReadsAs(MapGraph graph, ReadDiagram read, Func<MapNode, string> shape, string legendGroup)
    {
        var drawn = read.Nodes.Where(n => n.Group != legendGroup).ToList();
        // As sets: a writer draws the nodes outside the groups first.
        Assert.Equal(graph.Nodes.Select(n => (n.Id, shape(n), string.Join("\n", n.Lines.Select(VisibleText.OneLine)), n.Group)).Order(),
            drawn.Select(n => (n.Id, n.Shape, string.Join("\n", n.Lines), n.Group)).Order());
        Assert.Equal(graph.Edges.Select(e => (e.From, e.To)).Order(), read.Edges.Select(e => (e.From, e.To)).Order());
        Assert.Equal(graph.Groups.ToDictionary(g => g.Id, g => VisibleText.OneLine(g.Title)),
            read.Groups.Where(g => g.Key != legendGroup).ToDictionary(g => g.Key, g => g.Value));
    }

    public static string MermaidShape(MapNode node) => node.Kind switch
    {
        MapNodeKind.ApplicationSet => "{{}}",
        MapNodeKind.Folded => "[[]]",
        _ when node.IsRoot => "([])",
        _ => "[]",
    };

    public static string DotShape(MapNode node) => node.Kind switch
    {
        MapNodeKind.ApplicationSet => "hexagon",
        MapNodeKind.Folded => "box3d",
        _ => "box",
    };
}
