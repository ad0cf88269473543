using System.Text.Json.Nodes;
using GitOps.Build.Cluster.Api;

namespace GitOps.Build.Cluster.Wait;

/// <summary>Whether a Deployment/StatefulSet is available, and if not a short reason, from its status alone.</summary>
public static class WorkloadReadiness
{
    public static (bool Ready, string Detail) Evaluate(WorkloadKind kind, JsonObject? obj)
    {
        if (obj is null) return (false, "not found yet");
        var desired = JsonNumbers.Long(obj["spec"]?["replicas"]) ?? 1;
        var generation = JsonNumbers.Long(obj["metadata"]?["generation"]) ?? 0;
        var status = obj["status"] as JsonObject;
        var observed = JsonNumbers.Long(status?["observedGeneration"]) ?? 0;
        if (observed < generation) return (false, "rollout not observed by its controller yet");

        long Count(string field) => JsonNumbers.Long(status?[field]) ?? 0;
        if (kind == WorkloadKind.Deployment)
        {
            var available = Count("availableReplicas");
            var updated = Count("updatedReplicas");
            var condition = status?["conditions"]?.AsArray().OfType<JsonObject>()
                .FirstOrDefault(c => c["type"]?.GetValue<string>() == "Available");
            var availableTrue = condition?["status"]?.GetValue<string>() == "True";
            if (availableTrue && available >= desired && updated >= desired) return (true, $"{available}/{desired} available");
            var why = condition?["message"]?.GetValue<string>();
            return (false, $"{available}/{desired} available" + (why is null ? "" : $" ({why})"));
        }

        var ready = Count("readyReplicas");
        var current = status?["currentRevision"]?.GetValue<string>();
        var update = status?["updateRevision"]?.GetValue<string>();
        var rolledOut = current is null || update is null || current == update;
        return ready >= desired && rolledOut
            ? (true, $"{ready}/{desired} ready")
            : (false, $"{ready}/{desired} ready" + (rolledOut ? "" : " (rolling update in progress)"));
    }
}
