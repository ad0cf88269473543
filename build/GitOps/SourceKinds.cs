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

    /// <summary>
    /// Whether a tool block holds a value Argo CD's IsZero counts: a string that is not "", true, a list or map with an
    /// entry (whatever the entry holds: IsZero asks their length), helm's valuesObject whenever it is there (its values
    /// YAML, "{}" for an empty one, is not empty), and directory's jsonnet when one of its own fields counts (a struct).
    /// </summary>
    private static bool SetsSomething(JsonObject? block, params string[] notCounted) =>
        block != null && block.Any(p => !notCounted.Contains(p.Key, StringComparer.Ordinal) && HoldsValue(p.Key, p.Value));

    private static bool HoldsValue(string key, JsonNode? node) => node switch
    {
        null => false,
        JsonObject jsonnet when key == "jsonnet" => SetsSomething(jsonnet),
        JsonObject => key == "valuesObject" || node.AsObject().Count > 0,
        JsonArray a => a.Count > 0,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) => s.Length > 0,
        _ => true,
    };
}
