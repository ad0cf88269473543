using System.Text.Json.Nodes;
using GitOps.Build.Manifests;
using GitOps.Build.Promotion;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>
/// Where the model app sets its image in an environment: the container found, the places Promote would move
/// (<see cref="Promotion.ImageSites"/>: whole references, tags, digests), and the values that hold its repository
/// alone, which a new app, unlike a promotion, changes too. All paths are dotted, in a file's first document.
/// </summary>
public sealed record ModelImage(RenderedContainer Container, IReadOnlyList<ImageSite> Sites, IReadOnlyList<(string File, string Path)> Repositories)
{
    /// <summary>
    /// The first container (init containers last) whose image <paramref name="files"/> set, with where they set it.
    /// A tag counts where its key names a tag or version, or sits beside the repository (a copy must not rewrite a
    /// value that only happens to equal the tag, which no rendering of the new app would show).
    /// </summary>
    public static ModelImage? Find(IReadOnlyList<RenderedContainer> containers, IReadOnlyList<string> files)
    {
        var existing = files.Where(File.Exists).ToList();
        foreach (var container in containers.OrderBy(c => c.IsInit))
        {
            var repository = container.Image.Repository;
            var repositories = existing.SelectMany(f => Scalars(f).Where(s => s.Document == 0 && s.Value == repository).Select(s => (File: f, s.Path))).ToList();
            var sites = Promotion.ImageSites.Find(existing, repository, [container.Image])
                .Where(s => !s.Missing && s.Document == 0 && (s.Kind != ImageSiteKind.Tag || NamesATag(s.Path) || repositories.Any(r => r.File == s.File && Parent(r.Path) == Parent(s.Path))))
                .ToList();
            if (sites.Count > 0) return new ModelImage(container, sites, repositories);
        }
        return null;
    }

    /// <summary>The ports the containers of <paramref name="objects"/>' workloads declare, in order.</summary>
    public static IReadOnlyList<int> Ports(IEnumerable<ManifestObject> objects) =>
        objects.Select(o => PodTemplates.TemplatePointer(o.Group, o.Kind) is { } template ? o.At(template + "/spec/containers") as JsonArray : null)
            .OfType<JsonArray>().SelectMany(list => list)
            .SelectMany(c => c?["ports"] as JsonArray ?? [])
            .Select(p => p?["containerPort"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 0).Where(n => n > 0).ToList();

    /// <summary>The value that sets <paramref name="port"/>, at a key naming a port, in <paramref name="files"/>; null when none does.</summary>
    public static (string File, string Path)? PortSite(int port, IReadOnlyList<string> files)
    {
        var text = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var file in files.Where(File.Exists))
        {
            var value = Scalars(file).FirstOrDefault(s => s.Document == 0 && s.Value == text && LastKey(s.Path).Contains("port", StringComparison.OrdinalIgnoreCase));
            if (value is not null) return (file, value.Path);
        }
        return null;
    }

    private static IEnumerable<YamlScalarAt> Scalars(string file)
    {
        try { return YamlScalarEditor.Scalars(ValuesFile.Read(file).Text, file).ToList(); }
        catch (YamlEditException) { return []; }
    }

    private static bool NamesATag(string path) =>
        LastKey(path) is var key && (key.Contains("tag", StringComparison.OrdinalIgnoreCase) || key.Contains("version", StringComparison.OrdinalIgnoreCase));

    private static string LastKey(string path)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        return key.IndexOf('[') is var bracket and >= 0 ? key[..bracket] : key;
    }

    private static string Parent(string path) => path.LastIndexOf('.') is var dot and >= 0 ? path[..dot] : "";
}
