using System.Text.Json.Nodes;
using GitOps.Build.Config;
using GitOps.Build.Findings;
using GitOps.Build.GitOps.ApplicationSets;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;

namespace GitOps.Build.GitOps;

/// <summary>
/// Builds the <see cref="RepositoryModel"/> by following the root app the way Argo CD does:
/// directory sources are read for manifests (Applications found there are followed in turn),
/// Helm, Kustomize and plugin sources become render units (the kind as Argo CD detects it, see
/// <see cref="SourceKinds"/>). ApplicationSets found there (or given as the root app) are
/// expanded into the Applications they generate, which are followed like the others; without an
/// expander only fasttemplate ApplicationSets are expanded (goTemplate ones are reported).
/// Nothing here knows this repository's folder names.
/// </summary>
public static class RepositoryLoader
{
    /// <summary>
    /// The most Applications one load follows unless the run says otherwise (--max-applications): the
    /// repository's own, those an app-of-apps renders and those ApplicationSets generate. A pull request
    /// chooses all three (a chart that renders itself under new names never ends), so the run, not the
    /// repository, sets the bound; the model of this many stays well under a gigabyte.
    /// </summary>
    public const int DefaultMaxApplications = 10_000;

    /// <param name="rootAppPath">
    /// The root app file; or a folder, whose Applications and ApplicationSets are all roots (one per
    /// environment, or Applications applied by hand); or null: the roots are found in the repository
    /// (every Application and ApplicationSet; those another one deploys are followed once).
    /// </param>
    public static RepositoryModel Load(string root, string? rootAppPath, string? projectsPath = null, string? environmentsPath = null,
        ApplicationSetExpander? expander = null) =>
        Load(root, rootAppPath == null ? [] : [rootAppPath], projectsPath, environmentsPath, expander);

