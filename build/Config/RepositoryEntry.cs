using GitOps.Build.IO;
using GitOps.Build.Manifests;
using GitOps.Build.Primitives;

namespace GitOps.Build.Config;

/// <summary>
/// Where a run enters the GitOps repository: its root folder, its configuration (gitops-build.yaml)
/// and its entry points (root apps, the AppProjects folder, the environments file), resolved from
/// what the command line gave (--root, --root-app, --projects, --environments) before any task runs.
/// </summary>
/// <param name="RootApp">--root-app as given (relative to the root); null when not given.</param>
/// <param name="RootAppPaths">The root app files or folders, absolute; empty when the roots are to be found in the repository.</param>
public sealed record RepositoryEntry(
    string RepositoryRoot,
    string? RootApp,
    IReadOnlyList<string> RootAppPaths,
    RepositoryConfig Config,
    string ProjectsPath,
    string EnvironmentsPath)
{
    /// <summary>Where the root app is by default; when it is not there and none is given, the roots are found.</summary>
    public const string DefaultRootApp = "gitops/argocd/bootstrap/root-app.yaml";

    /// <summary>The root app file or folder; null when there are several (the configuration's roots:) or none.</summary>
    public string? RootAppPath => RootAppPaths.Count == 1 ? RootAppPaths[0] : null;

    /// <summary>Reads the repository's configuration and works out its entry points.</summary>
    /// <param name="root">The repository root, absolute.</param>
    /// <exception cref="InputException">No such folder, or a configuration that is not understood (its file, line and fix).</exception>
    public static RepositoryEntry Open(string root, string? rootApp, string projects, string environments)
    {
        if (!Directory.Exists(root))
            throw new InputException($"--root={root}: no such folder. Give the path of a GitOps repository.");
        RepositoryConfig config;
        try
        {
            config = RepositoryConfigReader.Load(root);
        }
        catch (ManifestParseException e)
        {
            // A configuration that is not understood is refused before anything runs, like a mistyped argument.
            throw new InputException($"{RepoPath.Relative(root, e.File)}:{e.Line}: {e.Problem}");
        }
        var roots = RootsOf(root, config, rootApp is { } given ? Path.GetFullPath(given, root) : null);
        return new RepositoryEntry(root, rootApp, roots, config, Path.GetFullPath(projects, root), Path.GetFullPath(environments, root));
    }

    /// <summary>
    /// The same entry points in a copy of the repository at <paramref name="copyRoot"/> (Diff's base
    /// revision written out): the root app given, the AppProjects folder and the environments file
    /// mapped into the copy, the roots otherwise from the copy's own configuration, as that revision reads them.
    /// </summary>
    /// <exception cref="ManifestParseException">The copy's gitops-build.yaml is not understood.</exception>
    public RepositoryEntry InCopy(string copyRoot)
    {
        string Mapped(string path) => Path.Combine(copyRoot, Path.GetRelativePath(RepositoryRoot, path));
        var config = RepositoryConfigReader.Load(copyRoot);
        var roots = RootsOf(copyRoot, config, RootApp != null && RootAppPath != null ? Mapped(RootAppPath) : null);
        return new RepositoryEntry(copyRoot, RootApp, roots, config, Mapped(ProjectsPath), Mapped(EnvironmentsPath));
    }

    /// <summary>
    /// The root apps of the repository at <paramref name="root"/>: the one given, else the configuration's
    /// roots:, else the usual root app when it is there, else none (the roots are then found).
    /// </summary>
    public static IReadOnlyList<string> RootsOf(string root, RepositoryConfig config, string? givenRootApp)
    {
        if (givenRootApp != null) return [givenRootApp];
        if (config.Roots.Count > 0) return config.Roots;
        var usual = Path.GetFullPath(DefaultRootApp, root);
        return File.Exists(usual) ? [usual] : [];
    }
}
