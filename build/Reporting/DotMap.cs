using System.Text;
using GitOps.Build.Mapping;

namespace GitOps.Build.Reporting;

/// <summary>
/// The map as a Graphviz DOT graph (map.dot; <c>dot -Tsvg</c> draws map.svg from it): the graph's
/// generated ids, one cluster per group, every label through <see cref="DotText"/>. Marks as in the
/// Mermaid map: manual sync dashed, held filled blue, not rendered a thick red border; a legend
/// cluster of one sample node per mark drawn.
/// </summary>
public static class DotMap
{
    public static string Graph(MapGraph graph)
    {
        var sb = new StringBuilder("digraph map {\n")
            .Append("  rankdir=LR;\n  graph [fontname=\"Helvetica\"];\n  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n  edge [color=\"#555555\"];\n");
        foreach (var node in graph.Nodes.Where(n => n.Group is null)) Node(sb, node, "  ");
        foreach (var group in graph.Groups)
        {
            sb.Append("  subgraph cluster_").Append(group.Id).Append(" {\n    label=").Append(DotText.Quoted([group.Title])).Append(";\n");
            foreach (var node in graph.Nodes.Where(n => n.Group == group.Id)) Node(sb, node, "    ");
            sb.Append("  }\n");
        }
        foreach (var edge in graph.Edges) sb.Append("  ").Append(edge.From).Append(" -> ").Append(edge.To).Append(";\n");
        var used = MapMarksText.Each.Where(m => graph.MarksUsed.HasFlag(m)).ToList();
        if (used.Count > 0)
        {
            sb.Append("  subgraph cluster_legend {\n    label=\"Legend\";\n");
            for (var i = 0; i < used.Count; i++)
                sb.Append("    k").Append(i + 1).Append(" [label=").Append(DotText.Quoted([MapMarksText.Meaning(used[i])])).Append(Style(used[i], "box")).Append("];\n");
            sb.Append("  }\n");
        }
        return sb.Append("}\n").ToString();
    }

    private static void Node(StringBuilder sb, MapNode node, string indent)
    {
        var shape = node.Kind switch
        {
            MapNodeKind.ApplicationSet => "hexagon",
            MapNodeKind.Folded => "box3d",
            _ => "box",
        };
        sb.Append(indent).Append(node.Id).Append(" [label=").Append(DotText.Quoted(node.Lines)).Append(Style(node.Marks, shape, node.IsRoot)).Append("];\n");
    }

    private static string Style(MapMarks marks, string shape, bool root = false)
    {
        var styles = new List<string>();
        if (root) styles.Add("rounded");
        if (marks.HasFlag(MapMarks.ManualSync)) styles.Add("dashed");
        if (marks.HasFlag(MapMarks.Held)) styles.Add("filled");
        var sb = new StringBuilder(", shape=").Append(shape);
        if (styles.Count > 0) sb.Append(", style=\"").Append(string.Join(',', styles)).Append('"');
        if (marks.HasFlag(MapMarks.Held)) sb.Append(", fillcolor=\"#dbeafe\"");
        if (marks.HasFlag(MapMarks.NotRendered)) sb.Append(", color=\"#b91c1c\", penwidth=3");
        return sb.ToString();
    }
}