    /// <param name="rootAppPaths">Root app files or folders (the repository configuration's roots: may name several); empty: found.</param>
    /// <param name="environments">The environments the repository configuration declares; null: read <paramref name="environmentsPath"/>.</param>
    /// <param name="remotes">
    /// The git remotes of the repository (which URLs count as this repository, see
    /// <see cref="RepositoryIdentity"/>); null: read from the git repository holding <paramref name="root"/>.
    /// </param>
    public static RepositoryModel Load(string root, IReadOnlyList<string> rootAppPaths, string? projectsPath = null, string? environmentsPath = null,
        ApplicationSetExpander? expander = null, EnvironmentsConfig? environments = null, RenderedApplications? renderedApplications = null,
        IReadOnlyList<Git.GitRemote>? remotes = null, int maxApplications = DefaultMaxApplications)
    {
        root = Path.GetFullPath(root);
        expander ??= new ApplicationSetExpander();
        // Finding the roots walks the whole repository; the AppProjects it may need later come from the same walk.
        var everyArgoObject = new Lazy<IReadOnlyList<ManifestObject>>(() => rootAppPaths.Count == 0
            ? ArgoManifestFiles.Find(root, "Application", "ApplicationSet", "AppProject")
            : ArgoManifestFiles.Find(root, "AppProject"));
        var rootObjects = rootAppPaths.Count == 0 ? RootObjects(root, null, everyArgoObject) : rootAppPaths.SelectMany(p => RootObjects(root, p, everyArgoObject)).ToList();
        var rootAppPath = rootAppPaths.Count == 1 ? rootAppPaths[0] : null;
        var rootApps = rootObjects.Where(o => o.Kind == "Application").ToList();
        var rootSets = rootObjects.Where(o => o.Kind == "ApplicationSet").ToList();
        var rootApplication = rootApps.Count > 0 ? new ArgoApplication(rootApps[0]) : null;
        var named = NamedUrls(rootApps, rootSets);
        // No remote, and no root source's path is in this checkout: none of the URLs the roots name is evidence of
        // this repository's (a root app whose path is missing here deploys another repository). The model still loads
        // under a URL no Application names, so every git source is "elsewhere" (SOURCE-ELSEWHERE), not a missing path here.
        var identity = RepositoryIdentity.Decide(remotes ?? (Git.GitWorkingTree.Find(root)?.Remotes() ?? []), named, RepositoryUrl(root, rootApps, rootSets))
            ?? (named.Count > 0 ? RepositoryIdentity.Of(UnknownRepository(root)) : null)
            ?? throw new RepositoryException($"{rootAppPath ?? root}: no root Application names a source.repoURL, and the repository has no git remote.");
        var repoUrl = identity.Url;

        var problems = new List<Finding>();
        var applications = new List<ArgoApplication>();
        var projects = new Dictionary<string, AppProject>();
        var directoryObjects = new Dictionary<string, IReadOnlyList<ManifestObject>>();
        var units = new List<RenderUnit>();
        environments ??= LoadEnvironments(root, environmentsPath, problems);
        // The Argo CD objects units render (app-of-apps: Applications, ApplicationSets, AppProjects), with the unit: their findings name the file that made them.
        var renderedArgo = new Dictionary<ManifestObject, RenderUnit>(ReferenceEqualityComparer.Instance);
        var context = new LoadContext(root, identity, problems, new SourceFiles(RepositoryModel.Shell(root, identity, renderedArgo)));
        var applicationSets = new List<LoadedApplicationSet>();
        // Who deploys whom (the map draws it): an Application's name → the Application whose source holds or renders it.
        var deployedBy = new Dictionary<string, string>(StringComparer.Ordinal);

        var queue = new Queue<ArgoApplication>(rootApps.Select(a => new ArgoApplication(a)));
        // Past the run's limit nothing more is followed (or generated, or rendered to find more), and that is said once.
        var limitReported = false;
        // generatedBy: the ApplicationSet that generated an Application at, whose template the finding then names.
        bool Full(ManifestObject at, ManifestObject? generatedBy = null)
        {
            if (applications.Count + queue.Count < maxApplications) return false;
            if (!limitReported)
            {
                limitReported = true;
                problems.Add(context.Sources.Locate(at, "", generatedBy).Finding(Rules.GitOpsLimit, $"{at.Kind}/{at.Name}",
                    $"the repository makes the run follow more than {maxApplications:N0} Applications (its own, those an app-of-apps renders, those ApplicationSets generate), " +
                    $"the run's limit (--max-applications); {at.Kind} {at.Name} and whatever comes after it are not followed or checked"));
            }
            return true;
        }
        void Deploy(ArgoApplication app, ArgoApplication parent)
        {
            if (Full(app.Manifest)) return;
            // Found as a root too (roots found in the repository): the first Application that deploys it still is its parent.
            if (app.Name != parent.Name) deployedBy.TryAdd(app.Name, parent.Name);
            queue.Enqueue(app);
        }
        var seenSets = new HashSet<(string, string)>();
        var setsByName = new Dictionary<string, ManifestObject>(StringComparer.Ordinal);
        var setDeployedBy = new Dictionary<(string, string), string>();
        void Expand(ManifestObject set, ArgoApplication? parent)
        {
            // The same ApplicationSet reached twice, found as a root and rendered by an app-of-apps (the
            // rendered copy names the rendered file): one object in Argo CD, expanded once.
            if (!setsByName.TryAdd(set.Name, set) && setsByName[set.Name] is var first && JsonNode.DeepEquals(first.At("/spec"), set.At("/spec"))) set = first;
            var key = (Path.GetFullPath(set.File), set.Name);
            // Found as a root too: the Application that deploys it is still its parent.
            if (parent is not null) setDeployedBy.TryAdd(key, parent.Name);
            if (!seenSets.Add(key)) return;
            SameNameSet(set, parent);
            if (Full(set)) return;
            var expansion = expander.Expand(set, root, identity, context.Sources);
            problems.AddRange(expansion.Findings);
            var generated = new List<ArgoApplication>();
            foreach (var app in expansion.Applications.Select(a => new ArgoApplication(a) { GeneratedBy = set }))
            {
                if (Full(app.Manifest, set)) break;
                generated.Add(app);
                queue.Enqueue(app);
            }
            applicationSets.Add(new LoadedApplicationSet(set, generated));
        }
        // ApplicationSets by name and namespace (one object in one Argo CD): the first followed, and the root it was deployed from.
        var setsByIdentity = new Dictionary<(string, string), (ManifestObject Set, string Root)>();
        void SameNameSet(ManifestObject set, ArgoApplication? parent)
        {
            // The root Application it is deployed from; one found as a root is its own.
            var root = parent?.Name ?? $"{context.Relative(set.File)}:{set.Line}";
            for (var hops = 0; hops < 1000 && deployedBy.TryGetValue(root, out var up); hops++) root = up;
            var identity = (set.Name, set.Namespace is { Length: > 0 } ns ? ns : "argocd");
            if (!setsByIdentity.TryGetValue(identity, out var first))
            {
                setsByIdentity[identity] = (set, root);
                return;
            }
            // Deployed from one root, they land in one Argo CD; from two, only if one Argo CD serves both.
            var sameRoot = first.Root == root;
            problems.Add(context.Sources.Locate(set, "/metadata/name").Finding(Rules.AppSetDuplicate, $"ApplicationSet/{set.Name}",
                $"ApplicationSet '{set.Name}' (namespace {identity.Item2}) is defined here and in {context.Sources.Locate(first.Set, "").Place}; " +
                (sameRoot
                    ? $"both are deployed from {root}, so in its Argo CD they are one object, each sync replacing the other's generators and template. Both are expanded and checked"
                    : "they are deployed from different roots, so they collide only if one Argo CD serves both (with an Argo CD per cluster, check each cluster's roots with --root-app or roots:). Both are expanded and checked"),
                sameRoot ? null : Severity.Warning));
        }
        // A chart or overlay that renders Applications (app-of-apps through Helm or Kustomize): they are followed too.
        RepositoryModel? shell = null;
        // The ApplicationSets units rendered, with the unit: a root ApplicationSet file one of them read (a kustomize
        // base the overlay patches) is that rendered one, which Argo CD applies, not a second ApplicationSet.
        var renderedSets = new List<(ManifestObject Set, RenderUnit Unit)>();
        // The unit that rendered an Application (app-of-apps), by the Application object.
        var renderedBy = new Dictionary<ArgoApplication, RenderUnit>(ReferenceEqualityComparer.Instance);
        RenderUnit Follow(RenderUnit unit)
        {
            if (renderedApplications == null) return unit;
            foreach (var obj in renderedApplications.Of(shell ??= RepositoryModel.Shell(root, identity), unit))
            {
                renderedArgo[obj] = unit;
                if (obj.Kind == "Application")
                {
                    var rendered = new ArgoApplication(obj);
                    renderedBy[rendered] = unit;
                    Deploy(rendered, unit.Application);
                }
                // Findings on it name the chart template or kustomize resource that made it (renderedArgo), a file the reader can open.
                else if (obj.Kind == "AppProject") projects.TryAdd(obj.Name, new AppProject(obj));
                else
                {
                    renderedSets.Add((obj, unit));
                    Expand(obj, unit.Application);
                }
            }
            return unit;
        }
        // A file the unit that rendered one of the two read (the kustomize base it patches): one Application, not two.
        bool Patches(ArgoApplication rendered, ArgoApplication file) =>
            renderedBy.TryGetValue(rendered, out var unit) && !renderedBy.ContainsKey(file) && file.GeneratedBy == null &&
            unit.Inputs.Contains(Path.GetFullPath(file.Manifest.File), StringComparer.Ordinal);
        bool RenderedFrom(ManifestObject file) => renderedSets.Any(r => r.Set.Name == file.Name &&
            r.Unit.Inputs.Contains(Path.GetFullPath(file.File), StringComparer.Ordinal));
        // By name: every definition of a name followed so far (one, unless the repository defines it twice).
        var followed = new Dictionary<string, List<ArgoApplication>>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        // The root Applications and all they reach first, so that the overlays that render root ApplicationSet files are
        // known; then the root ApplicationSets no unit rendered, and what they generate.
        Drain();
        foreach (var rootSet in rootSets.Where(s => !RenderedFrom(s))) Expand(rootSet, null);
        Drain();
        void Drain()
        {
            while (queue.Count > 0)
            {
                var app = queue.Dequeue();
                if (!KubernetesNames.IsObjectName(app.Name))
                {
                    // Its name would become artifact and cache file names: not followed at all.
                    problems.Add(context.Problem(Rules.GitOpsName, app, "/metadata/name",
                        $"Application name '{app.Name}' is not a valid Kubernetes name; the Application is not followed"));
                    continue;
                }
                if (followed.TryGetValue(app.Name, out var sameName))
                {
                    // The same manifest reached twice (found as a root and deployed by another) is one Application.
                    if (sameName.Any(earlier => SameManifest(earlier, app) || Patches(earlier, app))) continue;
                    if (sameName.FirstOrDefault(earlier => Patches(app, earlier)) is { } file)
                    {
                        // Found as a root file first, then as the overlay that reads it renders it: the rendered one is what Argo CD
                        // applies, so it takes the file's place (and key); what was made of the file alone goes.
                        app = new ArgoApplication(app.Manifest) { GeneratedBy = app.GeneratedBy, Key = file.Key };
                        sameName[sameName.IndexOf(file)] = app;
                        applications.Remove(file);
                        units.RemoveAll(u => u.Application == file);
                        directoryObjects.Remove(file.Key);
                        problems.RemoveAll(p => p.Object == $"Application/{file.Name}" && p.File == context.Relative(file.Manifest.File));
                        keys.Remove(file.Key);
                    }
                    else
                    {
                        // Another definition of the name: followed too, so what it deploys is rendered and checked
                        // (whichever Argo CD ends up with, both are in the repository), under a key of its own.
                        app = new ArgoApplication(app.Manifest) { GeneratedBy = app.GeneratedBy, Key = KeyOf(app, keys, context) };
                        if (sameName.FirstOrDefault(earlier => (earlier.Manifest.Namespace ?? "argocd") == (app.Manifest.Namespace ?? "argocd")) is { } first)
                            problems.Add(context.Problem(Rules.GitOpsDuplicateApplication, app, "/metadata/name",
                                $"Application '{app.Name}' is defined here and in {Where(first, context)}; in one Argo CD they are one object, each sync replacing the other. " +
                                $"Both are followed and checked (this one as {app.Key}); for one Argo CD per cluster, name each cluster's roots with --root-app or roots:"));
                        sameName.Add(app);
                    }
                }
                else
                {
                    followed[app.Name] = [app];
                }
                keys.Add(app.Key);
                applications.Add(app);
                var sources = app.Sources;
                var refs = sources.Where(s => s.Ref != null).ToDictionary(s => s.Ref!, s => s);
                ApplicationSource? directorySource = null;
                foreach (var source in sources)
                {
                    if (source.IsHelmRepository)
                    {
                        if (!KubernetesNames.IsChartName(source.Chart, source.RepoUrl) || source.TargetRevision is { } version && !KubernetesNames.IsChartToken(version))
                        {
                            problems.Add(context.Problem(Rules.GitOpsName, app, source.Pointer + "/chart",
                                $"remote chart '{source.Chart}' version '{source.TargetRevision}' is not a valid chart name and version; not rendered"));
                            continue;
                        }
                        units.Add(Units.Remote(app, source, refs, context, environments));
                        continue;
                    }
                    if (!identity.Contains(source.RepoUrl))
                    {
                        // Said, never silently dropped: another repository's manifests are that repository's build's to check.
                        if (source.Ref == null || source.Path != null)
                            problems.Add(context.Problem(Rules.SourceElsewhere, app, source.Pointer + "/repoURL",
                                $"Application {app.Name} deploys {source.Path ?? "the root"} of {RepoUrl.Display(source.RepoUrl)}, another repository than this one ({RepoUrl.Display(repoUrl)}); not rendered or checked here"));
                        continue;
                    }
                    if (source.Path == null) continue; // a ref-only source
                    if (SourceFolder.Resolve(root, source.Path) is not { } dir)
                    {
                        problems.Add(context.Problem(Rules.GitOpsPath, app, source.Pointer + "/path",
                            $"source path '{source.Path}' resolves outside the repository; not read"));
                        continue;
                    }
                    if (!Directory.Exists(dir))
                    {
                        problems.Add(context.Problem(Rules.GitOpsPath, app, source.Pointer + "/path",
                            $"source path '{source.Path}' does not exist in this repository"));
                        continue;
                    }
                    if (SourceFolder.LinkOutside(root, dir) is { } link)
                    {
                        problems.Add(context.Problem(Rules.GitOpsPath, app, source.Pointer + "/path",
                            $"source path '{source.Path}' holds {context.Relative(link)}, a symlink that points outside the repository; not read"));
                        continue;
                    }
                    switch (SourceKinds.Detect(source, dir))
                    {
                        case SourceKind.Helm:
                            units.Add(Follow(Units.Local(app, source, dir, refs, context, environments)));
                            continue;
                        case SourceKind.Kustomize:
                            units.Add(Follow(Units.Kustomize(app, source, dir, context, environments)));
                            continue;
                        case SourceKind.Plugin:
                            units.Add(Units.Plugin(app, source, dir, context, environments));
                            continue;
                    }
                    var objects = DirectorySource.Read(dir, source.Directory, context, app);
                    foreach (var obj in objects)
                    {
                        if (obj.Kind == "Application") Deploy(new ArgoApplication(obj), app);
                        else if (obj.Kind == "ApplicationSet" && obj.Group == "argoproj.io") Expand(obj, app);
                        else if (obj.Kind == "AppProject") projects.TryAdd(obj.Name, new AppProject(obj));
                    }
                    var deployed = objects.Where(o => !(o.Kind is "Application" or "AppProject" || o.Kind == "ApplicationSet" && o.Group == "argoproj.io")).ToList();
                    directoryObjects[app.Key] = directoryObjects.TryGetValue(app.Key, out var earlier) ? [.. earlier, .. deployed] : deployed;
                    directorySource ??= source;
                }
                // The plain manifests of its directory sources are one unit, like a chart or an overlay: rendered to
                // artifacts/rendered, a JUnit case, a side of Diff.
                if (directorySource != null && directoryObjects.GetValueOrDefault(app.Key) is { Count: > 0 } plain)
                    units.Add(Units.Plain(app, directorySource, plain.Select(o => Path.GetFullPath(o.File)).Distinct().Order(StringComparer.Ordinal).ToList(), environments));
            }
        }

        // No environments declared: read them from the names the Applications use (printed by the run).
        if (environments.Environments.Count == 0 && problems.All(p => p.RuleId != Rules.YamlParse.Id || p.Object != "environments"))
            environments = EnvironmentInference.Config(applications, environments.File);

        // AppProjects are applied next to the root app, not by it (Bootstrap applies them first),
        // so they are read from their own folder as well as from anything the root app reaches.
        projectsPath ??= Path.Combine(root, "gitops", "argocd", "projects");
        if (Directory.Exists(projectsPath))
        {
            foreach (var obj in DirectorySource.Read(projectsPath, null, context).Where(o => o.Kind == "AppProject"))
            {
                projects.TryAdd(obj.Name, new AppProject(obj));
            }
        }
        // A project an Application names that neither place holds: wherever else the repository keeps
        // it (project/, argocd/projects/, next to the root app). Only those are taken, so fixtures or
        // examples elsewhere in a repository never stand in for projects the Applications do not use.
        var unresolved = applications.Select(a => a.Project).Where(p => !projects.ContainsKey(p)).ToHashSet(StringComparer.Ordinal);
        if (unresolved.Count > 0)
        {
            foreach (var project in everyArgoObject.Value.Where(p => p.Kind == "AppProject" && unresolved.Contains(p.Name)))
                projects.TryAdd(project.Name, new AppProject(project));
        }

        var assigned = UnitIds.Assign(units);
        // The units as the model holds them (with their ids), for the objects they rendered.
        var byUnit = units.Zip(assigned).ToDictionary<(RenderUnit First, RenderUnit Second), RenderUnit, RenderUnit>(p => p.First, p => p.Second, ReferenceEqualityComparer.Instance);
        return new RepositoryModel
        {
            Root = root,
            RepoUrl = repoUrl,
            Identity = identity,
            RootApplication = rootApplication,
            Applications = applications,
            ApplicationSets = applicationSets.Select(s => s with { DeployedBy = setDeployedBy.GetValueOrDefault((Path.GetFullPath(s.Manifest.File), s.Name)) }).ToList(),
            DeployedBy = deployedBy,
            Projects = projects.Values.OrderBy(p => p.Name).ToList(),
            Units = assigned,
            RenderedArgo = renderedArgo.ToDictionary<KeyValuePair<ManifestObject, RenderUnit>, ManifestObject, RenderUnit>(
                kv => kv.Key, kv => byUnit.GetValueOrDefault(kv.Value) ?? kv.Value, ReferenceEqualityComparer.Instance),
            DirectoryObjects = directoryObjects,
            Environments = environments,
            Problems = problems,
        };
    }

