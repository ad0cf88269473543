using System.Text.Json.Nodes;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// Where in the repository a rendered object comes from, so that a finding names a file the
/// reviewer can open (code scanning shows it on the pull request) and keeps the rendered artifact
/// as a related location. For Kustomize: the resource and patch files that declare the object
/// (same kind and name; the one that sets the offending value wins). For Helm: the chart template
/// (helm's <c># Source:</c>), at the line of the offending key when the template names it once.
/// For a remote chart: the Application's source.
/// </summary>
public sealed class SourceLocation
{
    private readonly string file;
    private readonly int line;
    private readonly IReadOnlyList<(string File, ManifestObject Object)> declarations;
    private readonly string[]? templateLines;
    private readonly IReadOnlyList<(string File, ManifestObject Values)> valueFiles;

    /// <summary>
    /// The kustomization files of a Kustomize unit, the overlay's first (its images transformer runs last,
    /// so its entry is the one that made a rendered image): where an <c>images:</c> entry sets an image,
    /// a finding on it names that entry, not the resource that still holds the old reference.
    /// </summary>
    private IReadOnlyList<(string File, ManifestObject Kustomization)> kustomizations = [];

    /// <summary>The same place, knowing the unit's kustomization files (the overlay's first) for findings on images.</summary>
    public SourceLocation WithKustomizations(IReadOnlyList<(string File, ManifestObject Kustomization)> files) =>
        new(file, line, declarations, templateLines, valueFiles) { kustomizations = files };

    private SourceLocation(string file, int line, IReadOnlyList<(string File, ManifestObject Object)> declarations, string[]? templateLines,
        IReadOnlyList<(string File, ManifestObject Values)>? valueFiles = null)
    {
        this.file = file;
        this.line = line;
        this.declarations = declarations;
        this.templateLines = templateLines;
        this.valueFiles = valueFiles ?? [];
    }

    /// <summary>A fixed place: a remote chart's source in its Application; <paramref name="valueFiles"/> are the values it reads, in helm's order.</summary>
    public static SourceLocation At(string file, int line, IReadOnlyList<(string File, ManifestObject Values)>? valueFiles = null) =>
        new(file, line, [], null, valueFiles);

    /// <summary>The chart template that made the object; <paramref name="text"/> is its text, when readable.</summary>
    public static SourceLocation Template(string file, string? text, IReadOnlyList<(string File, ManifestObject Values)>? valueFiles = null) =>
        new(file, 1, [], text?.Split('\n'), valueFiles);

    /// <summary>The repository files that declare the object (resources first, then patches, in Kustomize's order when known).</summary>
    public static SourceLocation? Declared(IReadOnlyList<(string File, ManifestObject Object)> declarations) =>
        declarations.Count == 0 ? null : new(declarations[0].File, declarations[0].Object.Line, declarations, null);

    /// <summary>The repository file and line a finding at <paramref name="pointer"/> of <paramref name="rendered"/> names.</summary>
    public (string File, int Line) Of(ManifestObject rendered, string pointer)
    {
        if (pointer.EndsWith("/image", StringComparison.Ordinal) && ImageEntry(rendered.At(pointer)) is { } entry) return entry;
        if (declarations.Count > 0)
        {
            // The object itself (its start, its name) is where its resource declares it, whatever patches it.
            if (pointer is "" or "/metadata/name") return (declarations[0].File, declarations[0].Object.LineOf(pointer));
            var value = rendered.At(pointer);
            // The last declaration that sets the rendered value is the one that made it (a patch over its resource).
            var setter = declarations.Where(d => value != null && JsonNode.DeepEquals(d.Object.At(pointer), value)).Reverse()
                .Concat(declarations.Where(d => d.Object.At(pointer) != null).Reverse().Take(1))
                .Concat(declarations.Take(1))
                .First();
            return (setter.File, setter.Object.LineOf(pointer));
        }
        var keyLines = TemplateKeyLines(pointer);
        // A value the template writes literally (chart: openebs) comes from the template, whatever values file happens to hold the same text.
        if (rendered.At(pointer) is JsonValue literal && literal.TryGetValue<string>(out var text)
            && keyLines.Where(l => LiteralValue(l.Text) == text).ToList() is [var written]) return (file, written.Line);
        if (SetInValues(rendered.At(pointer), pointer) is { } set) return set;
        if (keyLines.Count == 1) return (file, keyLines[0].Line);
        return (file, line);
    }

