using System.Text.Json.Nodes;
using GitOps.Build.Findings;

namespace GitOps.Build.Checks.Policy;

/// <summary>A HorizontalPodAutoscaler as the rules read it (autoscaling/v1 and v2).</summary>
public sealed record Autoscaler(CheckedObject Target)
{
    public static bool Is(CheckedObject o) => o.Manifest.Group == "autoscaling" && o.Manifest.Kind == "HorizontalPodAutoscaler";

    /// <summary>minReplicas defaults to 1 in the API.</summary>
    public long MinReplicas => Number("/spec/minReplicas") ?? 1;
    public long? MaxReplicas => Number("/spec/maxReplicas");
    public string? TargetKind => Target.Manifest.Text("/spec/scaleTargetRef/kind");
    public string? TargetName => Target.Manifest.Text("/spec/scaleTargetRef/name");

    public bool HasTargets =>
        Target.Manifest.At("/spec/metrics") is JsonArray { Count: > 0 } ||
        Target.Manifest.At("/spec/targetCPUUtilizationPercentage") is JsonValue;

    public bool Scales(CheckedObject workload) => TargetKind == workload.Manifest.Kind && TargetName == workload.Manifest.Name;

    private long? Number(string pointer) => Target.Manifest.At(pointer) is JsonValue v && v.TryGetValue<long>(out var n) ? n : null;
}

/// <summary>HPA ranges (1 &lt;= min &lt;= max) and targets (metrics set, scaleTargetRef rendered by the same Application).</summary>
public static class AutoscalerRules
{
    public static void Check(Autoscaler hpa, IReadOnlyList<CheckedObject> unitObjects, FindingSink sink)
    {
        var target = hpa.Target;
        var name = $"HorizontalPodAutoscaler {target.Manifest.Name}";
        if (hpa.MinReplicas < 1)
        {
            sink.Add(Rules.HpaRange, target, "/spec/minReplicas", $"{name}: minReplicas is {hpa.MinReplicas}, must be at least 1");
        }
        if (hpa.MaxReplicas is { } max && max < hpa.MinReplicas)
        {
            sink.Add(Rules.HpaRange, target, "/spec/maxReplicas", $"{name}: maxReplicas {max} is below minReplicas {hpa.MinReplicas}");
        }
        if (!hpa.HasTargets)
        {
            sink.Add(Rules.HpaTarget, target, "/spec", $"{name}: no metrics (scaling targets) set");
        }
        if (hpa.TargetName != null && !unitObjects.Any(hpa.Scales))
        {
            sink.Add(Rules.HpaTarget, target, "/spec/scaleTargetRef",
                $"{name}: scaleTargetRef {hpa.TargetKind}/{hpa.TargetName} is not rendered by Application {target.Application?.Name}");
        }
    }
}