    /// <summary>
    /// One Application reached twice: the same file and line, or the same spec (a file found as a
    /// root and its copy rendered by the kustomization or chart that deploys it, which may add a
    /// namespace, labels or reorder keys, but is the one definition).
    /// </summary>
    private static bool SameManifest(ArgoApplication a, ArgoApplication b) =>
        Path.GetFullPath(a.Manifest.File) == Path.GetFullPath(b.Manifest.File) && a.Manifest.Line == b.Manifest.Line
        && a.Manifest.Body.ToJsonString() == b.Manifest.Body.ToJsonString()
        || JsonNode.DeepEquals(a.Manifest.At("/spec"), b.Manifest.At("/spec"));

    /// <summary>Where an Application is defined: its file and line, and the ApplicationSet that generates it.</summary>
    private static string Where(ArgoApplication app, LoadContext context) =>
        $"{context.Sources.Locate(app, "").Place}{(app.GeneratedBy != null ? $" (generated by ApplicationSet {app.GeneratedBy.Name})" : "")}";

    /// <summary>
    /// The key of a second Application of a name: <c>name@&lt;its file, without extension, '/' as '_'&gt;</c>,
    /// readable in artifact names (artifacts/rendered/web@team-b_apps_web.yaml) and the same from run to
    /// run; a counter only when one file defines the name twice.
    /// </summary>
    private static string KeyOf(ArgoApplication app, HashSet<string> taken, LoadContext context)
    {
        var file = context.Relative(app.Manifest.File);
        var tag = UnitIds.Safe(Path.ChangeExtension(file, null).Replace('/', '_').Replace('\\', '_').Replace('@', '_').Replace('#', '_'));
        var key = $"{app.Name}@{tag}";
        for (var n = 2; taken.Contains(key); n++) key = $"{app.Name}@{tag}.{n}";
        return key;
    }

