using System.Text.Json.Nodes;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps.ApplicationSets;

/// <summary>
/// One ApplicationSet being expanded: its manifest and template syntax, the working tree its git
/// generators may read, the known clusters, the most Applications it may generate
/// (<see cref="Limit"/>), where progress lines go, and the findings met on the way.
/// </summary>
internal sealed class Expansion(ManifestObject appSet, string root, string repoUrl, IGoTemplateEngine? go, IReadOnlyList<ClusterInfo> clusters,
    Func<string, WorkingTree> trees, int limit, Action<string>? progress)
{
    /// <summary>The most parameter sets any generator, and the most Applications the whole ApplicationSet, gives.</summary>
    public int Limit { get; } = limit;

    private bool _limitReported;

    /// <summary>
    /// <paramref name="sets"/> cut to <paramref name="room"/> (the limit, or what is left of it): past
    /// the limit nothing is generated, and the ApplicationSet is reported once (APPSET-LIMIT). Generators
    /// stop producing at one past the limit, so this is where the cut is seen.
    /// </summary>
    public List<JsonObject> Capped(List<JsonObject> sets, string pointer, int? room = null)
    {
        var keep = Math.Max(0, room ?? Limit);
        if (sets.Count <= keep) return sets;
        if (!_limitReported)
        {
            _limitReported = true;
            Report(Rules.AppSetLimit, pointer,
                $"generates more than {Limit:N0} Applications, the limit (applicationSets.maxApplications in gitops-build.yaml); only the first {Limit:N0} are generated and checked");
        }
        return sets.Take(keep).ToList();
    }

    /// <summary>A progress line for a large expansion (the run's log), prefixed with the ApplicationSet.</summary>
    public void Say(string line) => progress?.Invoke($"ApplicationSet {AppSet.Name}: {line}");

    public ManifestObject AppSet { get; } = appSet;
    public string Root { get; } = root;
    public string RepoUrl { get; } = repoUrl;
    public IReadOnlyList<ClusterInfo> Clusters { get; } = clusters;
    public List<Finding> Findings { get; } = [];
    public bool GoTemplate { get; } = appSet.At("/spec/goTemplate") is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    public bool MissingKeyError { get; } = appSet.At("/spec/goTemplateOptions") is JsonArray options &&
        options.Any(o => o?.ToString().Replace(" ", "") == "missingkey=error");

    public string Object => $"ApplicationSet/{AppSet.Name}";
    public string File => IO.RepoPath.Relative(Root, AppSet.File);

    public WorkingTree Tree => trees(Root);

    public void Report(Rule rule, string pointer, string message) =>
        Findings.Add(rule.At(Object, File, AppSet.LineOf(pointer), $"ApplicationSet {AppSet.Name}: {message}"));

    /// <summary>
    /// Renders each template against each parameter set in the ApplicationSet's syntax:
    /// [set][template], null for a set that failed (reported at <paramref name="pointerOf"/> of the
    /// failing template). Null altogether when Go templates cannot be rendered here (reported).
    /// </summary>
    public List<IReadOnlyList<string>?>? Render(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> sets, Func<int, string> pointerOf)
    {
        if (!GoTemplate) return sets.Select(s => (IReadOnlyList<string>?)templates.Select(t => FastTemplate.Render(t, s)).ToList()).ToList();
        // ApplicationSetExpander.Expand stops (and says so) before any Render when there is no engine.
        var engine = go ?? throw new InvalidOperationException("goTemplate expansion without helm's template engine");
        GoTemplateResult result;
        try
        {
            result = engine.Render(templates, sets);
        }
        catch (Tools.Processes.ToolTimeoutException e)
        {
            // A template that never ends (nested until loops): stopped, and said so on the ApplicationSet.
            Findings.Add(Rules.ToolTimeout.At(Object, File, AppSet.LineOf(pointerOf(0)), $"ApplicationSet {AppSet.Name}: the goTemplate is not expanded: {e.Message}"));
            return null;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // No helm here (not installed, not runnable) or helm said something unexpected: visible, never fatal.
            Report(Rules.AppSetNotExpanded, pointerOf(0), $"helm's template engine could not be run, so the goTemplate is not expanded: {MessageRedactor.Redact(e.Message)}");
            return null;
        }
        foreach (var error in result.Errors.DistinctBy(e => (e.Template, e.Message)))
        {
            var pointer = error.Template is { } k ? pointerOf(k) : pointerOf(0);
            var which = error.Set is { } i && sets.Count > 1 ? $" (parameter set {i + 1} of {sets.Count})" : "";
            if (error.Unsupported) Report(Rules.AppSetNotExpanded, pointer, $"uses {error.Message}, a template function only Argo CD has (helm's engine lacks it), so it is not expanded here");
            else Report(Rules.AppSetTemplate, pointer, $"the template does not render{which}: {error.Message}");
        }
        var outputs = result.Outputs.ToList();
        if (MissingKeyError) CheckMissingKeys(templates, sets, outputs, pointerOf);
        return outputs;
    }

    /// <summary>
    /// missingkey=error: Go prints a missing key as "&lt;no value&gt;", and helm's engine cannot be
    /// switched to fail instead, so a rendered string holding it where neither the template nor the
    /// parameters do fails the set. (A missing key passed to a function is not caught this way.)
    /// </summary>
    private void CheckMissingKeys(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> sets, List<IReadOnlyList<string>?> outputs, Func<int, string> pointerOf)
    {
        const string NoValue = "<no value>";
        var reported = new HashSet<int>();
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i] is not { } rendered || sets[i].ToJsonString().Contains("\\u003Cno value\\u003E", StringComparison.OrdinalIgnoreCase)) continue;
            for (var k = 0; k < rendered.Count; k++)
            {
                if (!rendered[k].Contains(NoValue, StringComparison.Ordinal) || templates[k].Contains(NoValue, StringComparison.Ordinal)) continue;
                if (reported.Add(k))
                {
                    var which = sets.Count > 1 ? $" (parameter set {i + 1} of {sets.Count})" : "";
                    Report(Rules.AppSetTemplate, pointerOf(k),
                        $"the template looks up a key the parameters do not have{which}, and goTemplateOptions has missingkey=error (template: {templates[k].Trim()})");
                }
                outputs[i] = null;
                break;
            }
        }
    }
}
