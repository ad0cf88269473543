using System.Text.Json.Nodes;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Renders a template once per parameter set into Application manifests: every templated string
/// (and map key), then the templatePatch (goTemplate only) merged over the result. The generated
/// Application lives in the ApplicationSet's namespace, and each of its fields points at the
/// template line it came from, in the ApplicationSet's file. As the controller does, it carries
/// the resources finalizer unless syncPolicy.preserveResourcesOnDeletion is true or the template
/// names finalizers of its own (its
/// ownerReference to the ApplicationSet needs the live object's uid and is left out). An empty
/// parameter set (a list element <c>{}</c>) leaves the template as written, finalizer not added,
/// as Argo CD renders nothing for it (utils_test.go, TestRenderTemplateParamsGoTemplate, "Test No
/// Data"); the templatePatch is still rendered.
/// </summary>
internal static class TemplateRenderer
{
    public static List<ManifestObject> Render(Expansion x, JsonObject template, Func<string, string> templateLine, string? patch, List<JsonObject> sets)
    {
        var strings = Templated.Strings(template);
        var texts = strings.Select(s => s.Text).ToList();
        var hasPatch = patch != null && x.GoTemplate;
        if (hasPatch) texts.Add(patch!);
        var rendered = x.Render(texts, sets, k => k < strings.Count ? templateLine(strings[k].Pointer) : "/spec/templatePatch");
        if (rendered == null) return [];

        var apps = new List<ManifestObject>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < sets.Count; i++)
        {
            // A line every few seconds while a large set is built, so a long load is never silent.
            if (clock.Elapsed >= ProgressEvery)
            {
                x.Say($"{i:N0} of {sets.Count:N0} Applications generated");
                clock.Restart();
            }
            if (rendered[i] is not { } values) continue;
            var empty = sets[i].Count == 0;
            var body = empty ? template : Templated.Replace(template, strings, values.Take(strings.Count).ToList());
            var application = new JsonObject
            {
                ["apiVersion"] = "argoproj.io/v1alpha1",
                ["kind"] = "Application",
                ["metadata"] = body["metadata"]?.DeepClone() ?? new JsonObject(),
                ["spec"] = body["spec"]?.DeepClone() ?? new JsonObject(),
            };
            if (hasPatch)
            {
                var patchObject = ParsePatch(values[^1], x);
                if (patchObject == null) continue;
                var project = application["spec"]?["project"]?.DeepClone();
                application = TemplateMerge.Patch(application, patchObject);
                // Template.md: spec.project is not supported in templatePatch; the template's stands.
                if (application["spec"] is JsonObject patchedSpec)
                {
                    if (project != null) patchedSpec["project"] = project;
                    else patchedSpec.Remove("project");
                }
            }
            var metadata = application["metadata"] as JsonObject ?? new JsonObject();
            application["metadata"] = metadata;
            if (x.AppSet.Namespace is { Length: > 0 } ns) metadata["namespace"] = ns;
            if (!PreservesResources(x) && !empty) AddFinalizer(metadata);
            apps.Add(WithLines(application, x, templateLine, hasPatch));
        }
        return apps;
    }

    private const string ResourcesFinalizer = "resources-finalizer.argocd.argoproj.io";

    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    private static bool PreservesResources(Expansion x) =>
        x.AppSet.At("/spec/syncPolicy/preserveResourcesOnDeletion") is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>The resources finalizer, when the template names no finalizer (one it names is kept alone: utils_test.go, TestRenderTemplateParamsFinalizers).</summary>
    private static void AddFinalizer(JsonObject metadata)
    {
        if (metadata["finalizers"] is JsonArray { Count: > 0 }) return;
        metadata["finalizers"] = new JsonArray(ResourcesFinalizer);
    }

    private static JsonObject? ParsePatch(string yaml, Expansion x)
    {
        try
        {
            var stream = ManifestReader.Load(yaml, x.File);
            if (stream.Documents.Count == 0) return new JsonObject();
            if (ManifestReader.ToJson(stream.Documents[0].RootNode, "", new Dictionary<string, int>(), x.File) is JsonObject patch) return patch;
            x.Report(Rules.AppSetTemplate, "/spec/templatePatch", "the rendered templatePatch is not a YAML mapping");
        }
        catch (Exception e) when (e is YamlException or ManifestParseException)
        {
            x.Report(Rules.AppSetTemplate, "/spec/templatePatch", $"the rendered templatePatch is not valid YAML: {e.Message}");
        }
        return null;
    }

    /// <summary>The Application as a manifest of the ApplicationSet's file: each field at its template line (patched fields at templatePatch).</summary>
    private static ManifestObject WithLines(JsonObject application, Expansion x, Func<string, string> templateLine, bool patched)
    {
        var lines = new Dictionary<string, int>();
        void Walk(JsonNode? node, string pointer)
        {
            var source = templateLine(pointer);
            lines[pointer] = patched && JsonPointer.Find(x.AppSet.Body, source) == null ? x.AppSet.LineOf("/spec/templatePatch") : x.AppSet.LineOf(source);
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o) Walk(v, JsonPointer.Append(pointer, k));
                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++) Walk(a[i], JsonPointer.Append(pointer, i));
                    break;
            }
        }
        Walk(application, "");
        return new ManifestObject(application, x.AppSet.File, x.AppSet.LineOf(templateLine("")), lines);
    }
}
