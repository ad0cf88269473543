using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.Promotion;

/// <summary>One container (or init container) of a rendered workload and the image it runs.</summary>
/// <param name="Object">Kind/namespace/name of the workload.</param>
/// <param name="Pointer">JSON pointer of the container's <c>image</c> field inside the object.</param>
public sealed record RenderedContainer(string Object, string Container, bool IsInit, string Pointer, ImageReference Image)
{
    public string Describe => $"{Object} {(IsInit ? "init container" : "container")} {Container}";
}

/// <summary>
/// The images what an environment renders actually runs: every container and init container of its Pods and of
/// the workloads the checks read (<see cref="PodTemplates"/>: Deployments, StatefulSets, DaemonSets, ReplicaSets,
/// ReplicationControllers, DeploymentConfigs, Jobs, hook Jobs included, and CronJobs) and of Argo Rollouts' Rollouts. What
/// PromotionStatus shows and what Promote proves its edits by.
/// </summary>
public static class RenderedImages
{
    public static IReadOnlyList<RenderedContainer> Of(IEnumerable<ManifestObject> objects)
    {
        var containers = new List<RenderedContainer>();
        foreach (var o in objects)
        {
            // A workload's pod spec is in its pod template (the checks' table, Rollouts too; a bare Pod's is its own spec). A Rollout
            // with spec.workloadRef has no template: the Deployment it names is one of the objects and is read on its own.
            var pointer = PodTemplates.RunningTemplatePointer(o.Group, o.Kind) is { } template ? template + "/spec" : null;
            if (pointer is null || o.At(pointer) is not JsonObject spec) continue;
            foreach (var (field, init) in new[] { ("initContainers", true), ("containers", false) })
            {
                if (spec[field] is not JsonArray list) continue;
                for (var i = 0; i < list.Count; i++)
                {
                    if (list[i] is not JsonObject c || c["image"] is not JsonValue image || !image.TryGetValue<string>(out var text)) continue;
                    containers.Add(new RenderedContainer(o.Reference, c["name"]?.ToString() ?? $"#{i}", init, $"{pointer}/{field}/{i}/image",
                        ImageReference.Parse(text)));
                }
            }
        }
        return containers;
    }
}
