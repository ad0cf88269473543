namespace GitOps.Build.GitOps;

/// <summary>A value file as an Application lists it, and where it resolves in this repository.</summary>
public sealed record ValueFile(string Declared, string? Path, bool Exists, bool Optional);

/// <summary>A <c>--set</c> / <c>--set-string</c> parameter from spec.source.helm.parameters.</summary>
public sealed record HelmParameter(string Name, string Value, bool ForceString);

/// <summary>
/// One Helm rendering Argo CD will do: the chart, values in Argo CD's order (value files, then
/// inline values, then parameters), release name and namespace.
/// </summary>
public sealed record RenderUnit(
    ArgoApplication Application,
    string? ChartPath,
    string? RemoteChart,
    string? RemoteRepoUrl,
    string? RemoteVersion,
    IReadOnlyList<ValueFile> ValueFiles,
    string? InlineValues,
    IReadOnlyList<HelmParameter> Parameters,
    string ReleaseName,
    string Namespace,
    string SourcePointer)
{
    public string Name => Application.Name;
    public bool IsLocal => ChartPath != null;
    public string? Environment { get; init; }
    public string? App { get; init; }
}
