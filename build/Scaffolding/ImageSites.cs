using GitOps.Build.Checks;
using GitOps.Build.Checks.Policy;
using GitOps.Build.Manifests;
using GitOps.Build.Yaml;

namespace GitOps.Build.Scaffolding;

/// <summary>Which part of an image reference a value sets.</summary>
public enum ImagePart { Whole, Repository, Tag }

/// <summary>A value that sets part of the model app's image: in which file (absolute) and at which path.</summary>
public sealed record ImageSite(string File, YamlPath Path, ImagePart Part);

/// <summary>The containers a rendering runs: each one's image and the ports it declares.</summary>
public sealed record RenderedContainer(string Workload, string Name, string Image, IReadOnlyList<int> Ports);

/// <summary>
/// Where a Helm app sets its image, found from what it renders: the images its workloads run, matched against the
/// values of its value files and its chart's defaults (a whole reference, the repository, or the tag, at whatever key
/// the chart reads). The new app's image is then written at the same places; the check renders the result to prove it.
/// </summary>
public static class ImageSites
{
    /// <summary>Every container of the workloads among <paramref name="objects"/>, init containers included.</summary>
    public static IReadOnlyList<RenderedContainer> Containers(IEnumerable<ManifestObject> objects) =>
        objects.Select(o => (Object: o, Workload: Workload.From(new CheckedObject(o, o.File, null, null, null))))
            .Where(w => w.Workload is not null)
            .SelectMany(w => w.Workload!.AllContainers.Select(c => new RenderedContainer($"{w.Object.Kind}/{w.Object.Name}", c.Name, c.Body["image"]?.ToString() ?? "",
                c.Body["ports"] is System.Text.Json.Nodes.JsonArray ports
                    ? ports.Select(p => p?["containerPort"] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<int>(out var n) ? n : 0).Where(n => n > 0).ToList()
                    : [])))
            .ToList();

    /// <summary>
    /// The places in <paramref name="files"/> (absolute paths, searched in order) that set the image of one of
    /// <paramref name="containers"/>: the first container whose image is found there wins, and its sites are returned
    /// with that image. A tag counts where its key names a tag or version, or sits beside the repository.
    /// </summary>
    public static (RenderedContainer Container, IReadOnlyList<ImageSite> Sites)? Find(IReadOnlyList<RenderedContainer> containers, IReadOnlyList<string> files)
    {
        var values = files.Where(File.Exists).Select(f => (File: f, Values: YamlBlockEditor.Values(ValuesFile.Read(f).Text, f))).ToList();
        foreach (var container in containers)
        {
            var image = ImageReference.Parse(container.Image);
            var sites = new List<ImageSite>();
            foreach (var (file, list) in values)
            {
                var repositories = list.Where(v => v.Value == image.Repository).Select(v => v.Path.Parent).ToList();
                foreach (var value in list)
                {
                    if (value.Value == container.Image && image.Tag.Length > 0) sites.Add(new(file, value.Path, ImagePart.Whole));
                    else if (value.Value == image.Repository) sites.Add(new(file, value.Path, ImagePart.Repository));
                    else if (IsTag(value, image) && (NamesATag(value.Path) || repositories.Contains(value.Path.Parent))) sites.Add(new(file, value.Path, ImagePart.Tag));
                }
            }
            if (sites.Any(s => s.Part is ImagePart.Whole or ImagePart.Tag)) return (container, sites);
        }
        return null;
    }

    /// <summary>The container port the app declares, as a value at a key naming a port in <paramref name="files"/>; null when none sets it.</summary>
    public static ImageSite? PortSite(RenderedContainer container, IReadOnlyList<string> files)
    {
        if (container.Ports.Count == 0) return null;
        var port = container.Ports[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var file in files.Where(File.Exists))
        {
            var value = YamlBlockEditor.Values(ValuesFile.Read(file).Text, file)
                .FirstOrDefault(v => v.Value == port && v.Path.LastKey?.Contains("port", StringComparison.OrdinalIgnoreCase) == true);
            if (value is not null) return new ImageSite(file, value.Path, ImagePart.Whole);
        }
        return null;
    }

    private static bool IsTag(YamlValue value, ImageReference image) =>
        image.Tag.Length > 0 && (value.Value == image.Tag || image.Digest is not null && value.Value == $"{image.Tag}@{image.Digest}");

    private static bool NamesATag(YamlPath path) =>
        path.LastKey is { } key && (key.Contains("tag", StringComparison.OrdinalIgnoreCase) || key.Contains("version", StringComparison.OrdinalIgnoreCase));

    /// <summary>A path as <see cref="YamlScalarEditor"/> takes it (<c>image.tag</c>, <c>images[0].newTag</c>); null when a key holds a dot.</summary>
    public static string? Dotted(YamlPath path)
    {
        var text = new System.Text.StringBuilder();
        foreach (var segment in path.Segments)
        {
            if (segment is int i) text.Append('[').Append(i).Append(']');
            else if (segment is string key && key.IndexOfAny(['.', '[', ']']) < 0 && key.Length > 0) text.Append(text.Length == 0 ? "" : ".").Append(key);
            else return null;
        }
        return text.ToString();
    }
}
