using GitOps.Build.Mapping;
using GitOps.Build.Reporting;
using GitOps.Build.Tests.Hosting;
using GitOps.Build.Tests.Sealing;
using GitOps.Build.Tools;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Tests.Mapping;

/// <summary>
/// map.svg is drawn where Graphviz's dot is found (configured, or on PATH) and its absence is said in
/// map.md with how to get it; the Map target writes its files and appends map.md to the job summary.
/// dot is made absent by the environment the lookup is given, and present by a stub that writes a
/// small SVG, so these run whether or not Graphviz is installed.
/// </summary>
[Collection(ConsoleCapture.Name)]
public sealed class SvgTests : IDisposable
{
    private const string StubSvg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><title>stub</title></svg>";
    private readonly string _folder = Directory.CreateTempSubdirectory("map-svg-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>A dot that reads the graph from standard input, keeps it beside itself and writes a fixed SVG.</summary>
    private string Stub()
    {
        return Support.FakeTool.Write(Path.Combine(_folder, "bin"), "dot", $"[ \"$1\" = -Tsvg ] || exit 3\ncat > \"$(dirname \"$0\")/input.dot\"\nprintf '%s\\n' '{StubSvg}'");
    }

    private Func<string, string?> Environment(string? path = null, string? dotVariable = null) =>
        name => name switch { "PATH" => path ?? Path.Combine(_folder, "empty"), Graphviz.Variable => dotVariable, _ => null };

    private static RepositoryMap Map() => new(
        new MapGraph([new MapNode("n1", MapNodeKind.Application, "root", ["root", "directory, namespace argocd"], MapMarks.None, null) { IsRoot = true }], [], [], ""),
        null, "no promotion order.");

    [Fact]
    public void Dot_is_found_configured_first_then_on_PATH_and_is_absent_otherwise()
    {
        var stub = Stub();
        Assert.Null(Graphviz.Find(null, Environment()));
        Assert.Equal(new GraphvizDot(stub, "PATH"), Graphviz.Find(null, Environment(path: Path.GetDirectoryName(stub))));
        Assert.Equal(new GraphvizDot(stub, "configured"), Graphviz.Find(null, Environment(dotVariable: stub)));
        Assert.Equal(new GraphvizDot(stub, "configured"), Graphviz.Find(stub, Environment(path: "/nowhere")));
        var missing = Assert.Throws<ToolNotFoundException>(() => Graphviz.Find(null, Environment(dotVariable: Path.Combine(_folder, "no-dot"))));
        Assert.Contains("no-dot (from --dot or DOT) does not exist", missing.Message);
    }

    [Fact]
    public void Without_dot_map_md_says_there_is_no_svg_and_how_to_get_one()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "reports"));
        File.WriteAllText(Path.Combine(_folder, "reports", "map.svg"), "an earlier run's picture");
        var (files, notes) = ReportWriter.WriteMap(Map(), _folder, MapFormat.Auto, Graphviz.Find(null, Environment()), ChildProcessRunner.Default, Environment());

        Assert.Equal(["map.md", "map.dot"], files.Select(Path.GetFileName));
        Assert.False(File.Exists(Path.Combine(_folder, "reports", "map.svg")));
        var note = Assert.Single(notes);
        Assert.Contains("map.svg not drawn: Graphviz dot was not found", note);
        Assert.Contains("apt-get install graphviz", note);
        Assert.Contains("map.svg not drawn: Graphviz dot was not found", File.ReadAllText(Path.Combine(_folder, "reports", "map.md")));
    }

    [Fact]
    public void Asked_for_svg_without_dot_the_run_fails_after_writing_the_Markdown_and_the_DOT()
    {
        var error = Assert.Throws<ToolNotFoundException>(() => ReportWriter.WriteMap(Map(), _folder, MapFormat.Svg, null, ChildProcessRunner.Default, Environment()));
        Assert.Contains("install Graphviz", error.Message);
        Assert.True(File.Exists(Path.Combine(_folder, "reports", "map.md")));
        Assert.True(File.Exists(Path.Combine(_folder, "reports", "map.dot")));
    }

    [Fact]
    public void With_dot_the_svg_is_what_dot_drew_from_the_map_dot()
    {
        var stub = Stub();
        var (files, _) = ReportWriter.WriteMap(Map(), _folder, MapFormat.Auto, new GraphvizDot(stub, "configured"), ChildProcessRunner.Default, Environment());

        Assert.Equal(["map.md", "map.dot", "map.svg"], files.Select(Path.GetFileName));
        Assert.Equal(StubSvg + "\n", File.ReadAllText(Path.Combine(_folder, "reports", "map.svg")));
        Assert.Equal(File.ReadAllText(Path.Combine(_folder, "reports", "map.dot")), File.ReadAllText(Path.Combine(_folder, "bin", "input.dot")));
        Assert.Contains("map.svg (beside this file) is the same map drawn by Graphviz.", File.ReadAllText(Path.Combine(_folder, "reports", "map.md")));
    }

    [Fact]
    public void The_Mermaid_format_writes_the_Markdown_alone_and_a_failing_dot_is_a_note()
    {
        var (files, _) = ReportWriter.WriteMap(Map(), _folder, MapFormat.Mermaid, null, ChildProcessRunner.Default, Environment());
        Assert.Equal(["map.md"], files.Select(Path.GetFileName));

        var failing = Support.FakeTool.Write(_folder, "failing-dot", "echo 'syntax error in line 1' >&2\nexit 1");
        var (_, notes) = ReportWriter.WriteMap(Map(), _folder, MapFormat.Auto, new GraphvizDot(failing, "configured"), ChildProcessRunner.Default, Environment());
        Assert.Contains("map.svg not drawn:", Assert.Single(notes));
        Assert.Contains("syntax error in line 1", notes[0]);
    }

    [Fact]
    public void The_Map_target_draws_this_repository_with_the_configured_dot_and_appends_map_md_to_the_job_summary()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var summary = Path.Combine(_folder, "step-summary.md");
        File.WriteAllText(summary, "earlier step\n");
        var harness = new HostHarness();
        System.Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", summary);
        int code;
        try
        {
            code = harness.RunProgram("--target=Map", $"--root={copy.Root}", $"--helm={TestTools.Helm}", $"--dot={Stub()}");
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("GITHUB_STEP_SUMMARY", null);
        }

        Assert.True(code == 0, harness.Output);
        var reports = Path.Combine(copy.Root, "artifacts", "reports");
        var md = File.ReadAllText(Path.Combine(reports, "map.md"));
        Assert.Equal(StubSvg + "\n", File.ReadAllText(Path.Combine(reports, "map.svg")));
        Assert.Equal("earlier step\n" + md + "\n", File.ReadAllText(summary));
        Assert.Contains("map: 5 nodes, 4 edges, 3 groups by environment; pipeline: 1 app over 3 environments", harness.Output);
        Assert.Contains("1 root, 0 ApplicationSets, 4 Applications, grouped by environment", md);
        Assert.Contains("```mermaid\nflowchart LR\n", md);
        Assert.Contains("## Promotion pipeline", md);
    }

    [Fact]
    public void A_dot_that_does_not_exist_or_an_unknown_format_is_refused_before_the_run()
    {
        var harness = new HostHarness();
        var code = harness.RunProgram("--target=Map", $"--dot={Path.Combine(_folder, "no-dot")}");
        Assert.True(code == 2, harness.Output);
        Assert.Contains("no-dot does not exist; give the path of Graphviz's dot", harness.Output);

        harness = new HostHarness();
        code = harness.RunProgram("--target=Map", "--format=png");
        Assert.True(code == 2, harness.Output);
        Assert.Contains("--format=png is not allowed; use one of: mermaid, dot, svg", harness.Output);
    }

    [GraphvizFact]
    public void With_Graphviz_installed_map_svg_is_an_SVG_of_every_node()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var harness = new HostHarness();
        var code = harness.RunProgram("--target=Map", $"--root={copy.Root}", $"--helm={TestTools.Helm}", "--format=svg");

        Assert.True(code == 0, harness.Output);
        var svg = System.Xml.Linq.XDocument.Load(Path.Combine(copy.Root, "artifacts", "reports", "map.svg"));
        System.Xml.Linq.XNamespace ns = "http://www.w3.org/2000/svg";
        // The five Applications and the two legend samples (manual sync, not rendered offline).
        Assert.Equal(7, svg.Descendants(ns + "g").Count(g => (string?)g.Attribute("class") == "node"));
    }
}
