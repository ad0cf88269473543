using System.Text.Json.Nodes;
using GitOps.Build.Checks;
using GitOps.Build.Manifests;

namespace GitOps.Build.GitOps;

/// <summary>
/// Builds the <see cref="RepositoryModel"/> by following the root app the way Argo CD does:
/// directory sources are read for manifests (Applications found there are followed in turn),
/// Helm, Kustomize and plugin sources become render units (the kind as Argo CD detects it, <see cref="SourceKinds"/>). Nothing here knows this repository's folder names.
/// </summary>
public static class RepositoryLoader
{
    public static RepositoryModel Load(string root, string rootAppPath, string? projectsPath = null, string? environmentsPath = null)
    {
        root = Path.GetFullPath(root);
        if (!File.Exists(rootAppPath))
        {
            throw new RepositoryException($"{rootAppPath}: root app not found. Pass --root-app=<file> (relative to --root) or --root=<repository>.");
        }
        var rootApp = ManifestReader.ReadFile(rootAppPath).FirstOrDefault(o => o.Kind == "Application")
            ?? throw new RepositoryException($"{rootAppPath}: holds no Argo CD Application (kind: Application).");
        var rootApplication = new ArgoApplication(rootApp);
        var repoUrl = rootApplication.Sources.FirstOrDefault()?.RepoUrl
            ?? throw new RepositoryException($"{rootAppPath}:{rootApp.Line}: the root app has no source.repoURL.");

        var problems = new List<Finding>();
        var applications = new List<ArgoApplication>();
        var projects = new Dictionary<string, AppProject>();
        var directoryObjects = new Dictionary<string, IReadOnlyList<ManifestObject>>();
        var units = new List<RenderUnit>();
        var environments = LoadEnvironments(root, environmentsPath, problems);
        var context = new LoadContext(root, repoUrl, problems);

        var queue = new Queue<ArgoApplication>([rootApplication]);
        var seen = new HashSet<string>();
        while (queue.Count > 0)
        {
            var app = queue.Dequeue();
            if (!seen.Add(app.Name)) continue;
            applications.Add(app);
            var sources = app.Sources;
            var refs = sources.Where(s => s.Ref != null).ToDictionary(s => s.Ref!, s => s);
            foreach (var source in sources)
            {
                if (source.IsHelmRepository)
                {
                    units.Add(Units.Remote(app, source, refs, context, environments));
                    continue;
                }
                if (source.Path == null) continue; // a ref-only source, or a remote we cannot read
                if (!RepoUrl.Same(source.RepoUrl, repoUrl)) continue;
                var dir = Path.GetFullPath(Path.Combine(root, source.Path));
                if (!Directory.Exists(dir))
                {
                    problems.Add(context.Problem(Rules.GitOpsPath, app, source.Pointer + "/path",
                        $"source path '{source.Path}' does not exist in this repository"));
                    continue;
                }
                switch (SourceKinds.Detect(source, dir))
                {
                    case SourceKind.Helm:
                        units.Add(Units.Local(app, source, dir, refs, context, environments));
                        continue;
                    case SourceKind.Kustomize:
                        units.Add(Units.Kustomize(app, source, dir, context, environments));
                        continue;
                    case SourceKind.Plugin:
                        units.Add(Units.Plugin(app, source, dir, environments));
                        continue;
                }
                var objects = DirectorySource.Read(dir, source.Directory, context, app);
                foreach (var obj in objects)
                {
                    if (obj.Kind == "Application") queue.Enqueue(new ArgoApplication(obj));
                    else if (obj.Kind == "AppProject") projects.TryAdd(obj.Name, new AppProject(obj));
                }
                var deployed = objects.Where(o => o.Kind is not ("Application" or "AppProject")).ToList();
                directoryObjects[app.Name] = directoryObjects.TryGetValue(app.Name, out var earlier) ? [.. earlier, .. deployed] : deployed;
            }
        }

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

        return new RepositoryModel
        {
            Root = root,
            RepoUrl = repoUrl,
            RootApplication = rootApplication,
            Applications = applications,
            Projects = projects.Values.OrderBy(p => p.Name).ToList(),
            Units = UnitIds.Assign(units),
            DirectoryObjects = directoryObjects,
            Environments = environments,
            Problems = problems,
        };
    }

    private static EnvironmentsConfig LoadEnvironments(string root, string? path, List<Finding> problems)
    {
        path ??= Path.Combine(root, "gitops", "environments.yaml");
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

/// <summary>What the loader's helpers share: the root, the repository URL, the problem list.</summary>
internal sealed record LoadContext(string Root, string RepoUrl, List<Finding> Problems)
{
    public string Relative(string path) => IO.RepoPath.Relative(Root, path);

    public Finding Problem(Rule rule, ArgoApplication app, string pointer, string message) =>
        rule.At($"Application/{app.Name}", Relative(app.Manifest.File), app.Manifest.LineOf(pointer), message);
}
