using GitOps.Build.Mapping;
using GitOps.Build.Reporting;

namespace GitOps.Build.Tests.Mapping;

/// <summary>The map of this repository, compared as a graph and as what each writer's output reads back as.</summary>
public class RepositoryMapTests
{
    [Fact]
    public async Task This_repository_is_its_root_app_deploying_four_Applications_three_of_them_in_dev_staging_and_prod()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var map = await MapFixture.DrawAsync(copy.Root);
        var graph = map.Graph;
        string Name(string id) => graph.Nodes.Single(n => n.Id == id).Name;

        var root = Assert.Single(graph.Nodes, n => n.IsRoot);
        Assert.Equal("root-app", root.Name);
        Assert.Equal(["ontu-schedule-bot-admin-dev", "ontu-schedule-bot-admin-prod", "ontu-schedule-bot-admin-staging", "sealed-secrets"],
            graph.Edges.Select(e => (Name(e.From), Name(e.To))).Where(e => e.Item1 == "root-app").Select(e => e.Item2).Order());
        Assert.Equal(4, graph.Edges.Count);
        Assert.Equal(5, graph.Nodes.Count);
        Assert.All(graph.Nodes, n => Assert.Equal(MapNodeKind.Application, n.Kind));

        // Grouped by environment, in promotion order; sealed-secrets and the root belong to none.
        Assert.Equal("environment", graph.GroupedBy);
        Assert.Equal(["dev", "staging", "prod"], graph.Groups.Select(g => g.Title));
        foreach (var env in new[] { "dev", "staging", "prod" })
        {
            var group = graph.Groups.Single(g => g.Title == env).Id;
            Assert.Equal([$"ontu-schedule-bot-admin-{env}"], graph.Nodes.Where(n => n.Group == group).Select(n => n.Name));
        }
        Assert.Null(graph.Nodes.Single(n => n.Name == "sealed-secrets").Group);

        // Labels: source kind, namespace, the image tag each environment renders; marks.
        Assert.Equal(["ontu-schedule-bot-admin-dev", "Helm, namespace ontu-schedule-dev", "image ontu-schedule-bot-admin:develop"],
            graph.Nodes.Single(n => n.Name == "ontu-schedule-bot-admin-dev").Lines);
        var prod = graph.Nodes.Single(n => n.Name == "ontu-schedule-bot-admin-prod");
        Assert.Equal(["ontu-schedule-bot-admin-prod", "Helm, namespace ontu-schedule-prod", "image ontu-schedule-bot-admin:v1.0.0", "manual sync"], prod.Lines);
        Assert.Equal(MapMarks.ManualSync, prod.Marks);
        Assert.Equal(["root-app", "directory, namespace argocd"], root.Lines);
        // The remote chart is not in this copy's chart cache, and the map fetches nothing.
        var sealedSecrets = graph.Nodes.Single(n => n.Name == "sealed-secrets");
        Assert.Equal(MapMarks.NotRendered, sealedSecrets.Marks);
        Assert.StartsWith("remote chart sealed-secrets ", sealedSecrets.Lines[1]);

