using System.Text.Json.Nodes;

namespace GitOps.Build.GitOps;

/// <summary>
/// Argo CD's tool detection for a source in this repository: a tool block in the source
/// (<c>helm</c>, <c>kustomize</c>, <c>directory</c>, <c>plugin</c>) selects that tool; otherwise a
/// <c>Chart.yaml</c> in the folder makes it Helm, a <c>kustomization.yaml</c>, <c>kustomization.yml</c>
/// or <c>Kustomization</c> makes it Kustomize, and anything else is a plain directory.
/// A <c>helm</c>, <c>kustomize</c> or <c>directory</c> block that sets nothing (<c>directory:
/// {recurse: false}</c>, <c>helm: {}</c>) selects no tool: Argo CD's controller normalizes every
/// Application by dropping such a block (NormalizeSource in its util/argo) before it asks which tool
/// renders it, so the folder's files decide.
/// </summary>
public static class SourceKinds
{
    // The fields Argo CD's ApplicationSourceKustomize.IsZero does not look at: set alone, the block is still dropped.
    private static readonly string[] KustomizeFieldsNotCounted =
        ["forceCommonLabels", "forceCommonAnnotations", "commonAnnotationsEnvsubst", "labelWithoutSelector", "labelIncludeTemplates"];

    public static SourceKind Detect(ApplicationSource source, string dir)
    {
        if (SetsSomething(source.Helm)) return SourceKind.Helm;
        if (SetsSomething(source.Kustomize, KustomizeFieldsNotCounted)) return SourceKind.Kustomize;
        if (SetsSomething(source.Directory)) return SourceKind.Directory;
        if (source.Plugin != null) return SourceKind.Plugin;
        if (File.Exists(Path.Combine(dir, "Chart.yaml"))) return SourceKind.Helm;
        if (Kustomization.FileIn(dir) != null) return SourceKind.Kustomize;
        return SourceKind.Directory;
    }

    /// <summary>Whether a tool block holds a value Argo CD's IsZero counts: anything but false, "", an empty list or map (at any depth), or null.</summary>
    private static bool SetsSomething(JsonObject? block, params string[] notCounted) =>
        block != null && block.Any(p => !notCounted.Contains(p.Key, StringComparer.Ordinal) && HoldsValue(p.Value));

    private static bool HoldsValue(JsonNode? node) => node switch
    {
        null => false,
        JsonObject o => o.Any(p => HoldsValue(p.Value)),
        JsonArray a => a.Count > 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        _ => true,
    };
}
