using System.Text.Json.Nodes;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;

namespace GitOps.Build.GitOps;

/// <summary>
/// Turns an Application's source into a <see cref="RenderUnit"/>: a Helm source with its value files
/// resolved as Argo CD does, a Kustomize overlay with its kustomization tree, a plugin source.
/// </summary>
internal static class Units
{
    /// <summary>A Kustomize overlay: built by <c>kubectl kustomize</c> after spec.source.kustomize is applied.</summary>
    public static RenderUnit Kustomize(ArgoApplication app, ApplicationSource source, string dir, LoadContext context, EnvironmentsConfig environments)
    {
        var tree = Kustomization.Read(dir, context.Root, source.Kustomize, app.Manifest, source.Pointer + "/kustomize");
        return Folder(app, source, dir, environments) with
        {
            Kind = SourceKind.Kustomize,
            KustomizeOptions = source.Kustomize,
            Inputs = tree.Files,
        };
    }

    /// <summary>An Application's directory sources: the plain manifests the loader read from <paramref name="files"/>.</summary>
    public static RenderUnit Plain(ArgoApplication app, ApplicationSource source, IReadOnlyList<string> files, EnvironmentsConfig environments) =>
        Folder(app, source, Path.GetDirectoryName(files[0])!, environments) with
        {
            Kind = SourceKind.Directory,
            App = app.AppLabel,
            Inputs = files,
        };

    /// <summary>A source a config management plugin renders: reported as not rendered.</summary>
    public static RenderUnit Plugin(ArgoApplication app, ApplicationSource source, string dir, LoadContext context, EnvironmentsConfig environments) =>
        Folder(app, source, dir, environments) with
        {
            Kind = SourceKind.Plugin,
            Inputs = IO.FolderWalk.Reachable(context.Root, dir).Files.Select(Path.GetFullPath).Order(StringComparer.Ordinal).ToList(),
        };

    private static RenderUnit Folder(ArgoApplication app, ApplicationSource source, string dir, EnvironmentsConfig environments)
    {
        var ns = app.EffectiveNamespace;
        var environment = RepositoryModel.EnvironmentOf(app, environments);
        return new RenderUnit(app, null, null, null, null, [], null, [], app.Name, ns, source.Pointer)
        {
            SourcePath = dir,
            Environment = environment,
            App = app.AppLabel ?? FolderAppName(dir, environment),
        };
    }

    private static readonly string[] OverlayFolders = ["overlays", "overlay", "envs", "env", "environments", "environment"];

    /// <summary>
    /// What people call the app of an overlay folder when no label says: <c>apps/web/envs/prod</c>,
    /// <c>apps/web/envs/prod-eu</c> and <c>apps/web/overlays/prod</c> are <c>web</c>; the environment's
    /// own name, a folder whose words name it (one prod folder per region) and the usual overlay
    /// folder names are skipped on the way up.
    /// </summary>
    private static string FolderAppName(string dir, string? environment)
    {
        for (var d = new DirectoryInfo(dir); d != null; d = d.Parent)
        {
            if (string.Equals(d.Name, environment, StringComparison.OrdinalIgnoreCase) ||
                environment is not null && string.Equals(EnvironmentInference.From(d.Name), environment, StringComparison.OrdinalIgnoreCase) ||
                OverlayFolders.Contains(d.Name, StringComparer.OrdinalIgnoreCase)) continue;
            return d.Name;
        }
        return Path.GetFileName(dir);
    }

    public static RenderUnit Local(ArgoApplication app, ApplicationSource source, string chartDir,
        IReadOnlyDictionary<string, ApplicationSource> refs, LoadContext context, EnvironmentsConfig environments) =>
        Build(app, source, chartDir, null, refs, context, environments);

    public static RenderUnit Remote(ArgoApplication app, ApplicationSource source,
        IReadOnlyDictionary<string, ApplicationSource> refs, LoadContext context, EnvironmentsConfig environments) =>
        Build(app, source, null, source, refs, context, environments);

