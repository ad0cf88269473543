using System.Xml.Linq;
using GitOps.Build.Mapping;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;
using GitOps.Build.Tools;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tests.Mapping;

/// <summary>
/// Names, namespaces, environments and tags come from the repository (a pull request chooses them):
/// in every writer each stays inside its node's label, read back as written (on one line).
/// </summary>
public class HostileLabelTests
{
    /// <summary>What would end a label, add a node, an edge, a comment, a directive, a click handler, HTML, or a DOT escape, if not escaped.</summary>
    public static readonly string[] Hostile =
    [
        "x\"] --> n1[\"pwned",
        "end\nsubgraph g9[\"evil\"]",
        "%%{init: {\"theme\": \"dark\"}}%%",
        "click n1 call alert(1)",
        "<img src=x onerror=alert(1)><br/>",
        "back\\slash \\N \\l \\\" \\",
        "```\n</details>",
        "#quot; #35; &quot; &amp; &",
        "]]}})) {{[[ ([",
        "n2 --> n3; n3 -> n1;",
        "\u202Eevil\u0000\r\ttab",
        "ünïcödé 名前 🚀",
    ];

    private static MapGraph Graph()
    {
        var nodes = new List<MapNode> { new("n1", MapNodeKind.Application, "root", ["root", "directory, namespace argocd"], MapMarks.None, null) { IsRoot = true } };
        var groups = new List<MapGroup>();
        var edges = new List<MapEdge>();
        for (var i = 0; i < Hostile.Length; i++)
        {
            var group = $"g{i + 1}";
            groups.Add(new MapGroup(group, Hostile[i]));
            var id = $"n{i + 2}";
            var kind = (i % 3) switch { 0 => MapNodeKind.Application, 1 => MapNodeKind.ApplicationSet, _ => MapNodeKind.Folded };
            nodes.Add(new MapNode(id, kind, Hostile[i], [Hostile[i], $"Helm, namespace {Hostile[i]}", $"image app:{Hostile[i]}"],
                (MapMarks)(i % 8), group));
            edges.Add(new MapEdge("n1", id));
        }
        return new MapGraph(nodes, edges, groups, "environment");
    }

    [Fact]
    public void In_Mermaid_every_label_stays_in_its_node()
    {
        var graph = Graph();
        var text = MermaidMap.Flowchart(graph);
        var read = MermaidReader.Read(text);
        MapFixture.AssertReadsAs(graph, read, MapFixture.MermaidShape, MermaidMap.LegendId);
        // Nothing from the repository is Mermaid syntax or HTML: no quote, angle bracket, percent, backtick or hash but ours.
        foreach (var line in text.Split('\n').Where(l => l.Contains('"')))
        {
            var label = line[(line.IndexOf('"') + 1)..line.LastIndexOf('"')].Replace("<br/>", "");
            Assert.DoesNotMatch("[\"<>%`\\\\&]", label);
            Assert.Matches("^(?:[^#]|#[0-9]+;)*$", label);
        }
    }

    [Fact]
    public void In_Mermaid_the_entity_codes_are_decimal_and_cover_characters_outside_the_plain_set()
    {
        Assert.Equal("a#34;#93; --#62; b", MermaidText.Label("a\"] --> b"));
        Assert.Equal("#37;#37;#123;init#125;#37;#37;", MermaidText.Label("%%{init}%%"));
        Assert.Equal("one#92;ntwo", MermaidText.Label("one\ntwo")); // the line break shown as \n, its backslash escaped
        Assert.Equal("#128640;", MermaidText.Label("🚀")); // one code for the code point, not two halves
        Assert.Equal("ns-1.a_b/c:d, e", MermaidText.Label("ns-1.a_b/c:d, e"));
    }

    [Fact]
    public void In_DOT_every_label_stays_in_its_node()
    {
        var graph = Graph();
        var read = DotReader.Read(DotMap.Graph(graph));
        MapFixture.AssertReadsAs(graph, read, MapFixture.DotShape, "legend");
        Assert.Equal("a\\\"b \\\\N &amp;lt;", DotText.Escape("a\"b \\N &lt;"));
    }

    [GraphvizFact]
    public void Graphviz_draws_exactly_the_nodes_and_clusters_of_the_map_with_their_labels_as_written()
    {
        var graph = Graph();
        var dot = Graphviz.Find(null, Environment.GetEnvironmentVariable)!;
        var svg = XDocument.Parse(Graphviz.Svg(ChildProcessRunner.Default, dot, DotMap.Graph(graph)));
        XNamespace ns = "http://www.w3.org/2000/svg";
        var groups = svg.Descendants(ns + "g").ToList();
        var nodes = groups.Where(g => (string?)g.Attribute("class") == "node").ToList();
        var legend = MapMarksText.Each.Count(m => graph.MarksUsed.HasFlag(m));
        Assert.Equal(graph.Nodes.Count + legend, nodes.Count);
        Assert.Equal(graph.Groups.Count + 1, groups.Count(g => (string?)g.Attribute("class") == "cluster"));
        Assert.Equal(graph.Edges.Count, groups.Count(g => (string?)g.Attribute("class") == "edge"));
        foreach (var node in graph.Nodes)
        {
            var drawn = Assert.Single(nodes, g => g.Element(ns + "title")?.Value == node.Id);
            // Graphviz draws each label line as one text element; spaces may be collapsed in the SVG.
            Assert.Equal(node.Lines.Select(l => Squash(VisibleText.OneLine(l))), drawn.Elements(ns + "text").Select(t => Squash(t.Value)));
        }
    }

    private static string Squash(string text) => string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Replace('\u00A0', ' ');
}

/// <summary>A fact that needs Graphviz's dot: skipped, with the reason, when it is not on PATH.</summary>
public sealed class GraphvizFactAttribute : FactAttribute
{
    public GraphvizFactAttribute()
    {
        if (Graphviz.Find(null, Environment.GetEnvironmentVariable) is null)
            Skip = "Graphviz's dot is not on PATH (apt-get install graphviz): the test of what the real dot draws needs it.";
    }
}
