namespace GitOps.Build.Checks.Policy;

/// <summary>All policy rules over the objects one Application deploys.</summary>
public static class PolicyChecks
{
    public static void Check(IReadOnlyList<CheckedObject> unitObjects, CheckOptions options, FindingSink sink)
    {
        foreach (var target in unitObjects)
        {
            if (Workload.From(target) is { } workload)
            {
                SecurityContextRules.Check(workload, options, sink);
                ContainerRules.Check(workload, sink);
                var hpa = workload.AutoscalerIn(unitObjects);
                EnvironmentWorkloadRules.Check(workload, hpa, sink);
                DisruptionBudgetRule.Check(workload, hpa, unitObjects, sink);
            }
            else if (Autoscaler.Is(target))
            {
                AutoscalerRules.Check(new Autoscaler(target), unitObjects, sink);
            }
        }
    }
}
