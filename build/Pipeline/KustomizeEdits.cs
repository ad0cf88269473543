using System.Text.Json.Nodes;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Applies an Application's <c>spec.source.kustomize</c> to a kustomization the way Argo CD does by
/// running <c>kustomize edit</c> in the overlay before it builds: <c>namePrefix</c>/<c>nameSuffix</c>/
/// <c>namespace</c> replace the kustomization's own; <c>images</c> (<c>[name=]newName[:tag][@digest]</c>)
/// and <c>replicas</c> replace the entry of the same name or are added; <c>commonLabels</c> and
/// <c>commonAnnotations</c> are added (a key the kustomization already sets is an error unless
/// <c>forceCommonLabels</c>/<c>forceCommonAnnotations</c>; <c>labelWithoutSelector</c> adds them
/// as <c>labels</c> without selectors); <c>patches</c> and <c>components</c> are appended
/// (<c>ignoreMissingComponents</c> drops components whose folder does not exist).
/// Works on the parsed kustomization; the caller writes it into a scratch copy, never the repository.
/// </summary>
public static class KustomizeEdits
{
    /// <summary>Whether the options change anything (otherwise the overlay is built as it is).</summary>
    public static bool Changes(JsonObject? options) =>
        options != null && new[] { "namePrefix", "nameSuffix", "namespace", "images", "replicas", "commonLabels", "commonAnnotations", "patches", "components" }
            .Any(k => options[k] switch
            {
                null => false,
                JsonArray a => a.Count > 0,
                JsonObject o => o.Count > 0,
                JsonValue v => v.ToString().Length > 0,
                _ => false,
            });

    /// <summary>Edits <paramref name="kustomization"/> in place; returns why Argo CD's edit would fail (empty when it succeeds).</summary>
    /// <param name="overlayDir">The overlay folder (components are relative to it).</param>
    public static IReadOnlyList<string> Apply(JsonObject kustomization, JsonObject options, string overlayDir)
    {
        var errors = new List<string>();
        foreach (var key in new[] { "namePrefix", "nameSuffix", "namespace" })
        {
            if (options[key] is JsonValue v && v.ToString() is { Length: > 0 } text) kustomization[key] = text;
        }

        if (options["images"] is JsonArray images)
        {
            var list = kustomization["images"] as JsonArray ?? new JsonArray();
            foreach (var image in images.Select(i => i?.ToString()).OfType<string>().Where(i => i.Length > 0))
            {
                var entry = Image(image);
                var name = entry["name"]!.ToString();
                var existing = list.OfType<JsonObject>().FirstOrDefault(e => e["name"]?.ToString() == name);
                if (existing == null)
                {
                    list.Add(entry);
                    continue;
                }
                foreach (var (field, value) in entry.ToList())
                {
                    if (field == "name") continue;
                    existing[field] = value?.DeepClone();
                }
                if (entry.ContainsKey("newTag")) existing.Remove("digest");
                if (entry.ContainsKey("digest")) existing.Remove("newTag");
            }
            kustomization["images"] = list;
        }

        if (options["replicas"] is JsonArray replicas)
        {
            var list = kustomization["replicas"] as JsonArray ?? new JsonArray();
            foreach (var replica in replicas.OfType<JsonObject>())
            {
                var name = replica["name"]?.ToString() ?? "";
                var countText = replica["count"]?.ToString() ?? "";
                if (!int.TryParse(countText, out var count))
                {
                    errors.Add($"kustomize.replicas: count '{countText}' of '{name}' is not a number");
                    continue;
                }
                var existing = list.OfType<JsonObject>().FirstOrDefault(e => e["name"]?.ToString() == name);
                if (existing != null) existing["count"] = count;
                else list.Add(new JsonObject { ["name"] = name, ["count"] = count });
            }
            kustomization["replicas"] = list;
        }

        if (options["commonLabels"] is JsonObject labels && labels.Count > 0)
        {
            if (Flag(options, "labelWithoutSelector"))
            {
                var pairs = new JsonObject();
                foreach (var (k, v) in labels) pairs[k] = v?.ToString();
                var list = kustomization["labels"] as JsonArray ?? new JsonArray();
                var entry = new JsonObject { ["pairs"] = pairs, ["includeSelectors"] = false };
                if (Flag(options, "labelIncludeTemplates")) entry["includeTemplates"] = true;
                list.Add(entry);
                kustomization["labels"] = list;
            }
            else
            {
                Merge(kustomization, "commonLabels", labels, Flag(options, "forceCommonLabels"), "label", errors);
            }
        }
        if (options["commonAnnotations"] is JsonObject annotations && annotations.Count > 0)
        {
            Merge(kustomization, "commonAnnotations", annotations, Flag(options, "forceCommonAnnotations"), "annotation", errors);
        }

        if (options["patches"] is JsonArray patches && patches.Count > 0)
        {
            var list = kustomization["patches"] as JsonArray ?? new JsonArray();
            foreach (var patch in patches) list.Add(patch?.DeepClone());
            kustomization["patches"] = list;
        }

        if (options["components"] is JsonArray components && components.Count > 0)
        {
            var ignoreMissing = Flag(options, "ignoreMissingComponents");
            var list = kustomization["components"] as JsonArray ?? new JsonArray();
            foreach (var component in components.Select(c => c?.ToString()).OfType<string>().Where(c => c.Length > 0))
            {
                if (ignoreMissing && !component.Contains("://") && !Directory.Exists(Path.Combine(overlayDir, component))) continue;
                if (list.Any(c => c?.ToString() == component)) continue;
                list.Add(component);
            }
            kustomization["components"] = list;
        }
        return errors;
    }

    /// <summary>
    /// <c>kustomize edit set image</c>'s argument: <c>name=newName[:tag][@digest]</c> renames the image
    /// <c>name</c>; <c>name[:tag][@digest]</c> keeps the name and sets the tag or digest.
    /// </summary>
    public static JsonObject Image(string text)
    {
        string? oldName = null;
        var equals = text.IndexOf('=');
        if (equals > 0)
        {
            oldName = text[..equals];
            text = text[(equals + 1)..];
        }
        // The rest is an image reference, split as every other reference is (a registry port is no tag).
        var image = Manifests.ImageReference.Parse(text);
        var entry = new JsonObject { ["name"] = oldName ?? image.Repository };
        if (oldName != null) entry["newName"] = image.Repository;
        if (image.Tag.Length > 0) entry["newTag"] = image.Tag;
        if (image.Digest != null) entry["digest"] = image.Digest;
        return entry;
    }

    private static void Merge(JsonObject kustomization, string field, JsonObject values, bool force, string what, List<string> errors)
    {
        var map = kustomization[field] as JsonObject ?? new JsonObject();
        foreach (var (k, v) in values)
        {
            if (map.ContainsKey(k) && !force)
            {
                errors.Add($"{what} '{k}' is already set by the kustomization; Argo CD's kustomize edit refuses to change it without force{(what == "label" ? "CommonLabels" : "CommonAnnotations")}: true");
                continue;
            }
            map[k] = v?.ToString();
        }
        kustomization[field] = map;
    }

    private static bool Flag(JsonObject options, string key) => options[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;
}
