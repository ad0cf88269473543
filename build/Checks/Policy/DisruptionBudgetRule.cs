using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.Checks.Policy;

/// <summary>
/// A workload that runs more than one replica (spec.replicas, or the minReplicas of the HPA that
/// scales it) must be selected by a PodDisruptionBudget of the same Application, so node drains
/// never take all of it at once.
/// </summary>
public static class DisruptionBudgetRule
{
    /// <param name="hpa">The autoscaler that scales the workload (<see cref="Workload.AutoscalerIn"/>), if any.</param>
    public static void Check(Workload workload, Autoscaler? hpa, IReadOnlyList<CheckedObject> unitObjects, FindingSink sink)
    {
        if (!workload.IsReplicated) return;
        var target = workload.Target;
        var replicas = workload.FewestReplicas(hpa);
        if (replicas <= 1) return;
        var labels = workload.PodLabels;
        var covered = unitObjects.Any(o => o.Manifest.Group == "policy" && o.Manifest.Kind == "PodDisruptionBudget" &&
                                           o.Manifest.At("/spec/selector") is JsonObject selector &&
                                           // An empty selector selects nothing here: a budget must name the pods it covers.
                                           !LabelSelector.IsEmpty(selector) && LabelSelector.Matches(selector, labels.GetValueOrDefault));
        if (!covered)
        {
            var source = hpa != null ? $"HorizontalPodAutoscaler {hpa.Target.Manifest.Name} minReplicas" : "spec.replicas";
            sink.Add(Rules.DisruptionBudget, target, hpa != null ? "/spec" : "/spec/replicas",
                $"{target.Manifest.Kind} {target.Manifest.Name} runs {replicas} replicas ({source}) but no PodDisruptionBudget selects its pods");
        }
    }
}