    /// <param name="everyArgoObject">When the roots are found: the repository's Argo CD objects, walked once for the roots and the AppProjects.</param>
    private static IReadOnlyList<ManifestObject> RootObjects(string root, string? rootAppPath, Lazy<IReadOnlyList<ManifestObject>> everyArgoObject)
    {
        static bool IsRoot(ManifestObject o) => o.Kind is "Application" or "ApplicationSet";
        if (rootAppPath == null)
        {
            var found = everyArgoObject.Value.Where(IsRoot).ToList();
            return found.Count > 0 ? found : throw new RepositoryException(
                $"{root}: no Argo CD Application or ApplicationSet found in the repository. Pass --root-app=<file or folder> (relative to --root).{JsonnetRoots(root)}");
        }
        if (Directory.Exists(rootAppPath))
        {
            var inFolder = ArgoManifestFiles.Find(rootAppPath, "Application", "ApplicationSet");
            return inFolder.Count > 0 ? inFolder : throw new RepositoryException($"{rootAppPath}: the folder holds no Argo CD Application or ApplicationSet.");
        }
        if (CommittedLinkOutside(root, rootAppPath))
        {
            throw new RepositoryException($"{rootAppPath}: the root app is a symlink that points outside the repository; it is not read (Argo CD refuses out-of-bounds symlinks): commit the file itself.");
        }
        if (!File.Exists(rootAppPath))
        {
            throw new RepositoryException($"{rootAppPath}: root app not found. Pass --root-app=<file or folder> (relative to --root), or leave it out to find the roots.");
        }
        if (Path.GetExtension(rootAppPath) is ".jsonnet" or ".libsonnet")
        {
            throw new RepositoryException($"{rootAppPath}: is Jsonnet, which Argo CD evaluates and this build does not run. {RenderJsonnet}");
        }
        var objects = ManifestReader.ReadFile(rootAppPath).Where(IsRoot).ToList();
        // One root from a file, as before: the first Application (else the first ApplicationSet).
        var first = objects.FirstOrDefault(o => o.Kind == "Application") ?? objects.FirstOrDefault()
            ?? throw new RepositoryException($"{rootAppPath}: holds no Argo CD Application (kind: Application) or ApplicationSet.");
        return [first];
    }