        // The pipeline: dev → staging → prod, the tags PromotionStatus reads, each environment behind the one before.
        var pipeline = Assert.IsType<PromotionPipeline>(map.Pipeline);
        Assert.Equal(["dev", "staging", "prod"], pipeline.Environments);
        Assert.Equal(["ontu-schedule-bot-admin"], pipeline.Apps);
        Assert.Equal([("dev", "develop", false), ("staging", "staging", true), ("prod", "v1.0.0", true)],
            pipeline.Cells.Select(c => (c.Environment, Assert.Single(c.Tags), c.Behind)));
    }

    [Fact]
    public async Task The_Mermaid_and_DOT_of_the_map_read_back_as_the_same_graph()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var map = await MapFixture.DrawAsync(copy.Root);
        var graph = map.Graph;

        // The pipeline: an environment per subgraph in order, each arrow into an environment that is behind dotted and labelled.
        var pipeline = MermaidReader.Read(MermaidMap.Pipeline(map.Pipeline!));
        Assert.Equal(["dev", "staging", "prod"], pipeline.Groups.Values);
        Assert.Equal([("ontu-schedule-bot-admin / develop", "ontu-schedule-bot-admin / staging / behind dev", "behind"),
                      ("ontu-schedule-bot-admin / staging / behind dev", "ontu-schedule-bot-admin / v1.0.0 / behind staging", "behind")],
            pipeline.Edges.Select(e => (Lines(pipeline, e.From), Lines(pipeline, e.To), e.Text)));
        Assert.Equal(2, pipeline.Classes["behind"].Count);

        var mermaid = MermaidReader.Read(MermaidMap.Flowchart(graph));
        MapFixture.AssertReadsAs(graph, mermaid, MapFixture.MermaidShape, MermaidMap.LegendId);
        // Each mark is a class holding its nodes and its legend sample.
        string Id(string name) => graph.Nodes.Single(n => n.Name == name).Id;
        Assert.Equal(["k1", Id("ontu-schedule-bot-admin-prod")], mermaid.Classes["manual"].Order());
        Assert.Equal(["k2", Id("sealed-secrets")], mermaid.Classes["unrendered"].Order());
        Assert.Equal(["manual sync: no automated sync, someone presses Sync", MapMarksText.Meaning(MapMarks.NotRendered)],
            mermaid.Nodes.Where(n => n.Group == MermaidMap.LegendId).Select(n => n.Lines[0]));

        MapFixture.AssertReadsAs(graph, DotReader.Read(DotMap.Graph(graph)), MapFixture.DotShape, "legend");
    }

    private static string Lines(ReadDiagram diagram, string id) => string.Join(" / ", diagram.Nodes.Single(n => n.Id == id).Lines);

    [Fact]
    public void A_held_promotion_marks_the_Applications_of_that_app_in_that_environment()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var model = TestSession.Open(copy.Root).Model;
        // The pipeline as PromotionStatus gives it with a hold on prod (from the holds file: the test above).
        var pipeline = new PromotionPipeline(["dev", "staging", "prod"], ["ontu-schedule-bot-admin"],
            [new PipelineCell("ontu-schedule-bot-admin", "prod", ["v1.0.0"], Behind: true, Held: true)]);

        var graph = MapBuilder.Build(model, new Dictionary<string, RenderedApplication>(), pipeline, new MapOptions());

        var prod = graph.Nodes.Single(n => n.Name == "ontu-schedule-bot-admin-prod");
        Assert.Equal(MapMarks.ManualSync | MapMarks.Held, prod.Marks);
        Assert.Equal("manual sync, promotion held", prod.Lines[^1]);
        Assert.All(graph.Nodes.Where(n => n != prod), n => Assert.False(n.Marks.HasFlag(MapMarks.Held)));
        var read = MermaidReader.Read(MermaidMap.Flowchart(graph));
        Assert.Equal(["k2", prod.Id], read.Classes["held"].Order());
        Assert.Contains(read.Nodes, n => n.Group == MermaidMap.LegendId && n.Lines[0] == MapMarksText.Meaning(MapMarks.Held));
    }

    [Fact]
    public async Task A_hold_Rollback_recorded_marks_the_map_from_the_holds_file()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        File.WriteAllText(Path.Combine(copy.Root, global::GitOps.Build.Promotion.PromotionHolds.DefaultPath), global::GitOps.Build.Promotion.PromotionHolds.Write(
            [new global::GitOps.Build.Promotion.PromotionHold("ontu-schedule-bot-admin", "prod", "ghcr.io/wandering-cursor/ontu-schedule-bot-admin:v1.0.0",
                "Ops <ops@example.invalid>", DateTimeOffset.UnixEpoch, "the last good release")]));

        var map = await MapFixture.DrawAsync(copy.Root);

        Assert.True(map.Pipeline!.Cell("ontu-schedule-bot-admin", "prod")!.Held);
        Assert.False(map.Pipeline.Cell("ontu-schedule-bot-admin", "staging")!.Held);
        Assert.True(map.Graph.Nodes.Single(n => n.Name == "ontu-schedule-bot-admin-prod").Marks.HasFlag(MapMarks.Held));
    }

    [Fact]
    public async Task Env_and_app_narrow_the_map_to_their_Applications_and_what_deploys_them()
    {
        using var copy = RepositoryCopy.OfRealRepository();
        var prod = (await MapFixture.DrawAsync(copy.Root, new MapOptions { Environment = "PROD" })).Graph;
        Assert.Equal(["root-app", "ontu-schedule-bot-admin-prod"], prod.Nodes.Select(n => n.Name));
        Assert.Equal([new MapEdge("n1", "n2")], prod.Edges);
        Assert.Equal(["prod"], prod.Groups.Select(g => g.Title));

        var app = (await MapFixture.DrawAsync(copy.Root, new MapOptions { App = "ontu-schedule-bot-admin" })).Graph;
        Assert.Equal(4, app.Nodes.Count);
        Assert.DoesNotContain(app.Nodes, n => n.Name == "sealed-secrets");
    }
}
