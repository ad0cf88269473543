using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GitOps.Build.Tests.Mapping;

/// <summary>A diagram read back from the text a writer produced: what a reader of that language sees.</summary>
public sealed record ReadNode(string Id, string Shape, IReadOnlyList<string> Lines, string? Group);
public sealed record ReadDiagram(IReadOnlyList<ReadNode> Nodes, IReadOnlyList<(string From, string To, string? Text)> Edges,
    IReadOnlyDictionary<string, string> Groups, IReadOnlyDictionary<string, IReadOnlyList<string>> Classes)
{
    public ReadNode Node(string firstLine) => Assert.Single(Nodes, n => n.Lines[0] == firstLine);

    /// <summary>The edges by the first label line of each end: a structure that does not depend on the generated ids.</summary>
    public IReadOnlyList<(string From, string To)> EdgesByName =>
        Edges.Select(e => (Nodes.Single(n => n.Id == e.From).Lines[0], Nodes.Single(n => n.Id == e.To).Lines[0])).Order().ToList();

    /// <summary>Each group's title and the first label lines of its nodes.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> GroupMembers =>
        Groups.ToDictionary(g => g.Value, g => (IReadOnlyList<string>)Nodes.Where(n => n.Group == g.Key).Select(n => n.Lines[0]).Order().ToList());
}

/// <summary>
/// A strict reader of the Mermaid flowcharts the map writes: every line must be a header, a subgraph,
/// its end, a node, an edge, a classDef or a class statement, with labels as quoted strings; anything
/// else fails. Mermaid's entity codes (#34;) are decoded. If a label broke out of its quotes, a line
/// would not read, or would read as more nodes or edges than the graph has.
/// </summary>
public static partial class MermaidReader
{
    public static ReadDiagram Read(string text)
    {
        var nodes = new List<ReadNode>();
        var edges = new List<(string, string, string?)>();
        var groups = new Dictionary<string, string>();
        var classes = new Dictionary<string, IReadOnlyList<string>>();
        var stack = new Stack<string>();
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal("flowchart LR", lines[0]);
        foreach (var line in lines.Skip(1))
        {
            Match m;
            if ((m = Subgraph().Match(line)).Success)
            {
                groups.Add(m.Groups["id"].Value, Decode(m.Groups["label"].Value));
                stack.Push(m.Groups["id"].Value);
            }
            else if (line == "end") stack.Pop();
            else if ((m = Node().Match(line)).Success)
            {
                var shape = m.Groups["open"].Value + m.Groups["close"].Value;
                Assert.Contains(shape, new[] { "[]", "([])", "{{}}", "[[]]" });
                nodes.Add(new ReadNode(m.Groups["id"].Value, shape, m.Groups["label"].Value.Split("<br/>").Select(Decode).ToList(), stack.Count > 0 ? stack.Peek() : null));
            }
            else if ((m = Edge().Match(line)).Success)
                edges.Add((m.Groups["from"].Value, m.Groups["to"].Value, m.Groups["text"].Success ? m.Groups["text"].Value : null));
            else if ((m = ClassDef().Match(line)).Success) { }
            else if ((m = Class().Match(line)).Success) classes.Add(m.Groups["name"].Value, m.Groups["ids"].Value.Split(','));
            else Assert.Fail($"not a line the map writes: {line}");
        }
        Assert.Empty(stack);
        var ids = nodes.Select(n => n.Id).ToHashSet();
        Assert.Equal(nodes.Count, ids.Count);
        Assert.All(edges, e => Assert.True(ids.Contains(e.Item1) && ids.Contains(e.Item2), $"edge {e} to a node that is not drawn"));
        return new ReadDiagram(nodes, edges, groups, classes);
    }