    private const string RenderJsonnet = "Render what it makes to YAML in a folder of its own (jsonnet -y -J <libs> <file> > rendered/root.yaml: a document per object of the array it returns) and pass --root-app=rendered/ (each Application there is a root).";

    /// <summary>
    /// A hint when the repository's Argo CD objects are written in Jsonnet (a .jsonnet or .libsonnet file
    /// names argoproj.io), which Argo CD evaluates and this build does not: the entry points (.jsonnet,
    /// the shallowest first) to render; empty when there is none.
    /// </summary>
    private static string JsonnetRoots(string root)
    {
        var jsonnet = IO.FolderWalk.Entries(root, dir => !IO.FolderWalk.NotRepositoryContent.Contains(dir.Name))
            .OfType<FileInfo>().Where(f => f.LinkTarget == null && f.Extension is ".jsonnet" or ".libsonnet" && f.Length < 1_000_000).ToList();
        if (!jsonnet.Any(ReadsArgo)) return "";
        var entries = jsonnet.Where(f => f.Extension == ".jsonnet").Select(f => IO.RepoPath.Relative(root, f.FullName))
            .OrderBy(f => f.Count(c => c == '/')).ThenBy(f => f, StringComparer.Ordinal).Take(3).ToList();
        return $" Its Argo CD objects look written in Jsonnet{(entries.Count > 0 ? $" ({string.Join(", ", entries)})" : "")}, which Argo CD evaluates and this build does not run. {RenderJsonnet}";

        static bool ReadsArgo(FileInfo file)
        {
            try { return File.ReadAllText(file.FullName).Contains("argoproj.io", StringComparison.Ordinal); }
            catch (IOException) { return false; }
        }
    }

