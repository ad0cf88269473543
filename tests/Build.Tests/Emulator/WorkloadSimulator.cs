using System.Text.Json.Nodes;

namespace GitOps.Build.Tests.Emulator;

/// <summary>
/// The Deployment/StatefulSet controllers and the kubelet, reduced to what we wait on: pods are created for
/// spec.replicas, become Ready after <see cref="EmulatorTiming.PodReadyDelay"/>, and the owner's status
/// (observedGeneration, ready/available replicas, Available condition) follows. A deleted pod is replaced.
/// </summary>
public sealed class WorkloadSimulator(KubeApiEmulator emulator)
{
    private ObjectStore Store => emulator.Store;

    /// <summary>Called when a pod becomes Ready, before the pod and its owner say so (the "process start").</summary>
    public event Action<JsonObject>? PodStarting;

    internal void OnChanged(WatchEvent e)
    {
        if ((e.Resource.Key == ResourceCatalog.Deployments.Key || e.Resource.Key == ResourceCatalog.StatefulSets.Key) && e.Type != "DELETED")
            Reconcile(e.Resource, Ns(e.Object), Name(e.Object));
        else if (e.Resource.Key == ResourceCatalog.Pods.Key && e.Type == "DELETED" && Owner(e.Object) is { } owner)
            Reconcile(owner.Type, Ns(e.Object), owner.Name);
    }

    private void Reconcile(ResourceType type, string ns, string name)
    {
        var owner = Store.Get(type, ns, name);
        if (owner is null) return;
        var uid = owner["metadata"]!["uid"]!.GetValue<string>();
        var desired = owner["spec"]?["replicas"]?.GetValue<long>() ?? 1;
        var pods = OwnedPods(ns, uid);
        for (var i = pods.Count; i < desired; i++)
        {
            var podName = type.Kind == "StatefulSet" ? $"{name}-{i}" : $"{name}-{Guid.NewGuid().ToString("N")[..5]}";
            var labels = (owner["spec"]?["template"]?["metadata"]?["labels"] ?? owner["spec"]?["selector"]?["matchLabels"])?.DeepClone() ?? new JsonObject();
            Store.Upsert(ResourceCatalog.Pods, ns, podName, _ => new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["labels"] = labels,
                    ["ownerReferences"] = new JsonArray(new JsonObject { ["kind"] = type.Kind, ["name"] = name, ["uid"] = uid }),
                },
                ["status"] = new JsonObject { ["phase"] = "Pending", ["conditions"] = new JsonArray(Condition("Ready", false)) },
            });
            emulator.After(emulator.Timing.PodReadyDelay, () => StartPod(type, ns, name, podName));
        }
        UpdateStatus(type, ns, name);
    }

    private void StartPod(ResourceType type, string ns, string owner, string podName)
    {
        if (Store.Get(ResourceCatalog.Pods, ns, podName) is not { } pod) return;
        PodStarting?.Invoke(pod);
        Store.Update(ResourceCatalog.Pods, ns, podName, p =>
            p["status"] = new JsonObject { ["phase"] = "Running", ["conditions"] = new JsonArray(Condition("Ready", true)) });
        UpdateStatus(type, ns, owner);
    }

    private void UpdateStatus(ResourceType type, string ns, string name)
    {
        Store.Update(type, ns, name, o =>
        {
            var uid = o["metadata"]!["uid"]!.GetValue<string>();
            var desired = o["spec"]?["replicas"]?.GetValue<long>() ?? 1;
            var ready = OwnedPods(ns, uid).Count(IsReady);
            var status = new JsonObject
            {
                ["observedGeneration"] = o["metadata"]?["generation"]?.GetValue<long>() ?? 1,
                ["replicas"] = desired,
                ["readyReplicas"] = ready,
                ["availableReplicas"] = ready,
                ["updatedReplicas"] = desired,
            };
            if (type.Kind == "Deployment")
            {
                var available = ready >= desired;
                status["conditions"] = new JsonArray(new JsonObject
                {
                    ["type"] = "Available",
                    ["status"] = available ? "True" : "False",
                    ["reason"] = available ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
                    ["message"] = available ? "Deployment has minimum availability." : "Deployment does not have minimum availability.",
                });
            }
            o["status"] = status;
        });
    }

    private List<JsonObject> OwnedPods(string ns, string uid) =>
        Store.List(ResourceCatalog.Pods, ns, p => p["metadata"]?["ownerReferences"]?.AsArray().Any(r => r?["uid"]?.GetValue<string>() == uid) == true).ToList();

    private (ResourceType Type, string Name)? Owner(JsonObject pod)
    {
        var r = pod["metadata"]?["ownerReferences"]?.AsArray().FirstOrDefault();
        return r?["kind"]?.GetValue<string>() switch
        {
            "Deployment" => (ResourceCatalog.Deployments, r!["name"]!.GetValue<string>()),
            "StatefulSet" => (ResourceCatalog.StatefulSets, r!["name"]!.GetValue<string>()),
            _ => null,
        };
    }

    internal static bool IsReady(JsonObject pod) =>
        pod["status"]?["conditions"]?.AsArray().Any(c => c?["type"]?.GetValue<string>() == "Ready" && c["status"]?.GetValue<string>() == "True") == true;

    private static JsonObject Condition(string type, bool ok) => new() { ["type"] = type, ["status"] = ok ? "True" : "False" };
    private static string Ns(JsonObject o) => o["metadata"]?["namespace"]?.GetValue<string>() ?? "";
    private static string Name(JsonObject o) => o["metadata"]?["name"]?.GetValue<string>() ?? "";
}
