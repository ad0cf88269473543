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
    private static readonly Dictionary<(string ApiVersion, string Kind), Type> Models = typeof(V1Pod).Assembly.GetTypes()
        .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
        .Where(x => x.Entity != null && !x.Entity.Kind.EndsWith("List", StringComparison.Ordinal))
        .GroupBy(x => (ApiVersion(x.Entity!.Group, x.Entity.ApiVersion), x.Entity!.Kind))
        .ToDictionary(g => g.Key, g => g.First().Type);

    private static readonly HashSet<string> BuiltInGroups = Models.Keys.Select(k => GroupOf(k.ApiVersion)).ToHashSet();

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
        ("resource.k8s.io", "DeviceClass"), ("resource.k8s.io", "ResourceSlice"),
        ("internal.apiserver.k8s.io", "StorageVersion"),
    ];

    public static Type? ModelFor(string apiVersion, string kind) => Models.GetValueOrDefault((apiVersion, kind));

    /// <summary>True for a group the Kubernetes API serves itself ("" is core).</summary>
    public static bool IsBuiltInGroup(string group) => BuiltInGroups.Contains(group);

    /// <summary>The apiVersions the API serves a built-in kind under, e.g. autoscaling/v1, autoscaling/v2.</summary>
    public static IReadOnlyList<string> ServedVersions(string group, string kind) =>
        Models.Keys.Where(k => k.Kind == kind && GroupOf(k.ApiVersion) == group).Select(k => k.ApiVersion).Order().ToList();

    public static bool IsBuiltInClusterScoped(string group, string kind) => ClusterScopedKinds.Contains((group, kind));

    public static string GroupOf(string apiVersion) => apiVersion.Contains('/') ? apiVersion[..apiVersion.IndexOf('/')] : "";

    private static string ApiVersion(string group, string version) => string.IsNullOrEmpty(group) ? version : $"{group}/{version}";
}