    /// <summary>Mermaid's entity codes back into characters (the map writes decimal codes only).</summary>
    public static string Decode(string label)
    {
        Assert.DoesNotContain('"', label);
        return EntityCode().Replace(label, m => char.ConvertFromUtf32(int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("""^subgraph (?<id>[A-Za-z][A-Za-z0-9_]*)\["(?<label>[^"]*)"\]$""")]
    private static partial Regex Subgraph();

    [GeneratedRegex("""^(?<id>[A-Za-z][A-Za-z0-9_]*)(?<open>\(\[|\[\[|\{\{|\[)"(?<label>[^"]*)"(?<close>\]\)|\]\]|\}\}|\])$""")]
    private static partial Regex Node();

    [GeneratedRegex("""^(?<from>[A-Za-z][A-Za-z0-9_]*) (?:-->|-\. (?<text>[a-z ]+) \.->) (?<to>[A-Za-z][A-Za-z0-9_]*)$""")]
    private static partial Regex Edge();

    [GeneratedRegex("""^classDef (?<name>[a-z]+) [a-z-]+:[^ ]+(?: [0-9]+)?(?:,[a-z-]+:[^ ,]+(?: [0-9]+)?)*$""")]
    private static partial Regex ClassDef();

    [GeneratedRegex("""^class (?<ids>[A-Za-z0-9_]+(?:,[A-Za-z0-9_]+)*) (?<name>[a-z]+)$""")]
    private static partial Regex Class();

    [GeneratedRegex("#([0-9]+);")]
    private static partial Regex EntityCode();
}

/// <summary>
/// A strict reader of the DOT graphs the map writes, on the same terms as <see cref="MermaidReader"/>:
/// quoted strings with DOT's escapes (<c>\"</c>, <c>\\</c>, <c>\n</c> between lines) and <c>&amp;amp;</c> decoded.
/// </summary>
public static partial class DotReader
{
    public static ReadDiagram Read(string text)
    {
        var nodes = new List<ReadNode>();
        var edges = new List<(string, string, string?)>();
        var groups = new Dictionary<string, string>();
        var stack = new Stack<string>();
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        Assert.Equal("digraph map {", lines[0]);
        Assert.Equal("}", lines[^1]);
        foreach (var line in lines.Skip(1).SkipLast(1))
        {
            Match m;
            if (line.StartsWith("rankdir=", StringComparison.Ordinal) || Defaults().IsMatch(line)) continue;
            if ((m = Cluster().Match(line)).Success) { stack.Push(m.Groups["id"].Value); groups[m.Groups["id"].Value] = ""; }
            else if ((m = ClusterLabel().Match(line)).Success) groups[stack.Peek()] = Decode(m.Groups["label"].Value)[0];
            else if (line == "}") stack.Pop();
            else if ((m = Node().Match(line)).Success)
                nodes.Add(new ReadNode(m.Groups["id"].Value, m.Groups["shape"].Value, Decode(m.Groups["label"].Value), stack.Count > 0 ? stack.Peek() : null));
            else if ((m = Edge().Match(line)).Success) edges.Add((m.Groups["from"].Value, m.Groups["to"].Value, null));
            else Assert.Fail($"not a line the map writes: {line}");
        }
        Assert.Empty(stack);
        return new ReadDiagram(nodes, edges, groups, new Dictionary<string, IReadOnlyList<string>>());
    }

    private static IReadOnlyList<string> Decode(string quoted)
    {
        var lines = new List<string>();
        var sb = new StringBuilder();
        for (var i = 0; i < quoted.Length; i++)
        {
            if (quoted[i] != '\\') { sb.Append(quoted[i]); continue; }
            var next = quoted[++i];
            if (next == 'n') { lines.Add(sb.ToString()); sb.Clear(); }
            else if (next is '\\' or '"') sb.Append(next);
            else Assert.Fail($"an escape the map never writes: \\{next}");
        }
        lines.Add(sb.ToString());
        return lines.Select(l => l.Replace("&amp;", "&", StringComparison.Ordinal)).ToList();
    }

    [GeneratedRegex("""^(?:graph|node|edge) \[.*\];$""")]
    private static partial Regex Defaults();

    [GeneratedRegex("""^subgraph cluster_(?<id>[A-Za-z0-9_]+) \{$""")]
    private static partial Regex Cluster();

    [GeneratedRegex("""^label="(?<label>(?:[^"\\]|\\.)*)";$""")]
    private static partial Regex ClusterLabel();

    [GeneratedRegex("""^(?<id>[A-Za-z][A-Za-z0-9_]*) \[label="(?<label>(?:[^"\\]|\\.)*)", shape=(?<shape>[a-z0-9]+)(?:, style="[a-z,]+")?(?:, fillcolor="#[0-9a-f]{6}")?(?:, color="#[0-9a-f]{6}", penwidth=3)?\];$""")]
    private static partial Regex Node();

    [GeneratedRegex("""^(?<from>[A-Za-z][A-Za-z0-9_]*) -> (?<to>[A-Za-z][A-Za-z0-9_]*);$""")]
    private static partial Regex Edge();
}
