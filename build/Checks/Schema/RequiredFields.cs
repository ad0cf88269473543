using k8s.Models;

namespace GitOps.Build.Checks.Schema;

/// <summary>
/// Required fields of the built-in kinds. The generated models mark required integers and booleans
/// as non-nullable (e.g. ServicePort.port, HPA maxReplicas), which the walker reads by reflection;
/// required strings, lists and objects are not marked, so the ones a chart is likely to miss are
/// listed here from the Kubernetes API reference.
/// </summary>
internal static class RequiredFields
{
    private static readonly Dictionary<Type, string[]> Listed = new()
    {
        [typeof(V1Container)] = ["name", "image"],
        [typeof(V1EphemeralContainer)] = ["name"],
        [typeof(V1PodSpec)] = ["containers"],
        [typeof(V1PodTemplateSpec)] = [],
        [typeof(V1DeploymentSpec)] = ["selector", "template"],
        [typeof(V1StatefulSetSpec)] = ["selector", "template"],
        [typeof(V1DaemonSetSpec)] = ["selector", "template"],
        [typeof(V1ReplicaSetSpec)] = ["selector"],
        [typeof(V1JobSpec)] = ["template"],
        [typeof(V1CronJobSpec)] = ["schedule", "jobTemplate"],
        [typeof(V1EnvVar)] = ["name"],
        [typeof(V1Volume)] = ["name"],
        [typeof(V1VolumeMount)] = ["name", "mountPath"],
        [typeof(V1KeyToPath)] = ["key", "path"],
        [typeof(V1ConfigMapKeySelector)] = ["key"],
        [typeof(V1SecretKeySelector)] = ["key"],
        [typeof(V1ObjectFieldSelector)] = ["fieldPath"],
        [typeof(V1ResourceFieldSelector)] = ["resource"],
        [typeof(V1HTTPGetAction)] = ["port"],
        [typeof(V1TCPSocketAction)] = ["port"],
        [typeof(V1LabelSelectorRequirement)] = ["key", "operator"],
        [typeof(V1NodeSelectorRequirement)] = ["key", "operator"],
        [typeof(V1PodAffinityTerm)] = ["topologyKey"],
        [typeof(V1WeightedPodAffinityTerm)] = ["podAffinityTerm"],
        [typeof(V1TopologySpreadConstraint)] = ["topologyKey", "whenUnsatisfiable"],
        [typeof(V2HorizontalPodAutoscalerSpec)] = ["scaleTargetRef"],
        [typeof(V1HorizontalPodAutoscalerSpec)] = ["scaleTargetRef"],
        [typeof(V2CrossVersionObjectReference)] = ["kind", "name"],
        [typeof(V1CrossVersionObjectReference)] = ["kind", "name"],
        [typeof(V2MetricSpec)] = ["type"],
        [typeof(V2ResourceMetricSource)] = ["name", "target"],
        [typeof(V2MetricTarget)] = ["type"],
        [typeof(V1HTTPIngressPath)] = ["pathType", "backend"],
        [typeof(V1HTTPIngressRuleValue)] = ["paths"],
        [typeof(V1IngressServiceBackend)] = ["name"],
        [typeof(V1PolicyRule)] = ["verbs"],
        [typeof(V1RoleRef)] = ["apiGroup", "kind", "name"],
        [typeof(Rbacv1Subject)] = ["kind", "name"],
        [typeof(V1ClusterRoleBinding)] = ["roleRef"],
        [typeof(V1RoleBinding)] = ["roleRef"],
        [typeof(V1CustomResourceDefinitionSpec)] = ["group", "names", "scope", "versions"],
        [typeof(V1CustomResourceDefinitionNames)] = ["kind", "plural"],
        [typeof(V1CustomResourceDefinitionVersion)] = ["name"],
    };

    public static IReadOnlyList<string> For(Type model) => Listed.GetValueOrDefault(model) ?? [];
}
