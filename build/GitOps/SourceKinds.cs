namespace GitOps.Build.GitOps;

/// <summary>
/// Argo CD's tool detection for a source in this repository: a tool block in the source
/// (<c>helm</c>, <c>kustomize</c>, <c>directory</c>, <c>plugin</c>) selects that tool; otherwise a
/// <c>Chart.yaml</c> in the folder makes it Helm, a <c>kustomization.yaml</c>, <c>kustomization.yml</c>
/// or <c>Kustomization</c> makes it Kustomize, and anything else is a plain directory.
/// </summary>
public static class SourceKinds
{
    public static SourceKind Detect(ApplicationSource source, string dir)
    {
        if (source.Helm != null) return SourceKind.Helm;
        if (source.Kustomize != null) return SourceKind.Kustomize;
        if (source.Directory != null) return SourceKind.Directory;
        if (source.Plugin != null) return SourceKind.Plugin;
        if (File.Exists(Path.Combine(dir, "Chart.yaml"))) return SourceKind.Helm;
        if (Kustomization.FileIn(dir) != null) return SourceKind.Kustomize;
        return SourceKind.Directory;
    }
}
