using GitOps.Build.Reporting;

namespace GitOps.Build.Tests.Mapping;

/// <summary>
/// docs/repository-layout.md shows this repository's map as the program draws it ("How the pieces
/// connect"); when the repository or the drawing changes, this fails and prints the block to commit.
/// Compared as a graph (nodes by name with their shape, label and group, edges, marks), not as bytes.
/// </summary>
public class DocsMapTests
{
    private const string Section = "## How the pieces connect";

    [Fact]
    public async Task The_committed_map_is_what_the_program_draws()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var drawn = MermaidMap.Flowchart((await MapFixture.DrawAsync(copy.Root)).Graph);
        var doc = File.ReadAllText(Path.Combine(TestTools.RepoRoot, "docs", "repository-layout.md"));
        var section = doc[(doc.IndexOf(Section, StringComparison.Ordinal) + Section.Length)..];
        section = section[..section.IndexOf("\n## ", StringComparison.Ordinal)];
        var start = section.IndexOf("```mermaid\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no mermaid block under \"{Section}\"; put this there:\n```mermaid\n{drawn}```");
        var committed = section[(start + "```mermaid\n".Length)..];
        committed = committed[..committed.IndexOf("```", StringComparison.Ordinal)];

        var (expected, actual) = (Shape(MermaidReader.Read(drawn)), Shape(MermaidReader.Read(committed)));
        Assert.True(expected == actual,
            $"docs/repository-layout.md's map is not what the program draws:\n  committed: {actual}\n  drawn:     {expected}\n" +
            $"Replace its mermaid block under \"{Section}\" with:\n```mermaid\n{drawn}```");
    }

    /// <summary>The diagram as text that does not depend on ids or order: each node, each edge, each group's members, each class's members.</summary>
    private static string Shape(ReadDiagram diagram)
    {
        string Name(string id) => diagram.Nodes.Single(n => n.Id == id).Lines[0];
        var nodes = diagram.Nodes.Select(n => $"{n.Shape} {string.Join(" / ", n.Lines)} in {(n.Group is { } g ? diagram.Groups[g] : "-")}").Order();
        var edges = diagram.EdgesByName.Select(e => $"{e.From} -> {e.To}");
        var classes = diagram.Classes.OrderBy(c => c.Key).Select(c => $"{c.Key}: {string.Join(", ", c.Value.Select(Name).Order())}");
        return string.Join(" | ", nodes.Concat(edges).Concat(classes));
    }
}
