namespace GitOps.Build.Manifests;

/// <summary>
/// Where the pod template sits in each kind of workload the checks and Promote read: the one table of it, so the
/// policy rules and the images Promote moves see the same containers. The policy rules judge the pod-bearing kinds
/// kube-linter reads (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, OpenShift's
/// DeploymentConfig, Job, CronJob: <see cref="TemplatePointer"/>); what an environment runs also counts Argo Rollouts'
/// Rollout (<see cref="RunningTemplatePointer"/>), which PromotionStatus reads and Promote moves.
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

    /// <summary>
    /// Kinds that run pods the policy rules do not judge (kube-linter does not read them by default; docs/checks.md keeps
    /// the rules to its kinds). A Rollout carries its pod template at spec.template like a Deployment; one that names a
    /// Deployment with spec.workloadRef instead has none of its own (the Deployment is read on its own).
    /// </summary>
    private static readonly Dictionary<(string Group, string Kind), string> NotJudged = new()
    {
        [("argoproj.io", "Rollout")] = "/spec/template",
    };

    /// <summary>The JSON pointer of the pod template in an object of a kind the policy rules judge; null for a kind with none.</summary>
    public static string? TemplatePointer(string group, string kind) => Pointers.GetValueOrDefault((group, kind));

    /// <summary>The JSON pointer of the pod template in any kind that runs containers (a Rollout too): what an environment runs.</summary>
    public static string? RunningTemplatePointer(string group, string kind) => TemplatePointer(group, kind) ?? NotJudged.GetValueOrDefault((group, kind));
}
