namespace GitOps.Build.Tests.Emulator;

/// <summary>A kind the emulator serves: where it lives in the API and whether it is namespaced.</summary>
public sealed record ResourceType(string Group, string Version, string Kind, string Plural, bool Namespaced)
{
    public string GroupVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";
    public string Key => $"{GroupVersion}/{Plural}";
}

/// <summary>
/// The built-in kinds we use, plus kinds registered by applied CRDs. A kind whose CRD was never applied
/// is unknown, so its discovery and paths answer 404 like a real API server.
/// </summary>
public sealed class ResourceCatalog
{
    private readonly List<ResourceType> _types =
    [
        new("", "v1", "Namespace", "namespaces", false),
        new("", "v1", "Secret", "secrets", true),
        new("", "v1", "Pod", "pods", true),
        new("", "v1", "Service", "services", true),
        new("", "v1", "ConfigMap", "configmaps", true),
        new("", "v1", "ServiceAccount", "serviceaccounts", true),
        new("apps", "v1", "Deployment", "deployments", true),
        new("apps", "v1", "StatefulSet", "statefulsets", true),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false),
        new("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false),
        new("rbac.authorization.k8s.io", "v1", "Role", "roles", true),
        new("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true),
        new("networking.k8s.io", "v1", "NetworkPolicy", "networkpolicies", true),
    ];

    public static readonly ResourceType Namespaces = new("", "v1", "Namespace", "namespaces", false);
    public static readonly ResourceType Secrets = new("", "v1", "Secret", "secrets", true);
    public static readonly ResourceType Pods = new("", "v1", "Pod", "pods", true);
    public static readonly ResourceType Services = new("", "v1", "Service", "services", true);
    public static readonly ResourceType Deployments = new("apps", "v1", "Deployment", "deployments", true);
    public static readonly ResourceType StatefulSets = new("apps", "v1", "StatefulSet", "statefulsets", true);
    public static readonly ResourceType Crds = new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false);
    public static readonly ResourceType Applications = new("argoproj.io", "v1alpha1", "Application", "applications", true);
    public static readonly ResourceType AppProjects = new("argoproj.io", "v1alpha1", "AppProject", "appprojects", true);

    public IReadOnlyList<ResourceType> All { get { lock (_types) return _types.ToList(); } }

    public ResourceType? Find(string groupVersion, string plural)
    {
        lock (_types) return _types.FirstOrDefault(t => t.GroupVersion == groupVersion && t.Plural == plural);
    }

    public IReadOnlyList<ResourceType> InGroupVersion(string groupVersion)
    {
        lock (_types) return _types.Where(t => t.GroupVersion == groupVersion).ToList();
    }

    public void Register(ResourceType type)
    {
        lock (_types)
        {
            if (!_types.Any(t => t.Key == type.Key)) _types.Add(type);
        }
    }
}
