using GitOps.Build.Manifests;
using GitOps.Build.Git;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// What git history says about an app's image in an environment, read through the scalars that set it now
/// (<see cref="EnvironmentImage.Sites"/>, the environment's own files first): the commit that set the current
/// version, and the version before it (what Rollback goes back to by default).
/// </summary>
public static class PromotionHistory
{
    /// <summary>The newest commit that set any of the image's current sites to its current value; null when not committed yet.</summary>
    public static GitCommitSummary? SetBy(IGitWorkingTree git, EnvironmentImage image) =>
        Walk(git, image).Select(w => w.SetBy).OfType<GitCommitSummary>().MaxBy(c => c.When);

    /// <summary>The version the environment ran before the current one (from the site changed last), and the commit that set that one; null when history has none.</summary>
    public static (string Version, GitCommitSummary SetBy)? Previous(IGitWorkingTree git, EnvironmentImage image) =>
        Walk(git, image).Where(w => w.Previous is not null && w.SetBy is not null).OrderByDescending(w => w.SetBy!.When)
            .Select(w => ((string, GitCommitSummary)?)(w.Previous!.Value.Version, w.Previous.Value.Commit)).FirstOrDefault();

    private sealed record SiteHistory(GitCommitSummary? SetBy, (string Version, GitCommitSummary Commit)? Previous);

    private static IEnumerable<SiteHistory> Walk(IGitWorkingTree git, EnvironmentImage image)
    {
        var current = Current(image);
        var own = current.Where(s => image.Target.File(s.File)?.Own == true).ToList();
        foreach (var site in own.Count > 0 ? own : current)
        {
            GitCommitSummary? setBy = null;
            (string, GitCommitSummary)? previous = null;
            foreach (var version in git.FileHistory(site.File))
            {
                string? value;
                try { value = YamlScalarEditor.GetScalar(version.Content, site.Path, site.File, site.Document)?.Value; }
                catch (YamlEditException) { break; } // an older shape of the file: what is known stands
                if (value == site.Value)
                {
                    if (previous is null) setBy = version.Commit;
                    continue;
                }
                if (value is not null && VersionOf(site, value) is { } before) previous = (before, version.Commit);
                break;
            }
            yield return new SiteHistory(setBy, previous);
        }
    }

    /// <summary>The sites that hold what the app runs now (not a base's placeholder that an overlay overrides).</summary>
    private static List<ImageSite> Current(EnvironmentImage image) =>
        image.Sites.Where(s => !s.Missing && VersionOf(s, s.Value) is { } v && image.Versions.Any(current => Same(current, v))).ToList();

    /// <summary>The version a site's value stands for: a reference's tag and digest, a tag, or a digest alone.</summary>
    private static string? VersionOf(ImageSite site, string value) => site.Kind switch
    {
        ImageSiteKind.Reference when ImageSites.IsVersionedReference(value) => ImageReference.Parse(value).Version,
        ImageSiteKind.Tag => value,
        ImageSiteKind.Digest => "@" + value,
        _ => null,
    };

    /// <summary>A tag or digest site matches a version that has it (1.4.1 is part of 1.4.1@sha256:…).</summary>
    private static bool Same(string current, string site) =>
        current == site || (site.StartsWith('@') ? current.EndsWith(site, StringComparison.Ordinal) : current.Split('@')[0] == site);
}
