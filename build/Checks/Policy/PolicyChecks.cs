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
                EnvironmentWorkloadRules.Check(workload, unitObjects, sink);
                DisruptionBudgetRule.Check(workload, unitObjects, sink);
            }
            else if (Autoscaler.Is(target))
            {
                AutoscalerRules.Check(new Autoscaler(target), unitObjects, sink);
            }
        }
    }
}
