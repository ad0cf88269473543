using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Wait;

public enum WorkloadKind { Deployment, StatefulSet }

/// <summary>A Deployment or StatefulSet to wait for.</summary>
public sealed record WorkloadRef(WorkloadKind Kind, string Namespace, string Name)
{
    public string Path => $"/apis/apps/v1/namespaces/{Uri.EscapeDataString(Namespace)}/{(Kind == WorkloadKind.Deployment ? "deployments" : "statefulsets")}/{Uri.EscapeDataString(Name)}";
    public ObjectRef Ref => new("apps/v1", Kind.ToString(), Namespace, Name);
    public override string ToString() => Ref.ToString();
}