    /// <summary>The template's lines (1-based) that set the pointer's last named key.</summary>
    private List<(string Text, int Line)> TemplateKeyLines(string pointer)
    {
        if (templateLines == null || pointer.Split('/').LastOrDefault(s => s.Length > 0 && !s.All(char.IsDigit)) is not { } key) return [];
        var prefix = key.Replace("~1", "/").Replace("~0", "~") + ":";
        return templateLines.Select((text, i) => (Text: text, Line: i + 1)).Where(l => l.Text.TrimStart().StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The plain value a template line writes after its key (quotes removed), or null when the template computes it.</summary>
    private static string? LiteralValue(string templateLine)
    {
        var value = templateLine[(templateLine.IndexOf(':') + 1)..].Trim();
        if (value.Length == 0 || value.Contains("{{", StringComparison.Ordinal) || value.StartsWith('#')) return null;
        return value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0] ? value[1..^1] : value;
    }

    /// <summary>
    /// The <c>images:</c> entry (kustomize's images transformer) that made <paramref name="value"/>, the
    /// rendered image: its newName (else name) is the image's repository, and its newTag or digest the
    /// image's, or it sets neither (a rename). At the field that set the value.
    /// </summary>
    private (string File, int Line)? ImageEntry(JsonNode? value)
    {
        if (kustomizations.Count == 0 || value is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
        var image = ImageReference.Parse(text);
        foreach (var (kustomizationFile, kustomization) in kustomizations)
        {
            if (kustomization.At("/images") is not JsonArray entries) continue;
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i] is not JsonObject e) continue;
                string? Field(string name) => e[name] is JsonValue f && f.TryGetValue<string>(out var t) ? t : null;
                if ((Field("newName") ?? Field("name")) != image.Repository) continue;
                var tag = Field("newTag");
                var digest = Field("digest");
                if (tag != null && tag != image.Tag || digest != null && digest != image.Digest) continue;
                var field = digest != null ? "digest" : tag != null ? "newTag" : Field("newName") != null ? "newName" : null;
                if (field == null) continue;
                return (kustomizationFile, kustomization.LineOf($"/images/{i}/{field}"));
            }
        }
        return null;
    }

    /// <summary>
    /// The values file line that sets the offending value: the last values file (helm's order: the
    /// later wins) where exactly one entry holds it (an image's tag alone counts for an image). Short
    /// or common values (true, 1) say nothing about where they came from, so only text of 3
    /// characters or more is looked for.
    /// </summary>
    private (string File, int Line)? SetInValues(JsonNode? value, string pointer)
    {
        if (valueFiles.Count == 0 || value is not JsonValue v || !v.TryGetValue<string>(out var text)) return null;
        var wanted = new List<string> { text };
        if (pointer.EndsWith("/image", StringComparison.Ordinal) && ImageReference.Parse(text).Tag is { Length: > 0 } tag) wanted.Add(tag);
        foreach (var (valuesFile, values) in valueFiles.Reverse())
        {
            foreach (var candidate in wanted.Where(w => w.Length >= 3))
            {
                var found = Scalars(values.Body, "").Where(p => p.Value == candidate).ToList();
                if (found.Count == 1) return (valuesFile, values.LineOf(found[0].Pointer));
            }
        }
        return null;
    }

    private static IEnumerable<(string Pointer, string Value)> Scalars(JsonNode? node, string pointer) => node switch
    {
        JsonObject o => o.SelectMany(kv => Scalars(kv.Value, pointer + "/" + kv.Key.Replace("~", "~0").Replace("/", "~1"))),
        JsonArray a => a.SelectMany((item, i) => Scalars(item, $"{pointer}/{i}")),
        JsonValue v => [(pointer, v.ToString())],
        _ => [],
    };
}
