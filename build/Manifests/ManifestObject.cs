using System.Text.Json.Nodes;

namespace GitOps.Build.Manifests;

/// <summary>
/// One Kubernetes object read from YAML, as JSON (what the API and schemas speak), with the file
/// and line of the object and of each of its fields, so findings can point at the exact line.
/// </summary>
/// <remarks>
/// The one type of a Kubernetes object in the build: read from the repository, rendered, checked,
/// applied to a cluster (through <c>Cluster.Apply.ApplicableManifest</c>, the view that has what server-side
/// apply needs) or built in code (<see cref="FromJson"/>).
/// </remarks>
public sealed class ManifestObject(JsonObject body, string file, int line, IReadOnlyDictionary<string, int> lines, string? sourceTemplate = null)
{
    private static readonly IReadOnlyDictionary<string, int> NoLines = new Dictionary<string, int>();

    /// <summary>An object built in code or read as JSON (a key backup's Secret, an API request): its fields have no lines of their own.</summary>
    /// <param name="source">Where it comes from, for messages (a file, or what made it).</param>
    public static ManifestObject FromJson(JsonObject body, string source, int line = 0) => new(body, source, line, NoLines);

    public JsonObject Body { get; } = body;
    /// <summary>The file the object was read from (a manifest, or a rendered artifact).</summary>
    public string File { get; } = file;
    /// <summary>1-based line of the document's first key.</summary>
    public int Line { get; } = line;
    /// <summary>
    /// For rendered output, the file the renderer says produced it: for helm, the chart template (the
    /// <c># Source:</c> comment, named from the chart's parent folder); for kustomize, the resource file or
    /// generating kustomization of its <c>config.kubernetes.io/origin</c> (relative to the repository).
    /// </summary>
    public string? SourceTemplate { get; } = sourceTemplate;

    public string ApiVersion => Body["apiVersion"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body["apiVersion"]!.GetValue<string>() : "";
    public string Kind => Text("/kind") ?? "";
    public string Name => Text("/metadata/name") ?? "";
    public string? Namespace => Text("/metadata/namespace");
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

    /// <summary>file:line, for messages.</summary>
    public string Location => $"{File}:{Line}";

    /// <summary>
    /// The object with <c>metadata.namespace</c> set (a copy; this one is not changed), as Argo CD applies a
    /// namespaced object that names none into its Application's destination.
    /// </summary>
    public ManifestObject InNamespace(string ns)
    {
        var copy = (JsonObject)Body.DeepClone();
        ((JsonObject)(copy["metadata"] ??= new JsonObject()))["namespace"] = ns;
        return new ManifestObject(copy, File, Line, lines, SourceTemplate);
    }

    /// <summary>The same object (the same body, not a copy) named by another file: e.g. relative to its repository.</summary>
    public ManifestObject Named(string file) => new(Body, file, Line, lines, SourceTemplate);

    /// <summary>The same object (the same body) with the file that produced it (<see cref="SourceTemplate"/>), as the renderer learnt it.</summary>
    public ManifestObject FromSource(string? source) => new(Body, File, Line, lines, source);

    /// <summary>Kind/namespace/name, the way operators name an object.</summary>
    public string Reference => Namespace is { Length: > 0 } ns ? $"{Kind}/{ns}/{Name}" : $"{Kind}/{Name}";

    public IReadOnlyDictionary<string, string> Labels => StringMap("/metadata/labels");
    public IReadOnlyDictionary<string, string> Annotations => StringMap("/metadata/annotations");

    /// <summary>The line of the field at a JSON pointer, or of its nearest parent that has one.</summary>
    public int LineOf(string pointer)
    {
        for (var p = pointer; ; p = p[..p.LastIndexOf('/')])
        {
            if (lines.TryGetValue(p, out var found)) return found;
            if (p.Length == 0 || !p.Contains('/')) return Line;
        }
    }

    public JsonNode? At(string pointer) => JsonPointer.Find(Body, pointer);

    public string? Text(string pointer) => At(pointer) is JsonValue v && v.TryGetValue<string>(out var s) ? s : At(pointer)?.ToJsonString();

    private IReadOnlyDictionary<string, string> StringMap(string pointer) =>
        At(pointer) is JsonObject map
            ? map.Where(kv => kv.Value != null).ToDictionary(kv => kv.Key, kv => kv.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : kv.Value!.ToJsonString())
            : new Dictionary<string, string>();
}
