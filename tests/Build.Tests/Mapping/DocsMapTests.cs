using GitOps.Build.Reporting;

namespace GitOps.Build.Tests.Mapping;

/// <summary>
/// The docs show this repository's map as the program draws it: docs/repository-layout.md ("How the
/// pieces connect") and the operator guide's "Map", which shows the promotion pipeline too. When the
/// repository or the drawing changes, this fails and prints the block to commit. Compared as graphs
/// (nodes by name with their shape, label and group, edges, marks), not as bytes.
/// </summary>
public class DocsMapTests
{
    [Theory]
    [InlineData("repository-layout.md", "## How the pieces connect", 0)]
    [InlineData("operator-guide.md", "## Map", 0)]
    [InlineData("operator-guide.md", "## Map", 1)]
    public async Task The_committed_map_is_what_the_program_draws(string file, string heading, int block)
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var map = await MapFixture.DrawAsync(copy.Root);
        var drawn = block == 0 ? MermaidMap.Flowchart(map.Graph) : MermaidMap.Pipeline(map.Pipeline!);
        var doc = File.ReadAllText(Path.Combine(TestTools.RepoRoot, "docs", file));
        var section = doc[(doc.IndexOf("\n" + heading + "\n", StringComparison.Ordinal) + heading.Length + 2)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        var blocks = section.Split("```mermaid\n").Skip(1).Select(b => b[..b.IndexOf("```", StringComparison.Ordinal)]).ToList();
        Assert.True(blocks.Count > block, $"no mermaid block {block + 1} under \"{heading}\" in docs/{file}; put this there:\n```mermaid\n{drawn}```");

        var (expected, actual) = (Shape(MermaidReader.Read(drawn)), Shape(MermaidReader.Read(blocks[block])));
        Assert.True(expected == actual,
            $"docs/{file}'s diagram is not what the program draws:\n  committed: {actual}\n  drawn:     {expected}\n" +
            $"Replace mermaid block {block + 1} under \"{heading}\" with:\n```mermaid\n{drawn}```");
    }

    /// <summary>The diagram as text that does not depend on ids or order: each node, each edge, each class's members.</summary>
    private static string Shape(ReadDiagram diagram)
    {
        string Name(string id) => string.Join(" / ", diagram.Nodes.Single(n => n.Id == id).Lines);
        var nodes = diagram.Nodes.Select(n => $"{n.Shape} {string.Join(" / ", n.Lines)} in {(n.Group is { } g ? diagram.Groups[g] : "-")}").Order();
        var edges = diagram.Edges.Select(e => $"{Name(e.From)} -{e.Text}-> {Name(e.To)}").Order();
        var classes = diagram.Classes.OrderBy(c => c.Key).Select(c => $"{c.Key}: {string.Join(", ", c.Value.Select(Name).Order())}");
        return string.Join(" | ", nodes.Concat(edges).Concat(classes));
    }
}
