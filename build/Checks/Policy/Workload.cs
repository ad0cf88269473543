using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks.Policy;

/// <summary>One container of a pod template, with its JSON pointer inside the workload.</summary>
public sealed record WorkloadContainer(JsonObject Body, string Pointer, bool IsInit)
{
    public string Name => Body["name"]?.ToString() ?? "(unnamed)";
    public string Describe => IsInit ? $"init container {Name}" : $"container {Name}";
}

/// <summary>
/// The pod template of a workload and what the policy rules read from it. Every kind that carries
/// a pod spec is one, as for kube-linter ("DeploymentLike"): Pod, Deployment, StatefulSet,
/// DaemonSet, ReplicaSet, ReplicationController, Job, CronJob and OpenShift's DeploymentConfig.
/// A helm test hook is none: Argo CD never syncs it (a hook with no Argo CD equivalent).
/// </summary>
public sealed class Workload
{
    private Workload(CheckedObject target, string templatePointer, JsonObject podSpec)
    {
        Target = target;
        TemplatePointer = templatePointer;
        PodSpec = podSpec;
    }

    public CheckedObject Target { get; }
    public string TemplatePointer { get; }
    public string PodSpecPointer => TemplatePointer + "/spec";
    public JsonObject PodSpec { get; }

    /// <summary>Kinds with spec.replicas run several identical pods; anti-affinity and PDBs are about them.</summary>
    public bool IsReplicated => Target.Manifest.Kind is "Deployment" or "StatefulSet" or "ReplicaSet" or "ReplicationController" or "DeploymentConfig";

    /// <summary>
    /// Jobs, CronJobs and a bare Pod that is not restarted (restartPolicy Never or OnFailure) run to
    /// completion: probes do not apply to them.
    /// </summary>
    public bool IsLongRunning => Target.Manifest.Kind switch
    {
        "Job" or "CronJob" => false,
        "Pod" => PodSpec["restartPolicy"]?.ToString() is null or "Always",
        _ => true,
    };

    public int? Replicas => Target.Manifest.At("/spec/replicas") is JsonValue v && v.TryGetValue<long>(out var n) ? (int)n : null;

    /// <summary>The autoscaler of the same Application that scales this workload, if any.</summary>
    public Autoscaler? AutoscalerIn(IReadOnlyList<CheckedObject> unitObjects) =>
        unitObjects.Where(Autoscaler.Is).Select(o => new Autoscaler(o)).FirstOrDefault(h => h.Scales(Target));

    /// <summary>How few pods it can run: its autoscaler's (<see cref="AutoscalerIn"/>) minReplicas, else spec.replicas (the API's default is 1).</summary>
    public long FewestReplicas(Autoscaler? hpa) => hpa?.MinReplicas ?? Replicas ?? 1;

    public IReadOnlyDictionary<string, string> PodLabels =>
        Target.Manifest.At(TemplatePointer + "/metadata/labels") is JsonObject labels
            ? labels.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString() ?? "")
            : new Dictionary<string, string>();

    public IEnumerable<WorkloadContainer> Containers => List("containers", false);
    public IEnumerable<WorkloadContainer> InitContainers => List("initContainers", true);
    public IEnumerable<WorkloadContainer> AllContainers => InitContainers.Concat(Containers);

    public static Workload? From(CheckedObject target)
    {
        if (Manifests.PodTemplates.TemplatePointer(target.Manifest.Group, target.Manifest.Kind) is not { } pointer || IsHelmTest(target)) return null;
        return target.Manifest.At(pointer + "/spec") is JsonObject podSpec ? new Workload(target, pointer, podSpec) : null;
    }

    /// <summary>
    /// Whether a podAntiAffinity term (required, or preferred) keeps this workload's own pods on
    /// different nodes, as kube-linter's no-anti-affinity judges it: topologyKey
    /// kubernetes.io/hostname, a labelSelector that matches the pod labels, and the pod's namespace
    /// among the term's namespaces when it lists any. A term that misses one of them spreads nothing.
    /// </summary>
    public bool SpreadsOverNodes
    {
        get
        {
            var anti = PodSpec["affinity"]?["podAntiAffinity"] as JsonObject;
            var required = (anti?["requiredDuringSchedulingIgnoredDuringExecution"] as JsonArray ?? []).OfType<JsonObject>();
            var preferred = (anti?["preferredDuringSchedulingIgnoredDuringExecution"] as JsonArray ?? [])
                .Select(p => p?["podAffinityTerm"]).OfType<JsonObject>();
            var labels = PodLabels;
            var ns = Target.EffectiveNamespace(clusterScoped: false);
            return required.Concat(preferred).Any(term =>
                term["topologyKey"]?.ToString() == "kubernetes.io/hostname" &&
                term["labelSelector"] is JsonObject selector && LabelSelector.Matches(selector, labels.GetValueOrDefault) &&
                (term["namespaces"] is not JsonArray { Count: > 0 } names || names.Any(n => n?.ToString() == ns)));
        }
    }

    /// <summary>
    /// helm.sh/hook: test (or test-success, test-failure): run by `helm test` only. Argo CD maps helm
    /// hooks to its own and has none for tests, so it does not deploy them.
    /// </summary>
    private static bool IsHelmTest(CheckedObject target) =>
        target.Manifest.At("/metadata/annotations/helm.sh~1hook") is JsonValue hook &&
        hook.ToString().Split(',').Any(h => h.Trim() is "test" or "test-success" or "test-failure");

    private IEnumerable<WorkloadContainer> List(string field, bool init) =>
        PodSpec[field] is JsonArray list
            ? list.Select((c, i) => (c, i)).Where(x => x.c is JsonObject)
                .Select(x => new WorkloadContainer((JsonObject)x.c!, $"{PodSpecPointer}/{field}/{x.i}", init))
            : [];
}
