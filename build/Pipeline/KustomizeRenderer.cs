using System.Diagnostics;
using System.Text.Json.Nodes;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps;
using GitOps.Build.IO;
using GitOps.Build.Kubectl;
using GitOps.Build.Manifests;
using GitOps.Build.Tools.Caching;
using GitOps.Build.Tools.Processes;

namespace GitOps.Build.Pipeline;

/// <summary>
/// Kustomize sources: <c>kubectl kustomize &lt;overlay&gt;</c> with the pinned kubectl (<see cref="IKubectl"/>),
/// as Argo CD's repo-server runs kustomize build. When the Application sets <c>spec.source.kustomize</c>, the
/// overlay is built from a scratch copy of the repository (the folders of the tree's kustomizations)
/// whose kustomization carries those edits
/// (<see cref="KustomizeEdits"/>), never from the repository itself. A kustomization tree that uses
/// <c>helmCharts</c> is built with <c>--enable-helm</c> and the pinned helm, also from a copy (kustomize
/// writes pulled charts next to the kustomization). A unit's <see cref="RenderUnit.FileOverrides"/> are
/// built the same way, from a copy holding the replacement files. Lint is the same build: its findings are
/// the same, and the build is done once for both (the result cache remembers this run's builds by content,
/// see <see cref="ResultCache"/>; across runs it keeps the successful ones, so an unchanged overlay is not
/// built again).
/// <para>
/// Before kustomize runs, the tree (<see cref="Kustomization"/>) is checked: whatever the load
/// restrictor, an entry that would read outside the repository stops the unit (GITOPS-PATH at the
/// entry's file and line); a remote base or chart the run may not fetch (<see cref="FetchPolicy"/>:
/// none with --offline, else network.allowedHosts) is reported as not rendered (REMOTE-RESOURCE,
/// REMOTE-CHART) and kustomize is not run; the values helm would read for helmCharts are held to the
/// YAML limits. kustomize is never given <c>--enable-alpha-plugins</c> or <c>--enable-exec</c>: a
/// plugin config cannot run anything.
/// </para>
/// </summary>
/// <param name="loadRestrictor">
/// Argo CD's <c>kustomize.buildOptions</c> <c>--load-restrictor</c> (argocd-cm), as the repository
/// configuration gives it (argocd.kustomize.loadRestrictor); null: kustomize's default, root only.
/// </param>
/// <param name="network">What kustomize may fetch; null: nothing (as --offline).</param>
/// <param name="results">The run's result cache; null: one of this renderer's own, in memory.</param>
public sealed partial class KustomizeRenderer(IKubectl kubectl, Func<string> kubectlPath, Func<string> helmPath, string? loadRestrictor = null,
    FetchPolicy? network = null, ResultCache? results = null) : ISourceRenderer
{
    /// <param name="kubectlPath">The kubectl that builds (its kustomize); <paramref name="helmPath"/> the helm kustomize runs for helmCharts.</param>
    public KustomizeRenderer(string kubectlPath, string helmPath, string? loadRestrictor = null, FetchPolicy? network = null)
        : this(KubectlRunner.Standalone(), () => kubectlPath, () => helmPath, loadRestrictor, network) { }

    private readonly FetchPolicy _network = network ?? FetchPolicy.None;

    private readonly ResultCache _results = results ?? new ResultCache(folder: null);

    public SourceKind Kind => SourceKind.Kustomize;

    public UnitOutcome Lint(RepositoryModel model, RenderUnit unit)
    {
        var (outcome, _, _) = Build(model, unit);
        return outcome.Status == UnitStatus.NotRendered && !outcome.Failed ? outcome : outcome with { Status = outcome.Failed ? UnitStatus.Failed : UnitStatus.Passed, Detail = null };
    }

    public RenderResult Render(RepositoryModel model, RenderUnit unit, string artifact)
    {
        var (outcome, text, origins) = Build(model, unit);
        if (text == null) return new RenderResult(outcome, artifact, null, null);
        try
        {
            var objects = WithOrigins(ManifestReader.Read(text, model.Relative(artifact)), text, origins);
            return new RenderResult(outcome with { Status = UnitStatus.Rendered, Detail = $"{objects.Count} objects" }, artifact, text, objects);
        }
        catch (ManifestParseException e)
        {
            var finding = Rules.KustomizeBuild.At($"Application/{unit.Name}", e.File, e.Line, "rendered output is not valid YAML: " + e.Message);
            return new RenderResult(outcome with { Status = UnitStatus.Failed, Detail = null, Findings = Suppressions.Unsuppressed([finding], unit.Application.Manifest) }, artifact, text, null);
        }
    }

    /// <summary>
    /// Each object with the file kustomize says made it (<see cref="ManifestObject.SourceTemplate"/>):
    /// the origin of its document, counted by the <c>---</c> lines above the object.
    /// </summary>
    private static IReadOnlyList<ManifestObject> WithOrigins(IReadOnlyList<ManifestObject> objects, string text, IReadOnlyList<KustomizeOrigin?> origins)
    {
        if (origins.Count == 0) return objects;
        var separators = text.Split('\n').Select((line, i) => (line, i)).Where(l => l.line == "---").Select(l => l.i + 1).ToList();
        return objects.Select(o => separators.Count(s => s < o.Line) is var document && document < origins.Count && origins[document]?.File is { } file
            ? o.FromSource(file) : o).ToList();
    }

    private (UnitOutcome Outcome, string? Text, IReadOnlyList<KustomizeOrigin?> Origins) Build(RepositoryModel model, RenderUnit unit)
    {
        var clock = Stopwatch.StartNew();
        var overlay = unit.SourcePath ?? throw new InvalidOperationException($"{unit.Id}: a Kustomize unit without a source folder");
        var tree = Kustomization.Read(overlay, model.Root, unit.KustomizeOptions, unit.Application.Manifest, unit.SourcePointer + "/kustomize");
        var kustomizationFile = Kustomization.FileIn(overlay);
        UnitOutcome Fail(IEnumerable<Finding> findings) =>
            new(unit.Id, UnitStatus.Failed, Suppressions.Unsuppressed(findings, unit.Application.Manifest), clock.Elapsed);

        if (tree.Outside.Count > 0)
        {
            return (Fail(tree.Outside.Select(o => Rules.GitOpsPath.At($"Application/{unit.Name}", model.Relative(o.Entry.KustomizationFile), o.Entry.Line,
                $"the {o.Entry.Field} entry {o.Entry.Value} {o.Why}; not built (nothing outside the repository is read, whatever the load restrictor): keep what the kustomization reads inside the repository"))), null, []);
        }
        if (loadRestrictor == "LoadRestrictionsNone" && tree.RewrittenConfigs.Count > 0)
        {
            return (Fail(tree.RewrittenConfigs.Select(r => Rules.GitOpsPath.At($"Application/{unit.Name}", model.Relative(r.Entry.KustomizationFile), r.Entry.Line,
                $"the {r.Entry.Field} entry {r.Entry.Value} is a folder whose kustomization rewrites the configs it holds ({r.Field}:), so the files they name are known only once kustomize " +
                "has built it, too late to check; with argocd.kustomize.loadRestrictor LoadRestrictionsNone they could be anywhere on this machine. Not built: list the configs as files, " +
                "or write the finished configs into the folder"))), null, []);
        }
        if (NotFetched(model, unit, tree) is { Count: > 0 } refused)
        {
            var remote = refused.Any(f => f.RuleId == Rules.RemoteChart.Id) ? "remote chart" : "remote resource";
            return (new UnitOutcome(unit.Id, UnitStatus.NotRendered, Suppressions.Unsuppressed(refused, unit.Application.Manifest), clock.Elapsed, remote), null, []);
        }
        ProcessResult result;
        try
        {
            // A tree that fetches a remote base or chart reads what its key cannot cover: kept for this run only.
            var fetches = tree.RemoteCharts.Count > 0 || tree.Remotes.Count > 0;
            result = _results.GetOrRun(ResultCache.Kustomize, Key(model, unit, tree), () => BuildOnce(model, unit, tree), lasting: !fetches);
        }
        catch (BuildRefused refusal)
        {
            return (refusal.OnTheApplication ? Fail(refusal.Findings) : new UnitOutcome(unit.Id, UnitStatus.Failed, refusal.Findings, clock.Elapsed), null, []);
        }
        if (!result.Succeeded)
        {
            var error = result.Error;
            if (Unreachable(tree, error) is { } remote)
            {
                // As for an Application's remote chart: offline, it is not rendered, and the run says so (a warning, not a broken overlay).
                var notRendered = Rules.RemoteChart.At($"Application/{unit.Name}", model.Relative(remote.KustomizationFile), remote.Line,
                    $"not rendered (kustomize helmCharts chart {remote.Name} {remote.Version} from {remote.Repo}: the repository is unreachable); " +
                    "kustomize pulls it when it builds, so build where the repository is reachable, or keep the chart in the kustomization's chartHome (helmGlobals.chartHome, default charts/)");
                return (new UnitOutcome(unit.Id, UnitStatus.NotRendered, Suppressions.Unsuppressed([notRendered], unit.Application.Manifest), clock.Elapsed, "remote chart"), null, []);
            }
            if (UnfetchedRemote(tree, error) is { } entry)
            {
                var notFetched = Rules.RemoteResource.At($"Application/{unit.Name}", model.Relative(entry.KustomizationFile), entry.Line,
                    $"not rendered (the {entry.Field} entry {entry.Value} is a remote kustomize resource and cannot be fetched here: the remote is unreachable); build where it is reachable, or vendor it into the repository");
                return (new UnitOutcome(unit.Id, UnitStatus.NotRendered, Suppressions.Unsuppressed([notFetched], unit.Application.Manifest), clock.Elapsed, "remote resource"), null, []);
            }
            return (Fail([Failure(model, unit, tree, kustomizationFile, error)]), null, []);
        }
        // The origin annotations this build asked kustomize for are taken out before anything sees the objects.
        var (output, origins) = AsksForOrigins(unit) ? KustomizeOrigins.Strip(result.Output) : (result.Output, []);
        return (new UnitOutcome(unit.Id, UnitStatus.Passed, [], clock.Elapsed), output.EndsWith('\n') ? output : output + "\n", origins);
    }

    /// <summary>
    /// What the build's result depends on, for the result cache: kubectl (and the helm it runs for
    /// helmCharts), the load restrictor, the overlay's place in the repository, the Application's
    /// kustomize edits, and every file of the kustomization tree (the components and patches those edits
    /// add included) and of the unit's inputs, by its path in the repository and its content, with the
    /// unit's file overrides in place.
    /// </summary>
    private string Key(RepositoryModel model, RenderUnit unit, Kustomization tree)
    {
        using var key = new CacheKey();
        key.Tool(kubectlPath());
        if (tree.UsesHelmCharts) key.Tool(helmPath());
        key.Text(loadRestrictor ?? "").Text(model.Relative(unit.SourcePath!)).Text(unit.KustomizeOptions?.ToJsonString() ?? "");
        // The output holds the origin annotations (paths relative to the repository) when the build asks for them.
        key.Text(AsksForOrigins(unit) ? "origin annotations, repository-relative" : "");
        foreach (var file in tree.Files.Concat(unit.Inputs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            key.File(model.Relative(file), unit.FileOverrides.TryGetValue(file, out var replacement) ? replacement : file);
        }
        foreach (var (original, replacement) in unit.FileOverrides.OrderBy(o => o.Key, StringComparer.Ordinal)) key.File("override " + model.Relative(original), replacement);
        return key.Value();
    }

    /// <summary>
    /// The build is not run: its inputs cross a YAML limit, or the Application's kustomize edits cannot be
    /// applied. Findings, not a build result (never kept); <see cref="OnTheApplication"/>: they may be
    /// suppressed on the Application.
    /// </summary>
    private sealed class BuildRefused(IReadOnlyList<Finding> findings, bool onTheApplication) : Exception("the kustomize build is refused")
    {
        public IReadOnlyList<Finding> Findings { get; } = findings;
        public bool OnTheApplication { get; } = onTheApplication;
    }

    /// <summary>
    /// One <c>kubectl kustomize</c> of the unit: from the repository, or from a scratch copy holding the
    /// edits and overrides (deleted afterwards). Its error names repository paths, never the copy's.
    /// Only when it runs are its inputs held to the YAML limits: a cached result's inputs passed them, since
    /// a result is kept only after they did and is read only by the build of the program that kept it
    /// (<see cref="ResultCache.Program"/>), whose limits are the same; so a tree over a limit is refused
    /// the same way whether a result for its content is cached or not, without parsing the tree on every hit.
    /// </summary>
    private ProcessResult BuildOnce(RepositoryModel model, RenderUnit unit, Kustomization tree)
    {
        // kustomize (and the helm it runs) would expand an alias bomb before refusing it: refused here first.
        if (RenderInputLimits.Check(model, unit, YamlInputs(tree).Concat(tree.HelmValues.Select(v => v.Path))) is { } overLimit)
            throw new BuildRefused([overLimit], onTheApplication: false);
        var overlay = unit.SourcePath!;
        var edits = KustomizeEdits.Changes(unit.KustomizeOptions);
        var origins = AsksForOrigins(unit);
        ScratchFolder? scratch = null;
        try
        {
            var buildRoot = model.Root;
            var buildDir = overlay;
            var settings = new KubectlKustomizeSettings { LoadRestrictor = loadRestrictor };
            if (origins) scratch = ScratchFolder.Create("kustomize");
            if (edits || tree.UsesHelmCharts || unit.FileOverrides.Count > 0)
            {
                scratch ??= ScratchFolder.Create("kustomize");
                buildRoot = scratch.File("repo");
                CopyReachable(model.Root, buildRoot, tree);
                buildDir = Path.Combine(buildRoot, Path.GetRelativePath(model.Root, overlay));
                foreach (var (original, replacement) in unit.FileOverrides)
                {
                    if (!RepoPath.IsUnder(model.Root, original))
                        throw new InvalidOperationException($"{unit.Id}: the override {original} is outside the repository");
                    File.Copy(replacement, Path.Combine(buildRoot, Path.GetRelativePath(model.Root, original)), overwrite: true);
                }
                if (edits && Edit(model, unit, buildDir) is { Count: > 0 } problems) throw new BuildRefused(problems, onTheApplication: true);
                // helm, when kustomize runs it, keeps its cache and configuration in the scratch folder.
                settings.EnvironmentVariables["HELM_CACHE_HOME"] = scratch.File("helm-cache");
                settings.EnvironmentVariables["HELM_CONFIG_HOME"] = scratch.File("helm-config");
                settings.EnvironmentVariables["HELM_DATA_HOME"] = scratch.File("helm-data");
            }
            // Offline, whatever a check missed meets a closed proxy.
            var proxy = new Dictionary<string, string?>();
            _network.Apply(proxy);
            foreach (var (name, value) in proxy) settings.EnvironmentVariables[name] = value ?? "";
            settings.ToolPath = kubectlPath();
            var wrapper = origins ? Wrap(buildDir, scratch!.File("origins")) : null;
            settings.Directory = wrapper ?? buildDir;
            if (tree.UsesHelmCharts)
            {
                settings.EnableHelm = true;
                settings.HelmCommand = helmPath();
            }
            var result = kubectl.Kustomize(settings);
            if (wrapper == null) return result.Succeeded ? result : result with { Error = Clean(result.Error, buildRoot, model.Root) };
            if (!result.Succeeded) return result with { Error = Clean(KustomizeOrigins.Unwrapped(result.Error), buildRoot, model.Root) };
            // Origins as kustomize writes them are relative to the wrapper; kept (and cached) relative to the repository.
            var (from, within) = (RepoPath.RealPath(wrapper), RepoPath.RealPath(buildRoot));
            return result with
            {
                Output = KustomizeOrigins.Relocate(result.Output, path => Path.GetFullPath(path, from) is var file && path.Length > 0 && RepoPath.IsUnder(within, file)
                    ? Path.GetRelativePath(within, file).Replace('\\', '/') : null),
            };
        }
        finally
        {
            scratch?.Dispose();
        }
    }

    /// <summary>
    /// Whether the build asks kustomize for its origin annotations (and takes them out again): unless the
    /// overlay's kustomization has buildMetadata of its own, which kustomize honours only in the top
    /// kustomization (under the wrapper it would be lost, and origin annotations it asks for are part of what it deploys).
    /// </summary>
    private static bool AsksForOrigins(RenderUnit unit)
    {
        if (Kustomization.FileIn(unit.SourcePath!) is not { } file) return false;
        var text = File.ReadAllText(unit.FileOverrides.GetValueOrDefault(file) ?? file);
        return !text.Contains("buildMetadata", StringComparison.Ordinal);
    }

    /// <summary>
    /// A wrapper kustomization in <paramref name="folder"/> over the overlay at <paramref name="buildDir"/>
    /// that asks for origin annotations (see <see cref="KustomizeOrigins"/>); null when it cannot be made
    /// (no relative path between them; an overlay kustomization that does not parse: its own build says why).
    /// </summary>
    private static string? Wrap(string buildDir, string folder)
    {
        if (Kustomization.FileIn(buildDir) is not { } file) return null;
        JsonNode? sortOptions;
        try { sortOptions = ManifestReader.ReadFile(file).FirstOrDefault()?.Body["sortOptions"]; }
        catch (ManifestParseException) { return null; }
        Directory.CreateDirectory(folder);
        // kustomize resolves the path from the wrapper's real folder, links followed.
        var overlay = Path.GetRelativePath(RepoPath.RealPath(folder), RepoPath.RealPath(buildDir));
        if (Path.IsPathRooted(overlay)) return null;
        File.WriteAllText(Path.Combine(folder, "kustomization.yaml"), KustomizeOrigins.Wrapper(overlay, sortOptions));
        return folder;
    }

    /// <summary>The YAML files of the tree kustomize parses (not the charts it inflates: their templates are Go templates, their values are checked as helm's).</summary>
    private static IEnumerable<string> YamlInputs(Kustomization tree)
    {
        var charts = tree.HelmValues.Select(v => v.Path).Where(Directory.Exists).ToList();
        return tree.Files.Where(f => Path.GetExtension(f) is ".yaml" or ".yml" or ".json" && !charts.Any(c => RepoPath.IsUnder(c, f)));
    }

    /// <summary>
    /// The remote bases and charts of the tree this run may not fetch, as findings: kustomize would
    /// fetch every one of them (from any address the repository names), so none is run unless all may be.
    /// </summary>
    private List<Finding> NotFetched(RepositoryModel model, RenderUnit unit, Kustomization tree)
    {
        var findings = new List<Finding>();
        foreach (var chart in tree.RemoteCharts)
        {
            if (_network.Refusal(chart.Repo) is not { } why) continue;
            findings.Add(Rules.RemoteChart.At($"Application/{unit.Name}", model.Relative(chart.KustomizationFile), chart.Line,
                $"not rendered (kustomize helmCharts chart {chart.Name} {chart.Version} from {chart.Repo}: not fetched, {why}); " +
                "kustomize pulls it when it builds, so build where its host may be reached, or keep the chart in the kustomization's chartHome (helmGlobals.chartHome, default charts/)"));
        }
        foreach (var entry in tree.Remotes)
        {
            if (_network.Refusal(entry.Value) is not { } why) continue;
            findings.Add(Rules.RemoteResource.At($"Application/{unit.Name}", model.Relative(entry.KustomizationFile), entry.Line,
                $"not rendered (the {entry.Field} entry {entry.Value} is a remote kustomize resource and is not fetched: {why}); build where it may be reached, or vendor it into the repository"));
        }
        return findings;
    }

    /// <summary>The overlay's kustomization in the copy, rewritten with the Application's edits.</summary>
    private static List<Finding> Edit(RepositoryModel model, RenderUnit unit, string buildDir)
    {
        var pointer = unit.SourcePointer + "/kustomize";
        Finding OnApplication(string message) =>
            new SourceFiles(model).Locate(unit.Application, pointer).Finding(Rules.KustomizeBuild, $"Application/{unit.Name}", message);

        var file = Kustomization.FileIn(buildDir);
        JsonObject kustomization;
        if (file == null)
        {
            // Argo CD fails the same way: its kustomize edits need a kustomization to edit.
            return [OnApplication($"{model.Relative(unit.SourcePath!)} holds no kustomization ({string.Join(", ", Kustomization.FileNames)}), which spec.source.kustomize needs: add one that lists the folder's manifests as resources")];
        }
        try
        {
            kustomization = ManifestReader.ReadFile(file).FirstOrDefault()?.Body ?? new JsonObject();
        }
        catch (ManifestParseException e)
        {
            return [Rules.KustomizeBuild.At($"Application/{unit.Name}", model.Relative(Path.Combine(unit.SourcePath!, Path.GetFileName(file))), e.Line, e.Message)];
        }
        var errors = KustomizeEdits.Apply(kustomization, unit.KustomizeOptions!, buildDir);
        if (errors.Count > 0) return errors.Select(OnApplication).ToList();
        // JSON is YAML: kustomize reads the edited kustomization as it reads the original.
        File.WriteAllText(file, GoReadableJson.Text(kustomization));
        return [];
    }

    /// <summary>
    /// The build's error as a finding on the kustomization file: at the entry whose file or folder the
    /// message names when there is one (in whichever kustomization of the tree lists it), else at the
    /// overlay's kustomization file.
    /// </summary>
    private static Finding Failure(RepositoryModel model, RenderUnit unit, Kustomization tree, string? kustomizationFile, string message)
    {
        // kustomize nests its errors outside in: the entry named last is the innermost, the one at fault.
        var entry = tree.Entries
            .Select(e =>
            {
                var path = e.Resolved;
                var at = new[] { $"'{e.Value}'", $"'{e.Value.TrimEnd('/')}'", path, model.Relative(path) }
                    .Max(form => message.LastIndexOf(form, StringComparison.Ordinal));
                return (Entry: e, At: at);
            })
            .Where(m => m.At >= 0)
            .OrderByDescending(m => m.At).ThenByDescending(m => m.Entry.Value.Length)
            .Select(m => m.Entry)
            .FirstOrDefault() ?? PatchEntry(tree, message);
        var file = entry?.KustomizationFile ?? kustomizationFile ?? unit.SourcePath!;
        var line = entry?.Line ?? 1;
        if (message.Contains("invalid Kustomization", StringComparison.Ordinal) && Unparsed(tree) is { } unparsed)
        {
            (file, line) = unparsed;
            entry = null;
        }
        else if (entry == null && Unparsed(tree) is { } other) (file, line) = other;
        else if (entry != null && MalformedLine().Match(message) is { Success: true } malformed &&
                 entry.Resolved is var resource && File.Exists(resource))
        {
            (file, line) = (resource, int.Parse(malformed.Groups["line"].Value)); // a resource that is not valid YAML: at its own line
        }
        // A secretGenerator's literals (every one of them, when one is malformed) are printed unquoted: taken out first.
        var text = message.Length > 0 ? MessageRedactor.Without(message, tree.SecretValues) : "kubectl kustomize failed without a message";
        if (entry != null && file == entry.KustomizationFile && !Kustomization.IsRemote(entry.Value) &&
            entry.Resolved is var missing &&
            !File.Exists(missing) && !Directory.Exists(missing))
        {
            // kustomize says so three times over, with every path it tried; one sentence is enough.
            text = $"{model.Relative(missing)} does not exist";
        }
        // The entry is named unquoted: the redactor takes quoted text out of kustomize's message, and a path is no secret.
        var at = entry != null ? $" at the {entry.Field} entry {entry.Value}" : "";
        return Rules.KustomizeBuild.At($"Application/{unit.Name}", model.Relative(file), line,
            $"kubectl kustomize {model.Relative(unit.SourcePath!)} failed{at}: {text}");
    }

    /// <summary>
    /// The helmCharts chart a build failed on because its Helm repository could not be reached (this
    /// machine is offline): the one whose repository the message names, else the tree's first remote
    /// chart; null when the failure is anything else.
    /// </summary>
    private static KustomizeRemoteChart? Unreachable(Kustomization tree, string error)
    {
        if (tree.RemoteCharts.Count == 0 || !UnreachableRepository().IsMatch(error)) return null;
        return tree.RemoteCharts.FirstOrDefault(c => error.Contains(c.Repo.TrimEnd('/'), StringComparison.Ordinal)) ?? tree.RemoteCharts[0];
    }

    /// <summary>
    /// The remote entry (a git or http URL) of the tree a build failed on because kustomize could not
    /// fetch it (git fetch or an http get that found no network): the one the message names, else the
    /// tree's first remote entry; null when the failure is anything else.
    /// </summary>
    private static KustomizationEntry? UnfetchedRemote(Kustomization tree, string error)
    {
        var remotes = tree.Entries.Where(e => Kustomization.IsRemote(e.Value)).ToList();
        if (remotes.Count == 0 || !UnreachableRepository().IsMatch(error) && !RemoteFetch().IsMatch(error)) return null;
        return remotes.FirstOrDefault(e => error.Contains($"'{e.Value}'", StringComparison.Ordinal)) ?? remotes[0];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"failed to run '[^']*git (fetch|clone)|unable to access|Could not resolve host|Could not read from remote repository")]
    private static partial System.Text.RegularExpressions.Regex RemoteFetch();

    [System.Text.RegularExpressions.GeneratedRegex(@"cannot be reached|no such host|dial tcp|connection refused|network is unreachable|i/o timeout|TLS handshake timeout|Temporary failure in name resolution")]
    private static partial System.Text.RegularExpressions.Regex UnreachableRepository();

    /// <summary>A patch that matches nothing: kustomize names its target (<c>Id Deployment.v1.apps/web.[noNs]</c>); the patch file that names it.</summary>
    private static KustomizationEntry? PatchEntry(Kustomization tree, string message)
    {
        var match = PatchTarget().Match(message);
        if (!match.Success) return null;
        var name = match.Groups["name"].Value;
        return tree.Entries.Where(e => e.Field is "patches" or "patchesStrategicMerge" or "patchesJson6902")
            .FirstOrDefault(e =>
            {
                var path = e.Resolved;
                try { return File.Exists(path) && File.ReadAllText(path).Contains(name, StringComparison.Ordinal); }
                catch (IOException) { return false; }
            });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"MalformedYAMLError: yaml: line (?<line>[0-9]+)")]
    private static partial System.Text.RegularExpressions.Regex MalformedLine();

    [System.Text.RegularExpressions.GeneratedRegex(@"Id (?<kind>[A-Za-z0-9]+)\.[^/\s]*/(?<name>[^.\s\[\]]+)")]
    private static partial System.Text.RegularExpressions.Regex PatchTarget();

    /// <summary>The kustomization of the tree that is not valid YAML, at the line the parser names.</summary>
    private static (string File, int Line)? Unparsed(Kustomization tree)
    {
        foreach (var file in tree.KustomizationFiles)
        {
            try { ManifestReader.ReadFile(file); }
            catch (ManifestParseException e) { return (file, Math.Max(1, e.Line)); }
            catch (IOException) { }
        }
        return null;
    }

    /// <summary>kubectl's message without its "error: " prefix and with paths relative to the repository.</summary>
    private static string Clean(string error, string buildRoot, string root)
    {
        var text = error.Trim();
        if (text.StartsWith("error: ", StringComparison.Ordinal)) text = text["error: ".Length..];
        foreach (var prefix in new[] { buildRoot, root }.Distinct())
        {
            text = text.Replace(prefix.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
                       .Replace(prefix.TrimEnd(Path.DirectorySeparatorChar), ".", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>
    /// The part of the repository the build can read into <paramref name="target"/>, at the same
    /// relative paths. Under kustomize's default load restrictor a kustomization reads only below its
    /// own folder, and the tree (the components and patches the Application adds included) holds every
    /// kustomization: their folders are all the build can read (each copied once, an inner one with
    /// the outer one), however large the repository around them. With LoadRestrictionsNone a
    /// kustomization may read beside its folder: every top-level folder that holds a file of the tree.
    /// The whole repository, but for the build's own folders, when a kustomization is the repository's root.
    /// </summary>
    private void CopyReachable(string root, string target, Kustomization tree)
    {
        var anywhere = loadRestrictor == "LoadRestrictionsNone";
        var folders = (anywhere ? tree.Files.Concat(tree.KustomizationFiles) : tree.KustomizationFiles)
            .Select(f => Path.GetRelativePath(root, f))
            .Select(r => anywhere ? (r.Contains(Path.DirectorySeparatorChar) ? r[..r.IndexOf(Path.DirectorySeparatorChar)] : "") : Path.GetDirectoryName(r) ?? "")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (folders.Count == 0 || folders.Any(f => f.Length == 0 || f.StartsWith("..", StringComparison.Ordinal)))
        {
            CopyRepository(root, root, target, top: true);
            return;
        }
        Directory.CreateDirectory(target);
        foreach (var folder in folders.Where(f => !folders.Any(outer => f.StartsWith(outer + Path.DirectorySeparatorChar, StringComparison.Ordinal))))
        {
            CopyRepository(root, Path.Combine(root, folder), Path.Combine(target, folder), top: false);
        }
    }

    /// <summary>
    /// The repository's files into <paramref name="target"/>, without the folders no kustomization reads.
    /// A symlink to a file inside the repository is copied as the file; one that points outside is
    /// left out (never read); folder links are not followed.
    /// </summary>
    private static void CopyRepository(string root, string source, string target, bool top)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            if (new FileInfo(file).LinkTarget != null && !RepoPath.IsInside(root, file)) continue;
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        foreach (var dir in Directory.EnumerateDirectories(source))
        {
            var name = Path.GetFileName(dir);
            if ((top ? FolderWalk.NotRepositoryContent.Contains(name) : name == ".git") || new DirectoryInfo(dir).LinkTarget != null) continue;
            CopyRepository(root, dir, Path.Combine(target, name), top: false);
        }
    }
}
