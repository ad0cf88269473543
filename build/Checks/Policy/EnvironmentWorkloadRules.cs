using System.Text.Json.Nodes;

namespace GitOps.Build.Checks.Policy;

/// <summary>
/// Rules for environments with immutableTags (prod): images pinned to an immutable tag or a digest
/// (<see cref="ImageTags"/>, the rule Promote applies too),
/// replicated pods spread over nodes with pod anti-affinity.
/// </summary>
public static class EnvironmentWorkloadRules
{
    public static void Check(Workload workload, CheckOptions options, FindingSink sink)
    {
        var target = workload.Target;
        if (!target.InImmutableEnvironment) return;
        var environment = target.Environment!.Name;
        foreach (var container in workload.AllContainers)
        {
            var image = container.Body["image"]?.ToString() ?? "";
            var reference = ImageReference.Parse(image);
            if (!ImageTags.IsImmutable(reference))
            {
                sink.Add(Rules.MutableImageTag, target, container.Pointer + "/image",
                    $"{target.Kind} {target.Manifest.Name} {container.Describe}: image \"{image}\" uses {ImageTags.Describe(reference)}" +
                    $" in {environment}, whose tags must be immutable");
            }
        }
        if (workload.IsReplicated && workload.PodSpec["affinity"]?["podAntiAffinity"] is not JsonObject { Count: > 0 })
        {
            sink.Add(Rules.AntiAffinity, target, workload.PodSpecPointer,
                $"{target.Kind} {target.Manifest.Name} has no podAntiAffinity in {environment}: one node failure can take every replica");
        }
    }
}
