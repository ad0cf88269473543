using GitOps.Build.Cluster.Api;
using GitOps.Build.Manifests;

namespace GitOps.Build.Cluster.Apply;

/// <summary>
/// Manifests to apply, read with the shared <see cref="ManifestReader"/> (multi-document, v1 List expanded,
/// line numbers) and checked for what server-side apply needs: apiVersion, kind and metadata.name.
/// </summary>
public static class ClusterManifests
{
    public static IReadOnlyList<ApplicableManifest> ReadFile(string path) => Read(File.ReadAllText(path), path);

    public static IReadOnlyList<ApplicableManifest> Read(string yaml, string source)
    {
        IReadOnlyList<ManifestObject> objects;
        try
        {
            objects = ManifestReader.Read(yaml, source);
        }
        catch (ManifestParseException e)
        {
            throw new ClusterException($"{e.Message}. Fix: correct the YAML syntax at that line.", e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner reports some broken flow collections this way, without a position.
            throw new ClusterException($"{source}: invalid YAML ({e.Message}), e.g. an unclosed [ or {{. Fix: correct the YAML syntax.", e);
        }
        return objects.Select(ApplicableManifest.Of).ToList();
    }
}