    /// <summary>
    /// The URL the roots know this repository by: the one source repoURL they use most for a path
    /// that exists here (ApplicationSets: their git generators' repoURL). What <see cref="RepositoryIdentity"/>
    /// takes when no root names the clone's git remotes.
    /// </summary>
    private static string? RepositoryUrl(string root, IReadOnlyList<ManifestObject> apps, IReadOnlyList<ManifestObject> sets)
    {
        if (apps.Count == 1 && sets.Count == 0) return new ArgoApplication(apps[0]).Sources.FirstOrDefault()?.RepoUrl;
        var candidates = apps.SelectMany(a => new ArgoApplication(a).Sources)
            .Where(s => s.Path != null && s.Chart == null && SourceFolder.Resolve(root, s.Path) is { } dir && Directory.Exists(dir))
            .Select(s => s.RepoUrl)
            .Concat(sets.Select(ApplicationSetRepoUrl).OfType<string>())
            .GroupBy(RepoUrl.Normalize)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        // None when no root source's path is in this checkout (see Load: the remotes, else an unknown URL).
        return candidates?.First();
    }

    /// <summary>This checkout when no root says which repository it is: a URL no Application names.</summary>
    private static string UnknownRepository(string root) => new Uri(Path.GetFullPath(root)).AbsoluteUri;

