using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks.Policy;

/// <summary>
/// Rules an environment's policy asks for: with immutableTags (prod), images pinned to an immutable
/// tag or a digest (<see cref="ImageTags"/>, the rule Promote applies too); where anti-affinity is
/// required (by default where tags are immutable), pods of a workload that runs several spread over
/// nodes; with require.replicas, at least that many pods.
/// </summary>
public static class EnvironmentWorkloadRules
{
    /// <param name="hpa">The autoscaler that scales the workload (<see cref="Workload.AutoscalerIn"/>), if any.</param>
    public static void Check(Workload workload, Autoscaler? hpa, FindingSink sink)
    {
        var target = workload.Target;
        if (target.Environment is not { } policy) return;
        var environment = policy.Name;
        var fewest = workload.FewestReplicas(hpa);
        if (policy.MinReplicas is { } required && workload.IsReplicated && fewest < required)
        {
            sink.Add(Rules.Replicas, hpa?.Target ?? target, hpa != null ? "/spec/minReplicas" : "/spec/replicas",
                $"{target.Manifest.Kind} {target.Manifest.Name} runs {fewest} replica{(fewest == 1 ? "" : "s")}" +
                $"{(hpa != null ? $" (HorizontalPodAutoscaler {hpa.Target.Manifest.Name} minReplicas)" : "")} in {environment}, which requires at least {required}");
        }
        if (policy.ChecksAntiAffinity && workload.IsReplicated && fewest > 1 && !workload.SpreadsOverNodes)
        {
            var stated = workload.PodSpec["affinity"]?["podAntiAffinity"] is JsonObject { Count: > 0 };
            sink.Add(Rules.AntiAffinity, target, workload.PodSpecPointer + (stated ? "/affinity/podAntiAffinity" : ""),
                $"{target.Manifest.Kind} {target.Manifest.Name} runs {fewest} replicas in {environment} with " +
                (stated ? "no podAntiAffinity term that keeps its own pods apart (topologyKey kubernetes.io/hostname, a labelSelector matching its pods, its namespace)" : "no podAntiAffinity") +
                ": one node failure can take every replica" + policy.InferredNote);
        }
        if (!target.InImmutableEnvironment) return;
        foreach (var container in workload.AllContainers)
        {
            var image = container.Body["image"]?.ToString() ?? "";
            var reference = ImageReference.Parse(image);
            if (!ImageTags.IsImmutable(reference))
            {
                sink.Add(Rules.MutableImageTag, target, container.Pointer + "/image",
                    $"{target.Manifest.Kind} {target.Manifest.Name} {container.Describe}: image \"{image}\" uses {ImageTags.Describe(reference)}" +
                    $" in {environment}, whose tags must be immutable{policy.InferredNote}");
            }
        }
    }
}
