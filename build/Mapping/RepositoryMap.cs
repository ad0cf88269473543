using GitOps.Build.GitOps;
using GitOps.Build.Pipeline;
using GitOps.Build.Promotion;
using GitOps.Build.Yaml;

namespace GitOps.Build.Mapping;

/// <summary>
/// The repository as pictures: the map (<see cref="MapGraph"/>) and the promotion pipeline, or why
/// there is none (<see cref="PipelineNote"/>: no promotion order, no app labelled in an environment).
/// </summary>
public sealed record RepositoryMap(MapGraph Graph, PromotionPipeline? Pipeline, string? PipelineNote)
{
    /// <summary>
    /// Draws the repository of <paramref name="session"/>: the Applications the options select rendered by
    /// <paramref name="renderer"/> (the Map target's fetches nothing) for their images and whether they render,
    /// the pipeline from PromotionStatus with the holds of the repository's holds file, then the map with its marks.
    /// </summary>
    public static async Task<RepositoryMap> DrawAsync(Session.RepositorySession session, IRenderer renderer, MapOptions options, int parallelism,
        CancellationToken cancellationToken = default)
    {
        var model = session.Model;
        var (pipeline, note) = PipelineOf(model, renderer, options.App, PromotionHolds.FileOf(session.Config, session.Root));
        var applications = MapBuilder.Applications(model, options).ToHashSet(ReferenceEqualityComparer.Instance);
        var rendered = await MapRendering.RenderAsync(model.Units.Where(u => applications.Contains(u.Application)), renderer, parallelism, cancellationToken);
        return new RepositoryMap(MapBuilder.Build(model, rendered, pipeline, options), pipeline, note);
    }

    /// <summary>
    /// The promotion pipeline from PromotionStatus (what each environment renders, and its holds; no history is read),
    /// or why there is none.
    /// </summary>
    /// <param name="holdsFile">The repository's holds file, absolute (<see cref="PromotionHolds.FileOf"/>).</param>
    public static (PromotionPipeline? Pipeline, string? Note) PipelineOf(RepositoryModel model, IRenderer renderer, string? app, string holdsFile)
    {
        if (model.Environments.PromotionOrder.Count == 0)
            return (null, "no promotion order: add `promotion: {order: [dev, staging, prod]}` to gitops-build.yaml to draw the promotion pipeline.");
        try
        {
            var rows = PromotionStatus.Of(null, model, new PromotionRendering(model, renderer), PromotionHolds.Read(holdsFile, model.Relative(holdsFile), model.Root));
            return rows.Count == 0
                ? (null, "no Application names an app and an environment (labels app.kubernetes.io/name and environment, or a folder per app), so no app has a place in the promotion order.")
                : (PromotionPipeline.From(rows, EnvironmentCatalog.From(model.Environments), app), null);
        }
        catch (YamlEditException e)
        {
            return (null, $"the holds could not be read: {e.Message}");
        }
    }
}
