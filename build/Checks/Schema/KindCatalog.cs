using System.Reflection;
using k8s.Models;

namespace GitOps.Build.Checks.Schema;

/// <summary>
/// The built-in Kubernetes kinds, from the models KubernetesClient generates from the Kubernetes
/// OpenAPI (each carries a KubernetesEntityAttribute with group, version and kind), and which of
/// them are cluster-scoped.
/// </summary>
public static class KindCatalog
{
    // Scanning the model assembly (about 6,000 types) costs a quarter of a second at start-up, so a
    // model is looked up by the generator's naming convention (V1Deployment for apps/v1 Deployment)
    // and confirmed by its attribute; only a kind whose model is named otherwise (e.g. events.k8s.io
    // Event, a name clash) takes the full scan, once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string ApiVersion, string Kind), Type?> Found = new();
    private static readonly Lazy<Dictionary<(string ApiVersion, string Kind), Type>> AllModels = new(() => typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity != null && !x.Entity.Kind.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(x => (ApiVersion(x.Entity!.Group, x.Entity.ApiVersion), x.Entity!.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type));

    private static readonly string[] VersionsToTry = ["v1", "v2", "v1beta1", "v1beta2", "v1beta3", "v2beta1", "v2beta2", "v1alpha1", "v1alpha2", "v1alpha3"];

    /// <summary>The groups the Kubernetes API serves itself ("" is core); a test keeps this equal to the models'.</summary>
    public static readonly IReadOnlySet<string> BuiltInGroups = new HashSet<string>
    {
        "", "admissionregistration.k8s.io", "apidiscovery.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io", "apps", "authentication.k8s.io",
        "authorization.k8s.io", "autoscaling", "batch", "certificates.k8s.io", "coordination.k8s.io", "discovery.k8s.io",
        "events.k8s.io", "flowcontrol.apiserver.k8s.io", "internal.apiserver.k8s.io", "lifecycle.k8s.io", "networking.k8s.io", "node.k8s.io",
        "policy", "rbac.authorization.k8s.io", "resource.k8s.io", "scheduling.k8s.io", "storage.k8s.io", "storagemigration.k8s.io",
    };

    /// <summary>Every (apiVersion, kind) the models cover, by a full scan (slow; for tests and rare lookups).</summary>
    public static IReadOnlyCollection<(string ApiVersion, string Kind)> AllKinds => AllModels.Value.Keys;

    /// <summary>
    /// Built-in cluster-scoped kinds by group. The generated models do not say their scope, so this
    /// is the list from the Kubernetes API reference (kubectl api-resources --namespaced=false).
    /// </summary>
    private static readonly HashSet<(string Group, string Kind)> ClusterScopedKinds =
    [
        ("", "Namespace"), ("", "Node"), ("", "PersistentVolume"), ("", "ComponentStatus"),
        ("rbac.authorization.k8s.io", "ClusterRole"), ("rbac.authorization.k8s.io", "ClusterRoleBinding"),
        ("apiextensions.k8s.io", "CustomResourceDefinition"),
        ("apiregistration.k8s.io", "APIService"),
        ("admissionregistration.k8s.io", "MutatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingWebhookConfiguration"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicy"),
        ("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicy"),
        ("admissionregistration.k8s.io", "MutatingAdmissionPolicyBinding"),
        ("storage.k8s.io", "StorageClass"), ("storage.k8s.io", "CSIDriver"), ("storage.k8s.io", "CSINode"),
        ("storage.k8s.io", "VolumeAttachment"), ("storage.k8s.io", "VolumeAttributesClass"),
        ("scheduling.k8s.io", "PriorityClass"),
        ("node.k8s.io", "RuntimeClass"),
        ("networking.k8s.io", "IngressClass"), ("networking.k8s.io", "IPAddress"), ("networking.k8s.io", "ServiceCIDR"),
        ("certificates.k8s.io", "CertificateSigningRequest"), ("certificates.k8s.io", "ClusterTrustBundle"),
        ("flowcontrol.apiserver.k8s.io", "FlowSchema"), ("flowcontrol.apiserver.k8s.io", "PriorityLevelConfiguration"),
        ("authentication.k8s.io", "TokenReview"), ("authentication.k8s.io", "SelfSubjectReview"),
        ("authorization.k8s.io", "SubjectAccessReview"), ("authorization.k8s.io", "SelfSubjectAccessReview"),
        ("authorization.k8s.io", "SelfSubjectRulesReview"),
        ("resource.k8s.io", "DeviceClass"), ("resource.k8s.io", "ResourceSlice"), ("resource.k8s.io", "DeviceTaintRule"),
        ("storagemigration.k8s.io", "StorageVersionMigration"),
        ("internal.apiserver.k8s.io", "StorageVersion"),
    ];

    public static Type? ModelFor(string apiVersion, string kind) =>
        !IsBuiltInGroup(GroupOf(apiVersion)) ? null : Found.GetOrAdd((apiVersion, kind), key => ByConvention(key.ApiVersion, key.Kind) ?? AllModels.Value.GetValueOrDefault(key));

    /// <summary>True for a group the Kubernetes API serves itself ("" is core).</summary>
    public static bool IsBuiltInGroup(string group) => BuiltInGroups.Contains(group);

    /// <summary>The apiVersions the API serves a built-in kind under, e.g. autoscaling/v1, autoscaling/v2.</summary>
    public static IReadOnlyList<string> ServedVersions(string group, string kind) =>
        VersionsToTry.Select(v => ApiVersion(group, v)).Where(v => ModelFor(v, kind) != null).Order().ToList();

    private static Type? ByConvention(string apiVersion, string kind)
    {
        var version = apiVersion.Contains('/') ? apiVersion[(apiVersion.IndexOf('/') + 1)..] : apiVersion;
        if (version.Length == 0) return null;
        var type = typeof(V1Pod).Assembly.GetType($"k8s.Models.{char.ToUpperInvariant(version[0])}{version[1..]}{kind}");
        var entity = type?.GetCustomAttribute<KubernetesEntityAttribute>();
        return entity != null && entity.Kind == kind && ApiVersion(entity.Group, entity.ApiVersion) == apiVersion ? type : null;
    }

    public static bool IsBuiltInClusterScoped(string group, string kind) => ClusterScopedKinds.Contains((group, kind));

    public static string GroupOf(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private static string ApiVersion(string group, string version) => string.IsNullOrEmpty(group) ? version : $"{group}/{version}";
}
