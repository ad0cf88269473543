using GitOps.Build.Config;
using GitOps.Build.GitOps;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;

namespace GitOps.Build.Checks;

/// <summary>
/// Who deploys what: each Application's rendered objects (helm), the plain manifests of its
/// directory sources, and the Applications/AppProjects that live in its directory source (the
/// root app deploys the child Applications, and the ApplicationSets whose generated Applications
/// count as deployed by the same owner). Applications and AppProjects deployed by nobody
/// (the root app, projects applied by Bootstrap) are still checked, with no owner.
/// </summary>
public sealed class Deployments
{
    public required IReadOnlyDictionary<ArgoApplication, IReadOnlyList<CheckedObject>> ByApplication { get; init; }
    /// <summary>Each Application's own manifest as a checked object (owned by its parent, if any).</summary>
    public required IReadOnlyDictionary<ArgoApplication, CheckedObject> ApplicationTargets { get; init; }
    public required IReadOnlyList<CheckedObject> All { get; init; }
    /// <summary>Where findings on the model's objects point (one reader of chart templates and kustomize inputs for the run's checks).</summary>
    public required SourceFiles Sources { get; init; }

    /// <summary>
    /// The declared environment whose namespace an object names when that is not its Application's destination
    /// namespace (on the Application's cluster): Argo CD applies an object where it says, so a dev Application's
    /// object in prod's namespace runs in prod and is judged by prod's rules. Null: it lands where its Application does.
    /// </summary>
    public static EnvironmentPolicy? LandsIn(RepositoryModel model, ArgoApplication app, ManifestObject o, string? destinationNamespace)
    {
        if (model.Environments.Inferred || o.Namespace is not { Length: > 0 } ns || ns == destinationNamespace) return null;
        return model.Environments.ByDestination(ns, app.DestinationServer, app.DestinationName, null) is { Namespace: { } declared } env && declared == ns ? env : null;
    }

    /// <param name="rendered">The rendered objects by unit id (<see cref="RenderUnit.Id"/>).</param>
    public static Deployments Collect(RepositoryModel model, IReadOnlyDictionary<string, IReadOnlyList<ManifestObject>> rendered)
    {
        var byApp = model.Applications.ToDictionary(a => a, _ => new List<CheckedObject>());
        var appTargets = new Dictionary<ArgoApplication, CheckedObject>();
        var loose = new List<CheckedObject>();

        // A Directory unit's rendering is its DirectoryObjects, taken below once per Application.
        var sources = new SourceFiles(model);
        foreach (var unit in model.Units.Where(u => u.Kind != SourceKind.Directory))
        {
            if (!rendered.TryGetValue(unit.Id, out var objects)) continue;
            var environment = unit.Environment != null ? model.Environments.Find(unit.Environment) : null;
            byApp[unit.Application].AddRange(objects.Select(o =>
            {
                var template = unit.RepositoryFile(model.Root, o.SourceTemplate);
                return new CheckedObject(o, RelativeFile(model, o.File), unit.Application, unit.Namespace, LandsIn(model, unit.Application, o, unit.Namespace) ?? environment)
                {
                    TemplateFile = template,
                    Source = sources.Of(unit, o, template),
                };
            }));
        }

        foreach (var app in model.Applications)
        {
            var environment = model.EnvironmentOf(app) is { } name ? model.Environments.Find(name) : null;
            if (model.DirectoryObjects.TryGetValue(app.Key, out var objects))
            {
                byApp[app].AddRange(objects.Select(o => new CheckedObject(o, RelativeFile(model, o.File), app, app.DestinationNamespace,
                    LandsIn(model, app, o, app.EffectiveNamespace) ?? environment)));
            }
        }

        var manifests = model.Applications.Select(a => (Manifest: a.Manifest, App: (ArgoApplication?)a))
            .Concat(model.Projects.Select(p => (Manifest: p.Manifest, App: (ArgoApplication?)null)))
            .Concat(model.ApplicationSets.Select(s => (Manifest: s.Manifest, App: (ArgoApplication?)null)));
        var directorySources = DirectorySources(model);
        foreach (var (manifest, app) in manifests)
        {
            // A generated Application is deployed by the ApplicationSet, so its owner is whoever deploys the ApplicationSet.
            var owner = app?.GeneratedBy is { } set ? Owner(directorySources, set.File, null) : Owner(directorySources, manifest.File, app);
            var target = new CheckedObject(manifest, RelativeFile(model, manifest.File), owner, owner?.DestinationNamespace, null);
            // An Application, ApplicationSet or AppProject a chart or overlay renders (app-of-apps): at the repository file that made it.
            if (sources.Origin(manifest) is { } made) target = target with { TemplateFile = made.Template, Source = made.Source };
            if (owner != null) byApp[owner].Add(target);
            else loose.Add(target);
            if (app != null) appTargets[app] = target;
        }

        return new Deployments
        {
            ByApplication = byApp.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<CheckedObject>)kv.Value),
            ApplicationTargets = appTargets,
            All = byApp.Values.SelectMany(list => list).Concat(loose).ToList(),
            Sources = sources,
        };
    }

    /// <summary>Files as findings show them: relative to the root (the Template stage already names artifacts that way).</summary>
    public static string RelativeFile(RepositoryModel model, string file) =>
        Path.IsPathRooted(file) ? model.Relative(file) : file.Replace('\\', '/');

    /// <summary>The folders Applications read plain manifests from (local directory sources, not charts or kustomizations).</summary>
    private static List<(ArgoApplication App, string Dir, bool Recurse)> DirectorySources(RepositoryModel model) =>
        model.Applications
            .SelectMany(app => app.Sources
                .Where(s => s.Path != null && s.Chart == null && model.Identity.Contains(s.RepoUrl))
                .Select(s => (App: app, Source: s, Dir: SourceFolder.Resolve(model.Root, s.Path!) ?? "", Recurse: s.Directory?["recurse"]?.ToString() == "true")))
            .Where(d => d.Dir.Length > 0 && SourceKinds.Detect(d.Source, d.Dir) == SourceKind.Directory)
            .Select(d => (d.App, d.Dir, d.Recurse))
            .ToList();

    /// <summary>The Application whose directory source holds a manifest file (in a subfolder only when it recurses).</summary>
    private static ArgoApplication? Owner(List<(ArgoApplication App, string Dir, bool Recurse)> sources, string file, ArgoApplication? self)
    {
        var full = Path.GetFullPath(file);
        var parent = Path.GetDirectoryName(full)!;
        return sources.FirstOrDefault(d => d.App != self &&
            (parent == d.Dir || (d.Recurse && full.StartsWith(d.Dir + Path.DirectorySeparatorChar, StringComparison.Ordinal)))).App;
    }
}
