using Cake.Core.Tooling;

namespace GitOps.Build.Kubectl;

/// <summary>What every kubectl command the build runs takes (the tool path, its environment).</summary>
public abstract class KubectlSettings : ToolSettings;

/// <summary><c>kubectl kustomize</c>: an overlay built as Argo CD's repo-server runs kustomize build.</summary>
public sealed class KubectlKustomizeSettings : KubectlSettings
{
    /// <summary>The folder holding the kustomization to build.</summary>
    public string Directory { get; set; } = "";

    /// <summary>--enable-helm: the tree inflates Helm charts (helmCharts).</summary>
    public bool EnableHelm { get; set; }

    /// <summary>--helm-command: the helm kustomize runs for helmCharts.</summary>
    public string? HelmCommand { get; set; }

    /// <summary>--load-restrictor (LoadRestrictionsRootOnly, LoadRestrictionsNone); null: kustomize's default.</summary>
    public string? LoadRestrictor { get; set; }
}
