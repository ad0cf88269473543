namespace GitOps.Build.Cluster.Api;

/// <summary>Names one Kubernetes object in messages: "Deployment argocd/argocd-server".</summary>
public sealed record ObjectRef(string ApiVersion, string Kind, string? Namespace, string Name)
{
    public static ObjectRef Of(Manifests.ManifestObject o) => new(o.ApiVersion, o.Kind, o.Namespace, o.Name);

    public override string ToString() =>
        string.IsNullOrEmpty(Namespace) ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}
