using GitOps.Build.Checks;
using GitOps.Build.Checks.Policy;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Pipeline;

namespace GitOps.Build.Mapping;

/// <summary>What rendering an Application's sources showed the map: the images its workloads run, and whether a source did not render.</summary>
/// <param name="Images">Each distinct image as the map labels it (<see cref="MapRendering.Label"/>), in the order rendered.</param>
public sealed record RenderedApplication(IReadOnlyList<string> Images, bool NotRendered);

/// <summary>
/// The Applications' units rendered by the renderer service (the one every target uses, with its
/// result cache), nothing written: for each Application the images its workloads run and whether
/// it rendered. The Map target hands it an offline renderer, so a remote chart that is not cached
/// shows as not rendered instead of being fetched.
/// </summary>
public static class MapRendering
{
    public static async Task<IReadOnlyDictionary<string, RenderedApplication>> RenderAsync(IEnumerable<RenderUnit> units, IRenderer renderer,
        int parallelism, CancellationToken cancellationToken = default)
    {
        var list = units.ToList();
        var results = await renderer.RenderAllAsync(list, parallelism, cancellationToken);
        return list.Zip(results)
            .GroupBy(x => x.First.Application.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => new RenderedApplication(
                g.SelectMany(x => x.Second.Objects ?? []).SelectMany(Images).Distinct(StringComparer.Ordinal).ToList(),
                g.Any(x => x.Second.Rendered is null)), StringComparer.Ordinal);
    }

    /// <summary>
    /// The images of a rendered workload's containers (init containers first), read through the policy
    /// checks' view of a pod template, so the map and Validate agree on what a workload is.
    /// </summary>
    private static IEnumerable<string> Images(ManifestObject manifest) =>
        Workload.From(new CheckedObject(manifest, manifest.File, null, null, null)) is { } workload
            ? workload.AllContainers.Select(c => c.Body["image"]?.ToString()).OfType<string>().Where(i => i.Length > 0).Select(Label)
            : [];

    /// <summary>An image as a node shows it: the last part of its repository and its tag (<c>app:v1.2.0</c>), or the start of its digest.</summary>
    public static string Label(string image)
    {
        var reference = ImageReference.Parse(image);
        var name = reference.Repository[(reference.Repository.LastIndexOf('/') + 1)..];
        if (reference.Digest is { } digest)
        {
            var hex = digest[(digest.IndexOf(':') + 1)..];
            return $"{name}@{hex[..Math.Min(12, hex.Length)]}";
        }
        return reference.Tag.Length > 0 ? $"{name}:{reference.Tag}" : $"{name} (no tag: latest)";
    }
}
