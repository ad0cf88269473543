using GitOps.Build.Changes;
using GitOps.Build.Mapping;
using GitOps.Build.Reporting;
using GitOps.Build.Tests.Changes;
using GitOps.Build.Tests.Sealing;

namespace GitOps.Build.Tests.Mapping;

/// <summary>Diff's comment carries a small map of the touched Applications, the first thing dropped when the comment must be cut.</summary>
[Collection(ConsoleCapture.Name)]
public class DiffMapTests
{
    [Fact]
    public void The_diff_comment_maps_the_touched_Application_and_what_deploys_it_only()
    {
        using var repo = new DiffRepository().App("demo", "dev", "greeting: hello-dev\n").App("demo", "prod", "greeting: hello-prod\n");
        repo.Commit("seed");
        repo.Write("envs/prod/demo.yaml", "greeting: bonjour-prod\n");

        var (code, output) = repo.Diff("--base=HEAD");

        Assert.True(code == 0, output);
        foreach (var file in new[] { "diff.md", "diff-full.md" })
        {
            var md = repo.Report(file);
            var section = md[md.IndexOf("#### Map of the touched Applications", StringComparison.Ordinal)..];
            var block = section[(section.IndexOf("```mermaid\n", StringComparison.Ordinal) + 11)..];
            var map = MermaidReader.Read(block[..block.IndexOf("```", StringComparison.Ordinal)]);
            Assert.Equal([("root", "demo-prod")], map.EdgesByName);
            Assert.Equal(["demo-prod"], map.GroupMembers["prod"]);
            // The map sits between the summary and the Applications' sections.
            Assert.True(md.IndexOf("| demo-prod | prod |", StringComparison.Ordinal) < md.IndexOf("#### Map", StringComparison.Ordinal));
            Assert.True(md.IndexOf("#### Map", StringComparison.Ordinal) < md.IndexOf("<details>", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void A_comment_that_must_be_cut_drops_the_map_first_and_says_where_it_is()
    {
        var diff = new DiffResult("origin/main", "0123456789abcdef0123", []);
        var graph = new MapGraph(Enumerable.Range(1, 400).Select(i =>
            new MapNode($"n{i}", MapNodeKind.Application, $"app-{i}", [$"app-{i}", "Helm, namespace somewhere-rather-long", "image registry/app:v1.2.3"], MapMarks.None, null)).ToList(),
            [], [], "");
        var map = MapMarkdown.TouchedSection(graph);
        Assert.True(DiffMarkdown.Full(diff, map).Length > 20_000);

        var cut = DiffMarkdown.Truncated(diff, 20_000, map);

        Assert.True(cut.Length <= 20_000);
        Assert.DoesNotContain("```mermaid", cut);
        Assert.Contains("The map of the touched Applications is left out to fit a comment; `artifacts/reports/diff-full.md` has it.", cut);
        Assert.Contains("No Application is touched by this change.", cut);
        // Room enough: the map stays.
        Assert.Contains("```mermaid", DiffMarkdown.Truncated(diff, 100_000, map));
    }
}
