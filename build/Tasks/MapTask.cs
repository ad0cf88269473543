using GitOps.Build.Arguments;
using GitOps.Build.Arguments.Settings;
using GitOps.Build.Hosting;
using GitOps.Build.Mapping;
using GitOps.Build.Primitives;
using GitOps.Build.Reporting;
using GitOps.Build.Tools;

namespace GitOps.Build.Tasks;

/// <summary>
/// The repository as a picture (see <see cref="RepositoryMap"/>): the map and the promotion pipeline
/// to artifacts/reports/map.md (Mermaid), map.dot and map.svg (Graphviz dot, when found), appended
/// to the job summary on GitHub Actions. Renders offline: nothing is fetched.
/// </summary>
[TaskName("Map")]
[TaskArguments(typeof(RepositorySettings), typeof(RenderSettings), typeof(SelectionSettings), typeof(ToolPathSettings), typeof(MapSettings))]
[TaskDescription("Draws the repository (roots → ApplicationSets → Applications by environment) and its promotion pipeline to artifacts/reports/map.md (Mermaid), and map.svg where Graphviz dot is found.")]
public sealed class MapTask : AsyncFrostingTask<BuildContext>
{
    public override async Task RunAsync(BuildContext context)
    {
        var settings = context.Settings<MapSettings>();
        var selection = context.Settings<SelectionSettings>();
        var options = new MapOptions { Environment = selection.Environment, App = selection.App, Expand = settings.Expand };
        context.Log.Say("map: rendering the Applications offline for the images they run...");
        var map = await RepositoryMap.DrawAsync(context.Session, context.Session.OfflineRenderer, options, context.Rendering.Parallel, context.Cancellation);

        var format = settings.Writes;
        var dot = format is MapFormat.Auto or MapFormat.Svg ? Graphviz.Find(settings.Dot, context.Environment.GetEnvironmentVariable) : null;
        var (files, notes) = ReportWriter.WriteMap(map, context.Artifacts, format, dot, context.Processes, context.Environment.GetEnvironmentVariable, context.Cancellation);

        var graph = map.Graph;
        context.Log.Say($"map: {Plural.Of(graph.Nodes.Count, "node")}, {Plural.Of(graph.Edges.Count, "edge")}, {Plural.Of(graph.Groups.Count, "group")}{(graph.GroupedBy.Length > 0 ? $" by {graph.GroupedBy}" : "")}; " +
                        (map.Pipeline is { } p ? $"pipeline: {Plural.Of(p.Apps.Count, "app")} over {Plural.Of(p.Environments.Count, "environment")}" : $"no pipeline ({map.PipelineNote})"));
        foreach (var note in notes) context.Log.Say(note);
        context.Log.Say($"map: {string.Join(", ", files.Select(f => IO.RepoPath.Relative(context.Root, f)))}");
    }
}
