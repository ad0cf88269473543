using System.Text;
using GitOps.Build.Primitives;
using GitOps.Build.Mapping;
using M = GitOps.Build.Reporting.MarkdownText;

namespace GitOps.Build.Reporting;

/// <summary>
/// map.md: the map and the promotion pipeline as Mermaid blocks GitHub draws, with a line saying what
/// is drawn and a legend in words; and the small map of the touched Applications Diff's comment
/// carries. Text from the repository outside the diagrams goes through <see cref="MarkdownText"/>.
/// </summary>
public static class MapMarkdown
{
    public static string Document(RepositoryMap map, IReadOnlyList<string> notes)
    {
        var graph = map.Graph;
        var sb = new StringBuilder("# Repository map\n\n");
        sb.Append(Summary(graph)).Append("\n\n");
        sb.Append(Diagram(graph));
        sb.Append(Legend(graph));
        sb.Append("\n## Promotion pipeline\n\n");
        if (map.Pipeline is { } pipeline)
        {
            sb.Append("The environments in promotion order (").Append(M.Text(string.Join(" → ", pipeline.Environments)))
              .Append("), each app's tag in each, as PromotionStatus reads them; a dotted arrow labelled *behind* leads to an environment that runs another tag than the one before it.\n\n");
            sb.Append(M.Block(MermaidMap.Pipeline(pipeline), "mermaid"));
        }
        else
        {
            sb.Append("Not drawn: ").Append(M.Text(map.PipelineNote ?? "no pipeline.")).Append('\n');
        }
        if (notes.Count > 0) sb.Append('\n').Append(string.Concat(notes.Select(n => "> " + M.Text(n) + "\n")));
        return sb.ToString();
    }

    /// <summary>The map of the Applications a change touches, for Diff's comment (which drops it first when cut to fit).</summary>
    public static string TouchedSection(MapGraph graph) => graph.Nodes.Count == 0 ? "" :
        "#### Map of the touched Applications\n\n" + Diagram(graph) + Legend(graph) + "\n";

    private static string Diagram(MapGraph graph) => graph.Nodes.Count == 0
        ? "Nothing to draw: no Application matches.\n"
        : M.Block(MermaidMap.Flowchart(graph), "mermaid");

    private static string Summary(MapGraph graph)
    {
        var roots = graph.Nodes.Count(n => n.IsRoot);
        var sets = graph.Nodes.Count(n => n.Kind == MapNodeKind.ApplicationSet);
        // Roots are counted as roots: "1 root, 4 Applications" for a root app deploying four.
        var apps = graph.Nodes.Count(n => n.Kind == MapNodeKind.Application && !n.IsRoot) + graph.Nodes.Where(n => n.Kind == MapNodeKind.Folded).Sum(n => n.Count);
        var folds = graph.Nodes.Count(n => n.Kind == MapNodeKind.Folded);
        var text = $"Drawn by `./build.sh --target=Map` from the Argo CD manifests: {Plural.Of(roots, "root")}, {Plural.Of(sets, "ApplicationSet")}, {Plural.Of(apps, "Application")}";
        if (graph.GroupedBy.Length > 0) text += $", grouped by {graph.GroupedBy}";
        text += ". Each Application shows its source kind, its namespace and the images its workloads run (rendered offline).";
        if (folds > 0) text += $" {Plural.Of(folds, "ApplicationSet")} with more than {MapOptions.DefaultFoldAbove} Applications {(folds == 1 ? "is" : "are")} folded into one node; `--expand` draws every Application.";
        return text;
    }

    private static string Legend(MapGraph graph)
    {
        var used = MapMarksText.Each.Where(m => graph.MarksUsed.HasFlag(m)).ToList();
        var sb = new StringBuilder("\nShapes: a rounded box is a root (applied by hand), a hexagon an ApplicationSet, a double box folded Applications.");
        if (used.Count > 0) sb.Append(" Marks: ").Append(string.Join("; ", used.Select(m => m switch
        {
            MapMarks.ManualSync => "dashed border: " + MapMarksText.Meaning(m),
            MapMarks.Held => "blue fill: " + MapMarksText.Meaning(m),
            _ => "red border: " + MapMarksText.Meaning(m),
        }))).Append('.');
        return sb.Append('\n').ToString();
    }

}
