using GitOps.Build.Cluster.Apply;
using GitOps.Build.Cluster.Keys;
using GitOps.Build.Cluster.Wait;

namespace GitOps.Build.Cluster.Operations;

/// <summary>Inputs of Bootstrap: which Argo CD to install, which repository files to apply, optional key restore.</summary>
public sealed record BootstrapOptions
{
    public string ArgoNamespace { get; init; } = "argocd";
    /// <summary>--argocd-version; null = <see cref="ManifestSource.DefaultArgoCdVersion"/>.</summary>
    public string? ArgoCdVersion { get; init; }
    /// <summary>--argocd-manifest: a path or URL used instead of the pinned release URL.</summary>
    public string? ArgoCdManifest { get; init; }
    /// <summary>AppProject files (gitops/argocd/projects/*.yaml), applied before the root app.</summary>
    public required IReadOnlyList<string> ProjectFiles { get; init; }
    /// <summary>The root app (gitops/argocd/bootstrap/root-app.yaml).</summary>
    public required string RootAppFile { get; init; }
    /// <summary>--restore-key: a BackupKey file put in place before the Sealed Secrets controller first starts.</summary>
    public string? RestoreKeyFile { get; init; }
    public ControllerLocation Controller { get; init; } = new();

    /// <summary>The Argo CD components Bootstrap waits for before applying anything of ours.</summary>
    public IReadOnlyList<WorkloadRef> ArgoWorkloads => [
        new(WorkloadKind.Deployment, ArgoNamespace, "argocd-server"),
        new(WorkloadKind.Deployment, ArgoNamespace, "argocd-repo-server"),
        new(WorkloadKind.StatefulSet, ArgoNamespace, "argocd-application-controller"),
    ];
}

/// <summary>What Bootstrap did: per-object apply outcomes and the Applications' final state.</summary>
public sealed record BootstrapResult(IReadOnlyList<ApplyResult> Applied, ApplicationsOutcome Applications)
{
    public int Created => Applied.Count(a => a.Outcome == ApplyOutcome.Created);
    public int Configured => Applied.Count(a => a.Outcome == ApplyOutcome.Configured);
    public int Unchanged => Applied.Count(a => a.Outcome == ApplyOutcome.Unchanged);
    public bool NothingChanged => Created + Configured == 0;
}