    /// <summary>
    /// Every Git repository URL the roots name, most named first: their sources' (not Helm
    /// repositories'), root ApplicationSets' git generators' and templates' (when not templated).
    /// </summary>
    private static IReadOnlyList<string> NamedUrls(IReadOnlyList<ManifestObject> apps, IReadOnlyList<ManifestObject> sets) =>
        apps.SelectMany(a => new ArgoApplication(a).Sources).Where(s => !s.IsHelmRepository).Select(s => s.RepoUrl)
            .Concat(sets.SelectMany(ApplicationSetRepoUrls))
            .Where(u => u.Length > 0)
            .GroupBy(RepoUrl.Repository)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();

    /// <summary>
    /// The repository a root ApplicationSet belongs to: its first git generator's repoURL, else
    /// its template's source repoURL when that is not templated.
    /// </summary>
    private static string? ApplicationSetRepoUrl(ManifestObject set) => ApplicationSetRepoUrls(set).FirstOrDefault();

    /// <summary>An ApplicationSet's git generators' repoURLs, then its template's source repoURLs, those not templated.</summary>
    private static IEnumerable<string> ApplicationSetRepoUrls(ManifestObject set)
    {
        static IEnumerable<string> GitRepos(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            JsonObject o => (o["git"] is JsonObject git && git["repoURL"]?.ToString() is { Length: > 0 } url ? [url] : Array.Empty<string>())
                .Concat(o.SelectMany(kv => GitRepos(kv.Value))),
            JsonArray a => a.SelectMany(GitRepos),
            _ => [],
        };
        var fromTemplate = new[] { set.Text("/spec/template/spec/source/repoURL") }
            .Concat((set.At("/spec/template/spec/sources") as JsonArray ?? []).Select(s => s?["repoURL"]?.ToString()))
            .OfType<string>();
        return GitRepos(set.At("/spec/generators")).Concat(fromTemplate).Where(u => !FastTemplate.HasTags(u));
    }

