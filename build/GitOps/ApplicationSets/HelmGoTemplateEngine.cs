using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GitOps.Build.Helm;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// Renders Go templates with helm's engine (Go text/template with sprig, the family Argo CD's
/// ApplicationSet controller uses): a throwaway chart holding every template as a file of its own
/// (parsed on its own, as Argo CD parses each field) and a file that includes each with every
/// parameter set (given as values), printing the results as JSON, then one <c>helm template</c> through <see cref="IHelm"/> (never the
/// result cache: the parameter sets may hold anything a generator read). Each string is its own template,
/// as Argo CD renders each string field of the template on its own, and <c>$</c> is the parameter
/// set, as there. Where helm's engine differs from Argo CD's (a lookup through a missing key,
/// fromYaml on text that is not YAML) the template is written with Argo CD's meaning first
/// (<see cref="ArgoTemplateSemantics"/>), and Argo CD's own functions (normalize, slugify) are named
/// templates (<see cref="ArgoTemplateFunctions"/>). Functions helm has and Argo CD lacks (include, tpl,
/// required) are refused before anything renders.
/// </summary>
public sealed partial class HelmGoTemplateEngine(IHelm helm, Func<string> helmPath) : IGoTemplateEngine
{
    private const string TemplateFile = "render.yaml";

    public GoTemplateResult Render(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> parameterSets, bool missingKeyError = false)
    {
        // Sets whose metadata.labels/annotations are Go string maps (a cluster's) render apart from those where they
        // are not (in-cluster's, a git file's): the same lookup means "" in one and "<no value>" in the other.
        var kinds = parameterSets.Select(StringMaps.Of).ToList();
        if (kinds.Distinct().Count() <= 1) return Render(templates, parameterSets.Select(StringMaps.Unmarked).ToList(), missingKeyError, kinds.FirstOrDefault() ?? "");
        var outputs = new IReadOnlyList<string>?[parameterSets.Count];
        var errors = new List<GoTemplateError>();
        foreach (var kind in kinds.Distinct())
        {
            var members = Enumerable.Range(0, parameterSets.Count).Where(i => kinds[i] == kind).ToList();
            var result = Render(templates, members.Select(i => StringMaps.Unmarked(parameterSets[i])).ToList(), missingKeyError, kind);
            for (var m = 0; m < members.Count; m++) outputs[members[m]] = result.Outputs[m];
            // Set null (a parse error) fails every set, in every group alike.
            errors.AddRange(result.Errors.Select(e => e.Set is { } s ? e with { Set = members[s] } : e));
        }
        return new GoTemplateResult(outputs, errors);
    }

    /// <param name="stringMaps">Which of metadata.labels/annotations are string maps in every one of <paramref name="parameterSets"/> (<see cref="StringMaps.Of"/>).</param>
    private GoTemplateResult Render(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> parameterSets, bool missingKeyError, string stringMaps)
    {
        if (parameterSets.Count == 0) return new GoTemplateResult([], []);
        if (templates.Count == 0) return new GoTemplateResult(parameterSets.Select(_ => (IReadOnlyList<string>?)Array.Empty<string>()).ToList(), []);

        // The parameter sets may hold anything a generator read: an owner-only scratch folder, removed
        // on dispose and by an interrupted run's clean-up.
        using var scratch = IO.ScratchFolder.Create("appset");
        var dir = scratch.Path;
        var includes = WriteChart(dir, templates.Select((t, k) => ArgoTemplateSemantics.ForHelm(t, missingKeyError, k, stringMaps)).ToList(), parameterSets);
        var settings = new HelmTemplateSettings { ToolPath = helmPath(), Chart = dir, ReleaseName = "appset", WorkingDirectory = dir };
        settings.ValueFiles.Add(Path.Combine(dir, "values.json"));
        var rendered = helm.Template(settings);
        if (rendered.Succeeded) return new GoTemplateResult(Parse(rendered.Output, parameterSets.Count, templates.Count), []);

        var failure = Failure(rendered.Error, includes);
        if (failure.IsParseError || parameterSets.Count == 1)
        {
            return GoTemplateResult.Failed(parameterSets.Count, new GoTemplateError(parameterSets.Count == 1 ? 0 : null, failure.Template, failure.Message));
        }
        // An execution error stops helm at the first failing set: render the halves apart until
        // each failing set stands alone, as Argo CD renders each set on its own and keeps the others.
        var half = parameterSets.Count / 2;
        var outputs = new List<IReadOnlyList<string>?>();
        var errors = new List<GoTemplateError>();
        foreach (var (from, part) in new[] { (0, parameterSets.Take(half).ToList()), (half, parameterSets.Skip(half).ToList()) })
        {
            var result = Render(templates, part, missingKeyError, stringMaps);
            outputs.AddRange(result.Outputs);
            errors.AddRange(result.Errors.Select(e => e with { Set = e.Set + from }));
        }
        return new GoTemplateResult(outputs, errors);
    }

