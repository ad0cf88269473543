using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Promotion;

/// <summary>
/// Finds, in source files, every scalar that may produce an image's reference: a whole reference to the
/// repository (with a tag or digest: a literal <c>image:</c> in a Deployment, a hook Job, a CronJob, an init
/// container, or a Helm value holding <c>repo:tag</c>), a tag the image runs at any key (<c>image.tag</c>,
/// <c>newTag</c>, <c>backend.release</c>; a tag of digits only, which a replica count or a port could equal, only
/// under a key that names a tag or version), a digest the image runs, and the
/// <c>images:</c> entry of a kustomization that names the repository without a tag (where <c>newTag</c> is added).
/// Only text: which of them really produce the rendered reference is proven by rendering (<see cref="ImageEditProof"/>).
/// Files that are not YAML are skipped.
/// </summary>
public static class ImageSites
{
    /// <param name="repository">The app's image repository as the environment renders it.</param>
    /// <param name="current">The references the app's containers render now (tags and digests to look for).</param>
    public static IReadOnlyList<ImageSite> Find(IEnumerable<string> files, string repository, IReadOnlyCollection<ImageReference> current)
    {
        var tags = current.Select(c => c.Tag).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        var digests = current.Select(c => c.Digest).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var sites = new List<ImageSite>();
        foreach (var file in files)
        {
            List<YamlScalarAt> scalars;
            try
            {
                scalars = YamlScalarEditor.Scalars(ValuesFile.Read(file).Text, file).ToList();
            }
            catch (Exception e) when (e is YamlEditException or IOException)
            {
                continue; // not YAML (a generator's .env or .properties file), or gone: nothing an image comes from
            }
            foreach (var s in scalars)
            {
                if (IsVersionedReference(s.Value) && ImageReference.Parse(s.Value).Repository == repository)
                    sites.Add(new ImageSite(file, s.Document, s.Path, ImageSiteKind.Reference, s.Value, s.Line));
                else if (tags.Contains(s.Value) && (NamesATag(s.Path) || !s.Value.All(char.IsAsciiDigit)))
                    sites.Add(new ImageSite(file, s.Document, s.Path, ImageSiteKind.Tag, s.Value, s.Line));
                else if (digests.Contains(s.Value))
                    sites.Add(new ImageSite(file, s.Document, s.Path, ImageSiteKind.Digest, s.Value, s.Line));
            }
            if (GitOps.Kustomization.FileNames.Contains(Path.GetFileName(file)))
                sites.AddRange(EntriesWithoutVersion(file, scalars, repository));
        }
        return sites;
    }

    /// <summary>A reference with a tag or a digest: a repository name alone (an images: entry's name) is not a site.</summary>
    public static bool IsVersionedReference(string text) =>
        text.Length > 0 && !text.Any(char.IsWhiteSpace)
        && ImageReference.Parse(text) is { Repository.Length: > 0 } r && (r.Tag.Length > 0 || r.Digest is not null)
        && !text.Contains("://", StringComparison.Ordinal);

    /// <summary>The last key of the path says tag or version (image.tag, newTag, imageTag, appVersion, version).</summary>
    private static bool NamesATag(string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        var bracket = key.IndexOf('[');
        if (bracket >= 0) key = key[..bracket];
        return key.Contains("tag", StringComparison.OrdinalIgnoreCase) || key.Contains("version", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>images: entries naming the repository (as name, or as newName) with neither newTag nor digest: newTag is added.</summary>
    private static IEnumerable<ImageSite> EntriesWithoutVersion(string file, IReadOnlyList<YamlScalarAt> scalars, string repository)
    {
        var byPath = scalars.Where(s => s.Document == 0).ToDictionary(s => s.Path, StringComparer.Ordinal);
        for (var i = 0; byPath.ContainsKey($"images[{i}].name") || byPath.ContainsKey($"images[{i}].newName"); i++)
        {
            var entry = $"images[{i}]";
            var renders = byPath.GetValueOrDefault(entry + ".newName")?.Value ?? byPath.GetValueOrDefault(entry + ".name")?.Value;
            if (renders != repository || byPath.ContainsKey(entry + ".newTag") || byPath.ContainsKey(entry + ".digest")) continue;
            var line = byPath.GetValueOrDefault(entry + ".name")?.Line ?? byPath[entry + ".newName"].Line;
            yield return new ImageSite(file, 0, entry + ".newTag", ImageSiteKind.Tag, "", line, Missing: true);
        }
    }
}
