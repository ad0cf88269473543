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
internal sealed class Expansion(ManifestObject appSet, string root, RepositoryIdentity repository, IGoTemplateEngine? go, IReadOnlyList<ClusterInfo> clusters,
    Func<string, WorkingTree> trees, int limit, Action<string>? progress, SourceFiles? sources = null)
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
                $"generates more than {Limit:N0} Applications, its limit (applicationSets.maxApplications in gitops-build.yaml, never above the run's --max-applications); only the first {Limit:N0} are generated and checked");
        }
        return sets.Take(keep).ToList();
    }

    /// <summary>A progress line for a large expansion (the run's log), prefixed with the ApplicationSet.</summary>
    public void Say(string line) => progress?.Invoke($"ApplicationSet {AppSet.Name}: {line}");

    public ManifestObject AppSet { get; } = appSet;
    public string Root { get; } = root;
    /// <summary>Which URLs are this repository (a git generator on another one is not read from the working tree).</summary>
    public RepositoryIdentity Repository { get; } = repository;
    public IReadOnlyList<ClusterInfo> Clusters { get; } = clusters;

    /// <summary>A clusters generator gave parameters (set by it): a destination they render empty may name a cluster not known here.</summary>
    public bool UsesClusters { get; set; }

    /// <summary>No cluster is declared (gitops-build.yaml's clusters:): only in-cluster is known, not the cluster Secrets Argo CD has.</summary>
    public bool ClustersUnknown => Clusters.All(c => ReferenceEquals(c, ClusterInfo.InCluster));
    public List<Finding> Findings { get; } = [];
    public bool GoTemplate { get; } = appSet.At("/spec/goTemplate") is JsonValue v && v.TryGetValue<bool>(out var b) && b;
    public bool MissingKeyError { get; } = appSet.At("/spec/goTemplateOptions") is JsonArray options &&
        options.Any(o => o?.ToString().Replace(" ", "") == "missingkey=error");

    public string Object => $"ApplicationSet/{AppSet.Name}";
    public string File => IO.RepoPath.Relative(Root, AppSet.File);

    public WorkingTree Tree => trees(Root);

    /// <summary>Where a finding at <paramref name="pointer"/> of the ApplicationSet points: the file that made it when an app-of-apps rendered it, the artifact then related.</summary>
    private Location At(string pointer) => sources?.Locate(AppSet, pointer) ?? new Location(File, AppSet.LineOf(pointer), null, 0);

    /// <summary>A finding on the ApplicationSet, once (a matrix runs its second generator once per set of its first).</summary>
    public void Report(Rule rule, string pointer, string message)
    {
        var finding = At(pointer).Finding(rule, Object, $"ApplicationSet {AppSet.Name}: {message}");
        if (!Findings.Contains(finding)) Findings.Add(finding);
    }

    /// <summary>
    /// Renders each template against each parameter set in the ApplicationSet's syntax:
    /// [set][template], null for a set that failed (reported at <paramref name="pointerOf"/> of the
    /// failing template). Null altogether when Go templates cannot be rendered here (reported).
    /// </summary>
    public List<IReadOnlyList<string>?>? Render(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> sets, Func<int, string> pointerOf)
    {
        if (!GoTemplate) return sets.Select(s => (IReadOnlyList<string>?)templates.Select(t => FastTemplate.Render(t, s)).ToList()).ToList();
        if (Run(templates, sets, MissingKeyError, pointerOf) is not { } result) return null;
        foreach (var error in result.Errors.DistinctBy(e => (e.Template, e.Message))) ReportError(error, sets.Count, pointerOf);
        var outputs = result.Outputs.ToList();
        if (MissingKeyError) CheckMissingKeys(templates, sets, outputs, pointerOf);
        return outputs;
    }

    /// <summary>
    /// A matrix child's <c>values</c> rendered with the first child's parameters, as Argo CD
    /// resolves them before the child runs: with missingkey=error whatever the options, and a value
    /// that looks up a key those parameters lack kept as written (the child renders it with its own
    /// parameters). [set][template], null for a set where a value fails otherwise (reported).
    /// </summary>
    public List<IReadOnlyList<string>?>? ResolveOrKeep(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> sets, Func<int, string> pointerOf)
    {
        if (!GoTemplate) return Render(templates, sets, pointerOf); // fasttemplate keeps a tag no parameter names anyway
        var resolved = sets.Select(_ => templates.ToArray()).ToList();
        var failed = new bool[sets.Count];
        for (var k = 0; k < templates.Count; k++)
        {
            // One value at a time: a missing key in one keeps that one as written, not the others.
            if (Run([templates[k]], sets, missingKeyError: true, _ => pointerOf(k)) is not { } result) return null;
            for (var i = 0; i < sets.Count; i++)
            {
                if (result.Outputs[i] is [var text] && !AddsNoValue(templates[k], sets[i], text)) resolved[i][k] = text;
                else if (result.Outputs[i] == null && result.Errors.FirstOrDefault(e => e.Set == i || e.Set == null) is { } error && !IsMissingKey(error))
                {
                    if (!failed[i]) ReportError(error with { Template = 0 }, sets.Count, _ => pointerOf(k));
                    failed[i] = true;
                }
            }
        }
        return resolved.Select((r, i) => failed[i] ? null : (IReadOnlyList<string>?)r).ToList();
    }

    /// <summary>What Argo CD counts as a missing key under missingkey=error (helm reports a lookup through one as a nil pointer).</summary>
    private static bool IsMissingKey(GoTemplateError error) =>
        error.Message.Contains("map has no entry for key", StringComparison.Ordinal) ||
        error.Message.Contains("can't evaluate field", StringComparison.Ordinal) ||
        error.Message.Contains("nil pointer evaluating interface {}", StringComparison.Ordinal);

    private GoTemplateResult? Run(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> sets, bool missingKeyError, Func<int, string> pointerOf)
    {
        // ApplicationSetExpander.Expand stops (and says so) before any Render when there is no engine.
        var engine = go ?? throw new InvalidOperationException("goTemplate expansion without helm's template engine");
        for (var k = 0; k < templates.Count; k++)
        {
            // It would render with helm's engine, but Argo CD's does not know the function: it fails to parse.
            if (ArgoTemplateSemantics.HelmOnlyFunction(templates[k]) is { } function)
                return GoTemplateResult.Failed(sets.Count, new GoTemplateError(null, k,
                    $"function {function} is helm's, not Argo CD's: Argo CD fails to parse the template (function not defined)"));
        }
        try
        {
            return engine.Render(templates, sets, missingKeyError);
        }
        catch (Tools.Processes.ToolTimeoutException e)
        {
            // A template that never ends (nested until loops): stopped, and said so on the ApplicationSet.
            Findings.Add(At(pointerOf(0)).Finding(Rules.ToolTimeout, Object, $"ApplicationSet {AppSet.Name}: the goTemplate is not expanded: {e.Message}"));
            return null;
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // No helm here (not installed, not runnable) or helm said something unexpected: visible, never fatal.
            Report(Rules.AppSetNotExpanded, pointerOf(0), $"helm's template engine could not be run, so the goTemplate is not expanded: {MessageRedactor.Redact(e.Message)}");
            return null;
        }
    }

    private void ReportError(GoTemplateError error, int sets, Func<int, string> pointerOf)
    {
        var pointer = error.Template is { } k ? pointerOf(k) : pointerOf(0);
        var which = error.Set is { } i && sets > 1 ? $" (parameter set {i + 1} of {sets})" : "";
        Report(Rules.AppSetTemplate, pointer, $"the template does not render{which}: {error.Message}");
    }

    private const string NoValue = "<no value>";

    /// <summary>Go printed a missing key ("&lt;no value&gt;") into <paramref name="rendered"/>: neither the template nor the parameters hold the text.</summary>
    private static bool AddsNoValue(string template, JsonObject set, string rendered) =>
        rendered.Contains(NoValue, StringComparison.Ordinal) && !template.Contains(NoValue, StringComparison.Ordinal) &&
        !set.ToJsonString().Contains("\\u003Cno value\\u003E", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// missingkey=error: Go prints a missing key as "&lt;no value&gt;", and helm's engine cannot be
    /// switched to fail instead, so a rendered string holding it where neither the template nor the
    /// parameters do fails the set. (A missing key passed to a function is not caught this way.)
    /// </summary>
    private void CheckMissingKeys(IReadOnlyList<string> templates, IReadOnlyList<JsonObject> sets, List<IReadOnlyList<string>?> outputs, Func<int, string> pointerOf)
    {
        var reported = new HashSet<int>();
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i] is not { } rendered) continue;
            for (var k = 0; k < rendered.Count; k++)
            {
                if (!AddsNoValue(templates[k], sets[i], rendered[k])) continue;
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
