using System.Text.Json.Nodes;

namespace GitOps.Build.Manifests;

/// <summary>
/// One Kubernetes object read from YAML, as JSON (what the API and schemas speak), with the file
/// and line of the object and of each of its fields, so findings can point at the exact line.
/// </summary>
public sealed class ManifestObject(JsonObject body, string file, int line, IReadOnlyDictionary<string, int> lines, string? sourceTemplate = null)
{
    public JsonObject Body { get; } = body;
    /// <summary>The file the object was read from (a manifest, or a rendered artifact).</summary>
    public string File { get; } = file;
    /// <summary>1-based line of the document's first key.</summary>
    public int Line { get; } = line;
    /// <summary>For helm output: the chart template that produced it (the <c># Source:</c> comment).</summary>
    public string? SourceTemplate { get; } = sourceTemplate;

    public string ApiVersion => Body["apiVersion"]?.GetValueKind() == System.Text.Json.JsonValueKind.String ? Body["apiVersion"]!.GetValue<string>() : "";
    public string Kind => Text("/kind") ?? "";
    public string Name => Text("/metadata/name") ?? "";
    public string? Namespace => Text("/metadata/namespace");
    public string Group => ApiVersion.Contains('/') ? ApiVersion[..ApiVersion.IndexOf('/')] : "";

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
