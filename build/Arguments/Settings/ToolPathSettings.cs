namespace GitOps.Build.Arguments.Settings;

/// <summary>Which helm and kubectl to use, instead of finding or installing the pinned ones, and how long one run of a tool may take.</summary>
public sealed class ToolPathSettings
{
    [Argument("helm", "The helm binary to use (also: HELM variable); otherwise found or installed, see README.", Value = "path", Path = ArgumentPath.FromWorkingDirectory)]
    public string? Helm { get; set; }

    [Argument("helm-version", "Which pinned helm renders and lints: 3 as Argo CD does, or 4 (--helm still picks the binary).", Value = "major", Allowed = ["3", "4"], DefaultText = "the helm of argocd.version in gitops-build.yaml, else 3, the helm Argo CD bundles")]
    public string? HelmVersion { get; set; }

    [Argument("kubectl", "The kubectl binary (also: KUBECTL variable); otherwise found or installed.", Value = "path", Path = ArgumentPath.FromWorkingDirectory)]
    public string? Kubectl { get; set; }

    [Argument("tool-timeout", "How long one run of helm, kubectl, Graphviz dot or npm may take before it is stopped with every process it started (TOOL-TIMEOUT on the Application or ApplicationSet it was for), e.g. 90s, 30m.", Value = "duration")]
    public TimeSpan ToolTimeout { get; set; } = Tools.Processes.ChildProcessRunner.DefaultTimeLimit;
}
