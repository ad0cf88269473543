using GitOps.Build.Cluster.Api;
using GitOps.Build.Cluster.Keys;

namespace GitOps.Build.Arguments.Settings;

/// <summary>How the cluster targets reach the cluster.</summary>
public sealed class ClusterSettings
{
    [Argument("kubeconfig", "The kubeconfig.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "KUBECONFIG or ~/.kube/config")]
    public string? Kubeconfig { get; set; }

    [Argument("context", "The kubeconfig context.", Value = "name", DefaultText = "the current one")]
    public string? Context { get; set; }

    [Argument("timeout", "Give up after this long, e.g. 90s, 10m.", Value = "duration")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The options of the cluster operations.</summary>
    public ClusterOptions Options() => new() { KubeconfigPath = Kubeconfig, Context = Context, Timeout = Timeout };
}

/// <summary>Where the Sealed Secrets controller runs.</summary>
public sealed class ControllerSettings
{
    [Argument("controller-namespace", "The Sealed Secrets controller's namespace.", Value = "ns")]
    public string Namespace { get; set; } = "sealed-secrets";

    [Argument("controller-name", "The controller's service name.", Value = "name")]
    public string Name { get; set; } = "sealed-secrets-controller";

    /// <summary>The controller's location; --controller-namespace / --controller-name override the chart's defaults.</summary>
    public ControllerLocation Location() => new ControllerLocation() with { Namespace = Namespace, Service = Name };
}

/// <summary>Bootstrap's own arguments.</summary>
public sealed class BootstrapSettings
{
    [Argument("argocd-version", "The Argo CD version to install.", Value = "version", DefaultText = "the pinned one")]
    public string? ArgoCdVersion { get; set; }

    [Argument("argocd-manifest", "The Argo CD install manifest, a file or an http(s) URL (air-gapped clusters).", Value = "path|url")]
    public string? ArgoCdManifest { get; set; }

    [Argument("restore-key", "Put these sealing keys in place before the controller starts.", Value = "file", Path = ArgumentPath.FromWorkingDirectory)]
    public string? RestoreKey { get; set; }
}

/// <summary>BackupKey's own arguments.</summary>
public sealed class BackupKeySettings
{
    [Argument("output", "Where to write the key backup, outside git (e.g. ../key-backups/keys-2026-11.yaml).", Value = "file", Path = ArgumentPath.FromWorkingDirectory, Required = true)]
    public string Output { get; set; } = "";

    [Argument("force", "Write the backup even inside the repository's work tree where git does not ignore it.")]
    public bool Force { get; set; }
}

/// <summary>RestoreKey's own arguments.</summary>
public sealed class RestoreKeySettings
{
    [Argument("input", "The key backup written by BackupKey.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, Required = true)]
    public string Input { get; set; } = "";

    [Argument("force", "Restore even when the repository's sealed values cannot be collected (skips the decryption proof).")]
    public bool Force { get; set; }
}

/// <summary>FetchCert's own arguments.</summary>
public sealed class FetchCertSettings
{
    [Argument("output", "Where to save the certificate.", Value = "file", Path = ArgumentPath.FromWorkingDirectory, DefaultText = "the repository's sealing certificate")]
    public string? Output { get; set; }
}
