using System.Text.Json.Nodes;
using GitOps.Build.Findings;

namespace GitOps.Build.Checks.Policy;

/// <summary>
/// Requests and limits (cpu and memory) on every container, liveness and readiness probes on the
/// containers of long-running workloads (init containers and Jobs have no use for probes).
/// </summary>
public static class ContainerRules
{
    private static readonly string[] Resources = ["cpu", "memory"];

    public static void Check(Workload workload, FindingSink sink)
    {
        var target = workload.Target;
        foreach (var container in workload.AllContainers)
        {
            var who = $"{target.Manifest.Kind} {target.Manifest.Name} {container.Describe}";
            var resources = container.Body["resources"] as JsonObject;
            var resourcesPointer = container.Pointer + (resources != null ? "/resources" : "");
            foreach (var (rule, section) in new[] { (Rules.ResourceRequests, "requests"), (Rules.ResourceLimits, "limits") })
            {
                var set = resources?[section] as JsonObject;
                var missing = Resources.Where(r => set?[r] == null).ToList();
                if (missing.Count > 0)
                {
                    sink.Add(rule, target, resourcesPointer + (set != null ? "/" + section : ""),
                        $"{who}: no {string.Join(" or ", missing.Select(m => $"{section}.{m}"))}");
                }
            }
            if (container.IsInit || !workload.IsLongRunning) continue;
            if (container.Body["livenessProbe"] is not JsonObject)
            {
                sink.Add(Rules.LivenessProbe, target, container.Pointer, $"{who}: no livenessProbe");
            }
            if (container.Body["readinessProbe"] is not JsonObject)
            {
                sink.Add(Rules.ReadinessProbe, target, container.Pointer, $"{who}: no readinessProbe");
            }
        }
    }
}