    /// <summary>
    /// Writes the chart. Returns, per template, the line of the render file it is included on (each on its own
    /// line), so that an error helm reports on that line names the template.
    /// </summary>
    private static List<int> WriteChart(string dir, IReadOnlyList<string> templates, IReadOnlyList<JsonObject> sets)
    {
        Directory.CreateDirectory(Path.Combine(dir, "templates"));
        File.WriteAllText(Path.Combine(dir, "Chart.yaml"), "apiVersion: v2\nname: appset\nversion: 0.1.0\n");
        var values = new JsonObject { ["sets"] = new JsonArray(sets.Select(s => (JsonNode?)s.DeepClone()).ToArray()) };
        File.WriteAllText(Path.Combine(dir, "values.json"), Manifests.GoReadableJson.Text(values));

        // Each template is a file of its own, parsed on its own as Argo CD parses each field: a stray {{ end }} fails to
        // parse there as it does in Argo CD (inside a define of ours it would close that define and render), and a
        // {{ define }} in it is a template of the set, as in Argo CD (inside a define of ours it would fail to parse).
        // A file whose name starts with "_" is parsed but not rendered; include names it by its path.
        var sb = new StringBuilder();
        var includes = new List<int>();
        for (var k = 0; k < templates.Count; k++) File.WriteAllText(Path.Combine(dir, "templates", FileName(k)), templates[k]);
        var line = 1;
        sb.Append("{\"results\":[{{- range $i, $p := .Values.sets }}{{ if $i }},{{ end }}[\n");
        line++;
        for (var k = 0; k < templates.Count; k++)
        {
            includes.Add(line++);
            sb.Append("{{ include \"").Append(Name(k)).Append("\" $p | toJson }}").Append(k < templates.Count - 1 ? ",\n" : "\n");
        }
        sb.Append("]{{- end }}]}\n");
        sb.Append(ArgoTemplateFunctions.Definitions);
        File.WriteAllText(Path.Combine(dir, "templates", TemplateFile), sb.ToString());
        return includes;
    }

    private static string FileName(int k) => $"_t{k}.tpl";

    /// <summary>The name helm's engine gives the template of file <paramref name="k"/>: its path in the chart.</summary>
    private static string Name(int k) => $"appset/templates/{FileName(k)}";

    private static List<IReadOnlyList<string>?> Parse(string output, int sets, int templates)
    {
        var json = string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("---") && !l.StartsWith('#')));
        var results = JsonNode.Parse(json)?["results"] as JsonArray ?? throw new InvalidOperationException("helm printed no results: " + output);
        if (results.Count != sets) throw new InvalidOperationException($"helm rendered {results.Count} parameter sets of {sets}");
        return results.Select(r => (IReadOnlyList<string>?)((JsonArray)r!).Select(v => v!.GetValue<string>()).ToList()).ToList();
    }

    private sealed record HelmFailure(bool IsParseError, int? Template, string Message);

    private static HelmFailure Failure(string stderr, List<int> includes)
    {
        var text = string.Join(' ', stderr.Split('\n').Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith("Use --debug", StringComparison.Ordinal)));
        if (text.StartsWith("Error: ", StringComparison.Ordinal)) text = text["Error: ".Length..];
        int? template = null;
        if (OwnFile().Matches(text).LastOrDefault() is { } file) template = int.Parse(file.Groups[1].Value);
        else if (FileLine().Matches(text).LastOrDefault() is { } at && includes.IndexOf(int.Parse(at.Groups[1].Value)) is var k and >= 0) template = k;
        var parse = text.StartsWith("parse error", StringComparison.Ordinal);
        // The innermost message, without the throwaway chart's file names.
        var inner = text.LastIndexOf("error calling include: ", StringComparison.Ordinal) is var c && c >= 0 ? text[(c + "error calling include: ".Length)..] : text;
        // A fail's own message (the template's, or the fromYaml check's) is the whole story; helm prints it
        // as "execution error at (<file:line:column>): <message>".
        foreach (var marker in new[] { "error calling fail: ", "execution error at " })
        {
            if (inner.LastIndexOf(marker, StringComparison.Ordinal) is var f && f >= 0) inner = inner[(f + marker.Length)..];
        }
        inner = FileRef().Replace(inner, "");
        inner = Executing().Replace(inner, "");
        return new HelmFailure(parse, template, ArgoTemplateSemantics.AsWritten(inner.Trim(' ', ':')));
    }

    [GeneratedRegex(@"executing ""appset/templates/[^""]*"" ")]
    private static partial Regex Executing();

    // A template's own file, as helm names it in a parse error (appset/templates/_t0.tpl:1) or an execution error.
    [GeneratedRegex(@"appset/templates/_t(\d+)\.tpl")]
    private static partial Regex OwnFile();

    [GeneratedRegex(@"render\.yaml:(\d+)")]
    private static partial Regex FileLine();

    [GeneratedRegex(@"(template: )?\(?appset/templates/(render\.yaml|_t\d+\.tpl)(:\d+)*\)?:?\s*")]
    private static partial Regex FileRef();
}
