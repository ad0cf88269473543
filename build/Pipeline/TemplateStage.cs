using GitOps.Build.GitOps;
using GitOps.Build.IO;

namespace GitOps.Build.Pipeline;

/// <summary>
/// The Template stage: every unit rendered by the renderer service, in parallel, its text written
/// to its artifact, artifacts/rendered/&lt;id&gt;.yaml (atomically), and its objects kept for Validate.
/// </summary>
public sealed class TemplateStage(IRenderer renderer, int parallelism)
{
    public async Task<(IReadOnlyList<UnitOutcome> Outcomes, IReadOnlyList<RenderedUnit> Rendered)> RunAsync(
        IEnumerable<RenderUnit> units, CancellationToken cancellationToken = default)
    {
        var results = await RenderBatch.RunAsync(units, parallelism, unit =>
        {
            var result = renderer.Render(unit);
            if (result.Text is not null)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(result.Artifact)!);
                AtomicFile.WriteAllText(result.Artifact, result.Text);
            }
            return result;
        }, cancellationToken);
        return (results.Select(r => r.Outcome).ToList(), results.Select(r => r.Rendered).OfType<RenderedUnit>().ToList());
    }
}