    private static RenderUnit Build(ArgoApplication app, ApplicationSource source, string? chartDir, ApplicationSource? remote,
        IReadOnlyDictionary<string, ApplicationSource> refs, LoadContext context, EnvironmentsConfig environments)
    {
        var helm = source.Helm;
        var ignoreMissing = helm?["ignoreMissingValueFiles"] is JsonValue v && v.TryGetValue<bool>(out var ignore) && ignore;
        var valueFiles = new List<ValueFile>();
        if (helm?["valueFiles"] is JsonArray declared)
        {
            for (var i = 0; i < declared.Count; i++)
            {
                var text = declared[i]?.ToString() ?? "";
                var pointer = $"{source.Pointer}/helm/valueFiles/{i}";
                var problems = new List<Findings.Finding>();
                var file = Resolve(text, chartDir, refs, context, app, pointer, problems);
                var exists = file != null && File.Exists(file);
                // A file outside this repository (a URL, a $ref to another repository, inside a remote chart)
                // cannot be checked here; a $ref that names no source was reported by Resolve.
                if (!exists && !ignoreMissing && file != null)
                {
                    problems.Add(context.Problem(Rules.GitOpsValues, app, pointer,
                        $"value file '{text}' does not exist{(file != null ? $" (resolved to {context.Relative(file)})" : "")}"));
                }
                context.Problems.AddRange(problems);
                valueFiles.Add(new ValueFile(text, file, exists, ignoreMissing) { Problems = problems });
            }
        }

        string? inline = null;
        if (helm?["valuesObject"] is JsonObject valuesObject) inline = GoReadableJson.Text(valuesObject);
        else if (helm?["values"] is JsonValue values && values.TryGetValue<string>(out var text) && text.Trim().Length > 0) inline = text;

        var parameters = helm?["parameters"] is JsonArray ps
            ? ps.OfType<JsonObject>().Select(p => new HelmParameter(
                p["name"]?.ToString() ?? "",
                p["value"]?.ToString() ?? "",
                p["forceString"] is JsonValue f && f.TryGetValue<bool>(out var force) && force)).ToList()
            : [];

        var ns = app.EffectiveNamespace;
        var environment = RepositoryModel.EnvironmentOf(app, environments);
        var appName = app.AppLabel ?? remote?.Chart ?? ChartName(chartDir!);
        // Every file helm can read of the chart (templates, .Files.Get, subcharts), through links inside the repository.
        IEnumerable<string> chartFiles = chartDir != null && Directory.Exists(chartDir)
            ? IO.FolderWalk.Reachable(context.Root, chartDir).Files
            : [];
        return new RenderUnit(app, chartDir, remote?.Chart, remote?.RepoUrl, remote?.TargetRevision, valueFiles, inline, parameters,
            helm?["releaseName"]?.ToString() is { Length: > 0 } release ? release : app.Name, ns, source.Pointer)
        {
            Environment = environment,
            App = appName,
            Inputs = chartFiles.Concat(valueFiles.Where(v => v.Exists).Select(v => v.Path!))
                .Select(Path.GetFullPath).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The chart's own name (Chart.yaml), which is what people call the app when no label says otherwise.</summary>
    private static string ChartName(string chartDir)
    {
        try
        {
            return ManifestReader.ReadFile(Path.Combine(chartDir, "Chart.yaml")).FirstOrDefault()?.Text("/name") ?? Path.GetFileName(chartDir);
        }
        catch (Exception e) when (e is ManifestParseException or IOException)
        {
            return Path.GetFileName(chartDir);
        }
    }

    /// <summary>
    /// Argo CD resolves a value file relative to the source's path; <c>$ref/…</c> is relative to
    /// the root of the source named by <c>ref</c>. Returns null for files outside this repository;
    /// a value file Argo CD would refuse goes to <paramref name="problems"/>.
    /// </summary>
    private static string? Resolve(string declared, string? chartDir, IReadOnlyDictionary<string, ApplicationSource> refs,
        LoadContext context, ArgoApplication app, string pointer, List<Findings.Finding> problems)
    {
        if (declared.StartsWith("http://") || declared.StartsWith("https://")) return null;
        string? path;
        if (declared.StartsWith('$'))
        {
            var slash = declared.IndexOf('/');
            var refName = slash > 0 ? declared[1..slash] : declared[1..];
            if (!refs.TryGetValue(refName, out var refSource))
            {
                problems.Add(context.Problem(Rules.GitOpsValues, app, pointer,
                    $"value file '{declared}' names ${refName}, but no source has ref: {refName}; add one"));
                return null;
            }
            if (!context.Identity.Contains(refSource.RepoUrl)) return null;
            path = Path.GetFullPath(Path.Combine(context.Root, slash > 0 ? declared[(slash + 1)..] : ""));
        }
        else if (chartDir != null)
        {
            path = Path.GetFullPath(declared.StartsWith('/') ? Path.Combine(context.Root, declared.TrimStart('/')) : Path.Combine(chartDir, declared));
        }
        else
        {
            return null; // relative to a remote chart: inside the chart archive, not this repository
        }
        if (!IO.RepoPath.IsInside(context.Root, path))
        {
            problems.Add(context.Problem(Rules.GitOpsValues, app, pointer,
                $"value file '{declared}' resolves outside the repository ({path}); keep value files inside it"));
            return null;
        }
        return path;
    }
}
