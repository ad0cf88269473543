using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>One source of an Argo CD Application (spec.source or an entry of spec.sources).</summary>
public sealed record ApplicationSource(
    string RepoUrl,
    string? TargetRevision,
    string? Path,
    string? Chart,
    string? Ref,
    JsonObject? Helm,
    JsonObject? Directory,
    string Pointer)
{
    public bool IsHelmRepository => Chart != null;

    /// <summary>spec.source.kustomize: what Argo CD applies with <c>kustomize edit</c> before it builds.</summary>
    public JsonObject? Kustomize { get; init; }

    /// <summary>spec.source.plugin: a config management plugin renders this source.</summary>
    public JsonObject? Plugin { get; init; }
}

/// <summary>spec.syncPolicy as the environment rules read it.</summary>
public sealed record SyncPolicy(bool Automated, bool Prune, bool SelfHeal);

/// <summary>An Argo CD Application as read from the repository, with where it was read.</summary>
public sealed class ArgoApplication(ManifestObject manifest)
{
    public ManifestObject Manifest { get; } = manifest;
    /// <summary>The ApplicationSet that generated this Application (its manifest then lives in that ApplicationSet's file); null for an Application in Git.</summary>
    public ManifestObject? GeneratedBy { get; init; }
    public string Name => Manifest.Name;

    /// <summary>
    /// The Application's identity in the model, unique in it: its name, unless an Application of that
    /// name was followed before it (a second definition, or the same name in another Argo CD
    /// namespace); then <c>name@&lt;its file&gt;</c> (see RepositoryLoader). Unit ids, directory
    /// objects and Diff's Applications are keyed by it, so both definitions are rendered and checked.
    /// </summary>
    public string Key { get; init; } = manifest.Name;
    public string Project => Manifest.Text("/spec/project") ?? "default";
    public string? DestinationNamespace => Manifest.Text("/spec/destination/namespace");

    /// <summary>The namespace Argo CD deploys to: the destination's, else "default" (as the API server defaults it).</summary>
    public string EffectiveNamespace => DestinationNamespace is { Length: > 0 } ns ? ns : "default";
    public string? DestinationServer => Manifest.Text("/spec/destination/server");
    public string? DestinationName => Manifest.Text("/spec/destination/name");

    /// <summary>
    /// Why Argo CD refuses a destination of this server and name, in its words (util/argo,
    /// GetDestinationServer: exactly one of the two is needed), or null when it names one.
    /// </summary>
    public static string? DestinationRefusal(string? server, string? name) =>
        (server is { Length: > 0 }, name is { Length: > 0 }) switch
        {
            (true, true) => "application destination can't have both name and server defined",
            (false, false) => "Destination server missing from app spec",
            _ => null,
        };

    /// <summary>Whether the destination is the cluster Argo CD runs in (the in-cluster server URL, or the name in-cluster).</summary>
    public bool DeploysInCluster => DestinationServer is { Length: > 0 } server
        ? server.TrimEnd('/') == Config.ClusterInfo.InCluster.Server
        : DestinationName == Config.ClusterInfo.InCluster.Name;
    public string? AppLabel => Manifest.Labels.GetValueOrDefault("app.kubernetes.io/name");
    public string? EnvironmentLabel => Manifest.Labels.GetValueOrDefault("environment");

    public IReadOnlyList<ApplicationSource> Sources
    {
        get
        {
            if (Manifest.At("/spec/sources") is JsonArray many)
            {
                return many.Select((s, i) => Source(s as JsonObject, $"/spec/sources/{i}")).ToList();
            }
            return Manifest.At("/spec/source") is JsonObject one ? [Source(one, "/spec/source")] : [];
        }
    }

    public SyncPolicy SyncPolicy
    {
        get
        {
            var automated = Manifest.At("/spec/syncPolicy/automated");
            // Argo CD 3 accepts automated.enabled: false to switch automation off explicitly.
            var on = automated is JsonObject a && !(a["enabled"] is JsonValue e && e.TryGetValue<bool>(out var enabled) && !enabled);
            return new SyncPolicy(
                on,
                on && Flag("/spec/syncPolicy/automated/prune"),
                on && Flag("/spec/syncPolicy/automated/selfHeal"));
        }
    }

    private bool Flag(string pointer) => Manifest.At(pointer) is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static ApplicationSource Source(JsonObject? source, string pointer) => new(
        source?["repoURL"]?.ToString() ?? "",
        source?["targetRevision"]?.ToString(),
        source?["path"]?.ToString(),
        source?["chart"]?.ToString(),
        source?["ref"]?.ToString(),
        source?["helm"] as JsonObject,
        source?["directory"] as JsonObject,
        pointer)
    {
        Kustomize = source?["kustomize"] as JsonObject,
        Plugin = source?["plugin"] as JsonObject,
    };
}
