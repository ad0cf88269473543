using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;
using GitOps.Build.Manifests;

namespace GitOps.Build.Cluster.Apply;

/// <summary>
/// A manifest object checked for what server-side apply needs (apiVersion, kind, metadata.name): the
/// view of a <see cref="ManifestObject"/> the cluster targets apply. It adds the check and the object's
/// reference in API terms, nothing else: the object is <see cref="Manifest"/>.
/// </summary>
public sealed class ApplicableManifest
{
    private ApplicableManifest(ManifestObject manifest)
    {
        Manifest = manifest;
        Ref = ObjectRef.Of(manifest);
    }

    public ManifestObject Manifest { get; }

    public ObjectRef Ref { get; }

    public JsonObject Body => Manifest.Body;

    public string Location => Manifest.Location;

    /// <exception cref="ClusterException">apiVersion, kind or metadata.name is missing; the message names the file and line.</exception>
    public static ApplicableManifest Of(ManifestObject manifest) =>
        manifest.ApiVersion.Length == 0 || manifest.Kind.Length == 0 || manifest.Name.Length == 0
            ? throw new ClusterException($"{manifest.Location}: a manifest object needs apiVersion, kind and metadata.name. Fix: add the missing field.")
            : new ApplicableManifest(manifest);

    /// <summary>An object built in code (a key Secret, a Namespace), checked the same way.</summary>
    public static ApplicableManifest Of(JsonObject body, string source, int line = 0) => Of(ManifestObject.FromJson(body, source, line));
}
