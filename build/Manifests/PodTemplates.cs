namespace GitOps.Build.Manifests;

/// <summary>
/// Where the pod template sits in each kind of workload the checks and Promote read (Deployment,
/// StatefulSet, DaemonSet, ReplicaSet, Job, CronJob): the one table of it, so the policy rules and
/// the images Promote moves see the same containers.
/// </summary>
public static class PodTemplates
{
    private static readonly Dictionary<(string Group, string Kind), string> Pointers = new()
    {
        [("apps", "Deployment")] = "/spec/template",
        [("apps", "StatefulSet")] = "/spec/template",
        [("apps", "DaemonSet")] = "/spec/template",
        [("apps", "ReplicaSet")] = "/spec/template",
        [("batch", "Job")] = "/spec/template",
        [("batch", "CronJob")] = "/spec/jobTemplate/spec/template",
    };

    /// <summary>The JSON pointer of the pod template in an object of this group and kind; null for a kind with none.</summary>
    public static string? TemplatePointer(string group, string kind) => Pointers.GetValueOrDefault((group, kind));
}
