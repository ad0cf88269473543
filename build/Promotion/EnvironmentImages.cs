using GitOps.Build.Manifests;

namespace GitOps.Build.Promotion;

/// <summary>
/// An app's image in one environment, read from what the environment renders: the repository, every
/// container that runs it with the reference it renders, and the scalars in the environment's files that may set it.
/// </summary>
public sealed record EnvironmentImage(PromotionTarget Target, IReadOnlyList<ManifestObject> Rendered, string Repository,
    IReadOnlyList<RenderedContainer> Containers, IReadOnlyList<ImageSite> Sites)
{
    /// <summary>The version (tag, tag@digest or @digest) every container runs; null when they disagree.</summary>
    public string? Version => Versions.Count == 1 ? Versions[0] : null;

    /// <summary>The distinct versions the containers run, most common first.</summary>
    public IReadOnlyList<string> Versions { get; } = Containers.GroupBy(c => c.Image.Version).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();

    /// <summary>The workloads do not all run the same reference.</summary>
    public bool Disagrees => Versions.Count > 1;

    /// <summary>The references the containers run (one per version), for the site search and messages.</summary>
    public IReadOnlyList<ImageReference> References => Containers.Select(c => c.Image).Distinct().ToList();
}

/// <summary>
/// Which image is the app's, in an environment: the configured one (<see cref="PromotionTarget.Image"/>, or --image);
/// else the only image its workloads run; else the one named for the app or its Application (the last segment of
/// the repository); else the one whose tag, digest or reference the environment's own files set (an overlay that
/// pins its app's image and leaves the cache's to the base). Anything else is refused, listing the images, so the
/// operator names it.
/// </summary>
public static class EnvironmentImages
{
    /// <exception cref="PromotionRefusedException">No workload, or no telling which image is the app's.</exception>
    public static EnvironmentImage Read(PromotionTarget target, IReadOnlyList<ManifestObject> rendered, string? image = null)
    {
        var containers = RenderedImages.Of(rendered);
        var where = $"{target.App} in {target.Environment} (Application {target.Application})";
        if (containers.Count == 0)
            throw new PromotionRefusedException($"{where} renders no workload with a container image, so there is no image to promote.");
        var repositories = containers.Select(c => c.Image.Repository).Distinct(StringComparer.Ordinal).ToList();
        var repository = Choose(target, containers, repositories, image ?? target.Image, where);
        var own = containers.Where(c => c.Image.Repository == repository).ToList();
        var sites = ImageSites.Find(target.Files.Select(f => f.Path), repository, own.Select(c => c.Image).Distinct().ToList());
        return new EnvironmentImage(target, rendered, repository, own, sites);
    }

    private static string Choose(PromotionTarget target, IReadOnlyList<RenderedContainer> containers, IReadOnlyList<string> repositories, string? named, string where)
    {
        var list = string.Join(", ", repositories);
        if (named is not null)
        {
            var match = repositories.Where(r => r == named || LastSegment(r) == named).ToList();
            return match.Count == 1 ? match[0]
                : throw new PromotionRefusedException($"{where} runs no image {named}; it runs {list}.");
        }
        if (repositories.Count == 1) return repositories[0];
        var namedFor = repositories.Where(r => LastSegment(r) == target.App || LastSegment(r) == target.Application).ToList();
        if (namedFor.Count == 1) return namedFor[0];
        var ownFiles = target.Files.Where(f => f.Own).Select(f => f.Path).ToList();
        var setHere = repositories.Where(r => ImageSites.Find(ownFiles, r, containers.Where(c => c.Image.Repository == r).Select(c => c.Image).Distinct().ToList())
            .Count > 0).ToList();
        if (setHere.Count == 1) return setHere[0];
        throw new PromotionRefusedException(
            $"{where} runs {repositories.Count} images ({list}){(setHere.Count > 1 ? $", and its own files set {setHere.Count} of them" : "")}; "
            + "it is not clear which one is the app's. Name it with --image=<repository>.");
    }

    private static string LastSegment(string repository) => repository[(repository.LastIndexOf('/') + 1)..];
}
