namespace GitOps.Build.Checks.Schema;

/// <summary>
/// A namespaced object that names another namespace than its Application's destination: Argo CD
/// would deploy it there, outside what the Application (and its project review) is about.
/// </summary>
public static class NamespaceCheck
{
    public static void Check(CheckedObject target, bool clusterScoped, FindingSink sink)
    {
        if (clusterScoped || target.DestinationNamespace is not { Length: > 0 } destination) return;
        if (target.Manifest.Namespace is { Length: > 0 } ns && ns != destination)
        {
            sink.Add(Rules.NamespaceMismatch, target, "/metadata/namespace",
                $"{target.Kind} {target.Manifest.Name} sets namespace {ns}, but Application {target.Application?.Name} deploys to {destination}");
        }
    }
}
