using System.Text.Json.Nodes;

namespace GitOps.Build.Checks.Policy;

/// <summary>One container of a pod template, with its JSON pointer inside the workload.</summary>
public sealed record WorkloadContainer(JsonObject Body, string Pointer, bool IsInit)
{
    public string Name => Body["name"]?.ToString() ?? "(unnamed)";
    public string Describe => IsInit ? $"init container {Name}" : $"container {Name}";
}

/// <summary>
/// The pod template of a workload (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob)
/// and what the policy rules read from it.
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

    /// <summary>Deployments and StatefulSets run several identical pods; anti-affinity and PDBs are about them.</summary>
    public bool IsReplicated => Target.Manifest.Kind is "Deployment" or "StatefulSet" or "ReplicaSet";

    /// <summary>Jobs run to completion: probes do not apply to them.</summary>
    public bool IsLongRunning => Target.Manifest.Group == "apps";

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
        if (Manifests.PodTemplates.TemplatePointer(target.Manifest.Group, target.Manifest.Kind) is not { } pointer) return null;
        return target.Manifest.At(pointer + "/spec") is JsonObject podSpec ? new Workload(target, pointer, podSpec) : null;
    }

    private IEnumerable<WorkloadContainer> List(string field, bool init) =>
        PodSpec[field] is JsonArray list
            ? list.Select((c, i) => (c, i)).Where(x => x.c is JsonObject)
                .Select(x => new WorkloadContainer((JsonObject)x.c!, $"{PodSpecPointer}/{field}/{x.i}", init))
            : [];
}
