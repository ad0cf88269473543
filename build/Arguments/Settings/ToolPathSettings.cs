namespace GitOps.Build.Arguments.Settings;

/// <summary>Which helm and kubectl to use, instead of finding or installing the pinned ones.</summary>
public sealed class ToolPathSettings
{
    [Argument("helm", "The helm binary to use (also: HELM variable); otherwise found or installed, see README.", Value = "path", Path = ArgumentPath.FromWorkingDirectory)]
    public string? Helm { get; set; }

    [Argument("kubectl", "The kubectl binary (also: KUBECTL variable); otherwise found or installed.", Value = "path", Path = ArgumentPath.FromWorkingDirectory)]
    public string? Kubectl { get; set; }
}