    /// <summary>
    /// A path inside the repository as written that resolves (symlinks followed) outside it: a link the
    /// repository holds, never followed. (A path the operator gives outside the repository is theirs.)
    /// </summary>
    private static bool CommittedLinkOutside(string root, string path) =>
        IO.RepoPath.IsUnder(root, path) && Path.Exists(path) && !IO.RepoPath.IsInside(root, path);

    private static EnvironmentsConfig LoadEnvironments(string root, string? path, List<Finding> problems)
    {
        path ??= Path.Combine(root, "gitops", "environments.yaml");
        if (CommittedLinkOutside(root, path))
        {
            problems.Add(Rules.GitOpsPath.At("environments", IO.RepoPath.Relative(root, path), 1, "the environments file is a symlink that points outside the repository; not read"));
            return EnvironmentsConfig.Empty;
        }
        try
        {
            return EnvironmentsConfig.Load(path);
        }
        catch (ManifestParseException e)
        {
            problems.Add(Rules.YamlParse.At("environments", IO.RepoPath.Relative(root, e.File), e.Line, e.Message));
            return EnvironmentsConfig.Empty;
        }
    }
}

/// <summary>What the loader's helpers share: the root, which URLs are this repository, the problem list.</summary>
/// <param name="Sources">Where a finding on an Argo CD object points (the file that made one an app-of-apps renders).</param>
internal sealed record LoadContext(string Root, RepositoryIdentity Identity, List<Finding> Problems, SourceFiles Sources)
{

    public string Relative(string path) => IO.RepoPath.Relative(Root, path);

    /// <summary>A finding on the Application at <paramref name="pointer"/>: at the repository file that made it when a chart or overlay rendered it (or the ApplicationSet that generated it).</summary>
    public Finding Problem(Rule rule, ArgoApplication app, string pointer, string message) =>
        Sources.Locate(app, pointer).Finding(rule, $"Application/{app.Name}", message);
}
