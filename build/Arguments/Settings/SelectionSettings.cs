namespace GitOps.Build.Arguments.Settings;

/// <summary>--app / --env: narrow a target to some Applications. A name that matches nothing is refused before the run.</summary>
public sealed class SelectionSettings
{
    [Argument("app", "Only this application, as labelled app.kubernetes.io/name on its Argo CD Applications.", Value = "name")]
    public string? App { get; set; }

    [Argument("env", "Only this environment (one gitops-build.yaml declares, or one inferred from names: dev, staging, prod).", Value = "name")]
    public string? Environment { get; set; }
}
