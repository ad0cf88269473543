using System.Text;
using GitOps.Build.Mapping;

namespace GitOps.Build.Reporting;

/// <summary>
/// The map and the promotion pipeline as Mermaid flowcharts, the diagrams GitHub draws from a
/// <c>```mermaid</c> block in Markdown. Ids are the graph's generated ones; every label goes through
/// <see cref="MermaidText"/>. Marks are classes (<c>classDef</c>) that combine: manual sync a dashed
/// border, held a blue fill, not rendered a red border; the legend is a subgraph of one sample node per mark drawn.
/// </summary>
public static class MermaidMap
{
    /// <summary>The legend's subgraph id; its sample nodes are <c>k1</c>, <c>k2</c>, … (never a node of the map).</summary>
    public const string LegendId = "legend";

    private static readonly (MapMarks Mark, string Class, string Style)[] Classes =
    [
        (MapMarks.ManualSync, "manual", "stroke-dasharray:6 4,stroke-width:2px"),
        (MapMarks.Held, "held", "fill:#dbeafe,color:#1e3a8a"),
        (MapMarks.NotRendered, "unrendered", "stroke:#b91c1c,stroke-width:3px"),
    ];

    public static string Flowchart(MapGraph graph)
    {
        var sb = new StringBuilder("flowchart LR\n");
        foreach (var node in graph.Nodes.Where(n => n.Group is null)) Node(sb, node, "  ");
        foreach (var group in graph.Groups)
        {
            sb.Append("  subgraph ").Append(group.Id).Append('[').Append(MermaidText.Quoted([group.Title])).Append("]\n");
            foreach (var node in graph.Nodes.Where(n => n.Group == group.Id)) Node(sb, node, "    ");
            sb.Append("  end\n");
        }
        foreach (var edge in graph.Edges) sb.Append("  ").Append(edge.From).Append(" --> ").Append(edge.To).Append('\n');
        var used = Classes.Where(c => graph.MarksUsed.HasFlag(c.Mark)).ToList();
        if (used.Count > 0)
        {
            sb.Append("  subgraph ").Append(LegendId).Append("[\"Legend\"]\n");
            for (var i = 0; i < used.Count; i++)
                sb.Append("    k").Append(i + 1).Append('[').Append(MermaidText.Quoted([MapMarksText.Meaning(used[i].Mark)])).Append("]\n");
            sb.Append("  end\n");
        }
        foreach (var (c, i) in used.Select((c, i) => (c, i)))
        {
            sb.Append("  classDef ").Append(c.Class).Append(' ').Append(c.Style).Append('\n');
            var members = graph.Nodes.Where(n => n.Marks.HasFlag(c.Mark)).Select(n => n.Id).Append($"k{i + 1}");
            sb.Append("  class ").Append(string.Join(',', members)).Append(' ').Append(c.Class).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>
    /// The promotion pipeline: one subgraph per environment in promotion order, each app's tag there,
    /// an arrow from each app's box to its box in the next environment (dotted and labelled "behind"
    /// where the next one runs another tag), held boxes filled blue.
    /// </summary>
    public static string Pipeline(PromotionPipeline pipeline)
    {
        var sb = new StringBuilder("flowchart LR\n");
        var ids = new Dictionary<(string App, string Environment), string>();
        var before = new Dictionary<string, string>();
        for (var e = 0; e < pipeline.Environments.Count; e++)
        {
            var environment = pipeline.Environments[e];
            sb.Append("  subgraph e").Append(e + 1).Append('[').Append(MermaidText.Quoted([environment])).Append("]\n");
            foreach (var app in pipeline.Apps)
            {
                if (pipeline.Cell(app, environment) is not { } cell) continue;
                var id = ids[(app, environment)] = $"p{ids.Count + 1}";
                List<string> lines = [app, string.Join(", ", cell.Tags.Select(t => t ?? "(tag not read)"))];
                if (cell.Behind) lines.Add(before.TryGetValue(app, out var previous) ? $"behind {previous}" : "behind");
                if (cell.Held) lines.Add(MapMarksText.Name(MapMarks.Held));
                sb.Append("    ").Append(id).Append('[').Append(MermaidText.Quoted(lines)).Append("]\n");
                before[app] = environment;
            }
            sb.Append("  end\n");
        }
        foreach (var app in pipeline.Apps)
        {
            var chain = pipeline.Environments.Where(env => ids.ContainsKey((app, env))).ToList();
            for (var i = 1; i < chain.Count; i++)
            {
                var behind = pipeline.Cell(app, chain[i])!.Behind;
                sb.Append("  ").Append(ids[(app, chain[i - 1])]).Append(behind ? " -. behind .-> " : " --> ").Append(ids[(app, chain[i])]).Append('\n');
            }
        }
        AppendClass(sb, "behind", "stroke:#b45309,stroke-width:3px", pipeline.Cells.Where(c => c.Behind).Select(c => ids[(c.App, c.Environment)]));
        AppendClass(sb, "held", Classes[1].Style, pipeline.Cells.Where(c => c.Held).Select(c => ids[(c.App, c.Environment)]));
        return sb.ToString();
    }

    private static void AppendClass(StringBuilder sb, string name, string style, IEnumerable<string> members)
    {
        var list = members.ToList();
        if (list.Count == 0) return;
        sb.Append("  classDef ").Append(name).Append(' ').Append(style).Append('\n');
        sb.Append("  class ").Append(string.Join(',', list)).Append(' ').Append(name).Append('\n');
    }

    private static void Node(StringBuilder sb, MapNode node, string indent)
    {
        var (open, close) = node.Kind switch
        {
            MapNodeKind.ApplicationSet => ("{{", "}}"),
            MapNodeKind.Folded => ("[[", "]]"),
            _ when node.IsRoot => ("([", "])"),
            _ => ("[", "]"),
        };
        sb.Append(indent).Append(node.Id).Append(open).Append(MermaidText.Quoted(node.Lines)).Append(close).Append('\n');
    }
}
