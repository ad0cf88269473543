namespace GitOps.Build.Manifests;

/// <summary>
/// Where the pod template sits in each kind of workload the checks and Promote read (every pod-bearing
/// kind, as kube-linter reads them: Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet,
/// ReplicationController, OpenShift's DeploymentConfig, Job, CronJob): the one table of it, so the
/// policy rules and the images Promote moves see the same containers.
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
        [("", "ReplicationController")] = "/spec/template",
        [("apps.openshift.io", "DeploymentConfig")] = "/spec/template",
        // A bare Pod is its own template: the pod spec is at /spec, its labels at /metadata/labels.
        [("", "Pod")] = "",
    };

    /// <summary>The JSON pointer of the pod template in an object of this group and kind; null for a kind with none.</summary>
    public static string? TemplatePointer(string group, string kind) => Pointers.GetValueOrDefault((group, kind));
}
